import ComponentModel
import Compose
import Foundation

/// The test components (Fixtures/*.wat), assembled with `wasm-tools parse`, and the external
/// tools the tests compare against.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The component `name`.wat assembled to binary.
    static func bytes(_ name: String) throws -> [UInt8] {
        let source = directory.appendingPathComponent("\(name).wat").path
        // A file of its own per call: tests running in parallel assemble the same fixtures.
        let path = Tool.temporaryPath("\(name)-\(UUID().uuidString).wasm")
        let output = try Tool.run("wasm-tools", ["parse", source, "-o", path])
        guard output.status == 0 else { throw ToolFailure(message: output.text) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The component `name`.wat as a composition input named `name`.
    static func input(_ name: String) throws -> InputComponent {
        try InputComponent(name: name, bytes: bytes(name))
    }
}

/// The C programs of Programs/ as embedded core modules (built by Programs/build.sh), made
/// into components by `ComponentNew` and by `wasm-tools component new`.
enum Programs {
    static let directory = Fixtures.directory.deletingLastPathComponent().appendingPathComponent("Programs")

    /// The path of `<name>-embedded.wasm`, the core module with its world embedded.
    static func module(_ name: String) -> String {
        directory.appendingPathComponent("\(name)-embedded.wasm").path
    }

    /// The component `ComponentNew` makes of program `name`, written to a temporary file that
    /// `wasm-tools validate` (with `features`, e.g. `all` for stackful async lifts) accepts.
    static func made(_ name: String, features: String? = nil) throws -> (Component, String) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: module(name))))
        let component = try ComponentNew.component(fromCoreModule: bytes, name: "\(name)-embedded.wasm")
        let path = try Tool.write(component, as: "\(name).wasm")
        let validation = try Tool.run("wasm-tools", ["validate"] + (features.map { ["--features", $0] } ?? []) + [path])
        guard validation.status == 0 else { throw ToolFailure(message: "wasm-tools rejects \(name).wasm: \(validation.text)") }
        return (component, path)
    }

    /// The path of the component `wasm-tools component new` makes of program `name` (without
    /// its validation when `validate` is false: it validates only default features).
    static func reference(_ name: String, validate: Bool = true) throws -> String {
        let path = Tool.temporaryPath("\(name)-wasm-tools-\(UUID().uuidString).wasm")
        let output = try Tool.run("wasm-tools", ["component", "new"] + (validate ? [] : ["--validate=false"]) + [module(name), "-o", path])
        guard output.status == 0 else { throw ToolFailure(message: output.text) }
        return path
    }
}

/// The host run_composed.py gives wasmtime, on wcomp's runtime: `test:host/env.base`
/// returning `base` and `test:res/counter` with a host `counter` resource.
enum TestHost {
    /// Counter values by representation.
    private final class Counters: @unchecked Sendable {
        var values: [UInt32: UInt32] = [:]
    }

    /// A linker with the test host's definitions.
    static func linker(base: UInt32 = 7) -> ComponentLinker {
        let linker = ComponentLinker()
        var environment = HostInstance()
        environment.defineFunction("base") { _ in [.u32(base)] }
        linker.defineInstance("test:host/env", environment)
        let counters = Counters()
        var counter = HostInstance()
        let type = counter.defineResource("counter")
        counter.defineFunction("[constructor]counter") { arguments in
            guard case .u32(let start)? = arguments.first else { return [] }
            let representation = UInt32(counters.values.count + 1)
            counters.values[representation] = start
            return [.resource(ResourceHandle(ownership: .own, resourceType: type.id, index: representation))]
        }
        counter.defineFunction("[method]counter.increment") { arguments in
            guard case .resource(let handle)? = arguments.first, let value = counters.values[handle.index] else { return [] }
            counters.values[handle.index] = value + 1
            return [.u32(value + 1)]
        }
        linker.defineInstance("test:res/counter", counter)
        return linker
    }

    /// Calls `function` of `component` instantiated with the test host.
    static func call(_ component: Component, _ function: String, _ arguments: [ComponentValue] = [],
                     base: UInt32 = 7) throws -> [ComponentValue] {
        try linker(base: base).instantiate(LoadedComponent(Component(decoding: component.encoded()))).call(function, arguments)
    }
}

/// A failed external tool run.
struct ToolFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Running external programs (wasm-tools, python3 with wasmtime).
enum Tool {
    private static let directory: String = {
        let path = NSTemporaryDirectory() + "wcomp-compose-tests-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// A path in this test run's temporary directory.
    static func temporaryPath(_ name: String) -> String { directory + "/" + name }

    /// Runs `program` with `arguments` from PATH; returns its exit status and combined output.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Writes `component` to a temporary file and returns its path.
    static func write(_ component: Component, as name: String) throws -> String {
        let path = temporaryPath(name)
        // Atomically: parallel tests may write the same component while another reads it.
        try Data(component.encoded()).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// `wasm-tools validate` on the file; returns nil when valid, else the message.
    static func wasmToolsValidate(_ path: String) throws -> String? {
        let output = try run("wasm-tools", ["validate", path])
        return output.status == 0 ? nil : output.text
    }

    /// Calls export `function` of the component at `path` on wasmtime (run_composed.py),
    /// with `test:host/env.base` returning `base` and `arguments` (integers, or `s:text` for
    /// strings); returns the printed result line.
    static func wasmtimeCall(_ path: String, _ function: String, base: UInt32 = 7, arguments: [String] = []) throws -> String {
        let script = Fixtures.directory.deletingLastPathComponent().appendingPathComponent("run_composed.py").path
        let output = try run("python3", [script, path, function, String(base)] + arguments)
        return output.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The error `ComponentNew` reports for the core module `wat` with world `world` of the WIT
    /// at `wit` embedded (by `wasm-tools component embed`); empty when it succeeds.
    static func componentNewError(_ wat: String, world: String, wit: String) throws -> String {
        let source = temporaryPath("bad-\(world).wat")
        try wat.write(toFile: source, atomically: true, encoding: .utf8)
        let core = temporaryPath("bad-\(world)-core.wasm")
        let embedded = temporaryPath("bad-\(world).wasm")
        for arguments in [["parse", source, "-o", core], ["component", "embed", wit, core, "--world", world, "-o", embedded]] {
            let output = try run("wasm-tools", arguments)
            guard output.status == 0 else { throw ToolFailure(message: output.text) }
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: embedded)))
        do {
            _ = try ComponentNew.component(fromCoreModule: bytes, name: "bad-\(world).wasm")
            return ""
        } catch {
            return error.description
        }
    }

    /// The canonical definitions `wasm-tools print` shows for the component at `path`, with
    /// indices and option order left out (the two tools number items differently).
    static func canonicalShapes(_ path: String) throws -> [String] {
        let printed = try run("wasm-tools", ["print", path]).text
        return printed.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "(canon ") else { return nil }
            let words = line[range.upperBound...].split(whereSeparator: { " ()".contains($0) })
            let kept = words.filter { word in
                !word.allSatisfy(\.isNumber) && !word.hasPrefix("$") && !word.hasPrefix(";") && !word.hasSuffix("\"")
            }
            return kept.map(String.init).sorted().joined(separator: " ")
        }.sorted()
    }
}
