import ComponentModel
import Compose
import Foundation
import Testing
import WIT
import WITComponent

/// Decodes the worlds of real components — the composition test fixtures, compositions of
/// them, and the clang-built calculator made into a component — and compares with
/// `wasm-tools component wit`.
@Suite struct ComponentDecodingTests {
    static let fixtures = PackageEncodingTests.repository.appendingPathComponent("Tests/ComposeTests/Fixtures")
    static let programs = PackageEncodingTests.repository.appendingPathComponent("Tests/ComposeTests/Programs")

    /// Writes `bytes` to a temporary file and returns its path.
    static func write(_ bytes: [UInt8], as name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("witcomp-\(UUID().uuidString)-\(name).wasm").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The fixture `name`.wat assembled by wasm-tools.
    static func fixture(_ name: String) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("witcomp-\(UUID().uuidString)-\(name).wasm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try PackageEncodingTests.wasmTools(["parse", fixtures.appendingPathComponent("\(name).wat").path, "-o", path])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The resolution wasm-tools gives for WIT `text` (its printer and ours lay out the same
    /// resolution differently: package order, blank lines, grouped or separate `use`s).
    static func reparsed(_ text: String) throws -> String? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("witcomp-\(UUID().uuidString).wit")
        defer { try? FileManager.default.removeItem(at: path) }
        try text.write(to: path, atomically: true, encoding: .utf8)
        return try PackageEncodingTests.wasmTools(["component", "wit", "--json", path.path])
    }

    /// Decodes `bytes` and compares with wasm-tools: the JSON exactly, and the WIT text by the
    /// resolution wasm-tools reads back from it; returns what differs. A component that has no
    /// WIT (e.g. it exports a bare resource type) must be refused by both.
    static func compare(_ bytes: [UInt8], name: String) throws -> String? {
        let path = try write(bytes, as: name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let decoded: DecodedWIT
        do { decoded = try WITComponentDecoder.decode(bytes) } catch {
            return try PackageEncodingTests.wasmTools(["component", "wit", path]) == nil ? nil : "\(name): \(error)"
        }
        guard case .component(let resolve, let world) = decoded else { return "\(name): decoded as a package" }
        guard resolve[world: world].name == "root" else { return "\(name): world is not `root`" }
        guard ResolveJSON.text(resolve) == (try PackageDecodingTests.referenceJSON(path)) else { return "\(name): JSON differs" }
        let text = WITPrinter.print(resolve, main: decoded.package)
        guard let reference = try PackageEncodingTests.wasmTools(["component", "wit", path]) else { return "\(name): wasm-tools failed" }
        guard let ours = try reparsed(text), try ours == reparsed(reference) else {
            return "\(name): WIT text reads back differently:\n\(text)\n---\n\(reference)"
        }
        return nil
    }

    @Test func fixturesDecodeLikeWasmTools() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasSuffix(".wat") }.map { String($0.dropLast(4)) }.sorted()
        #expect(names.count >= 14)
        var failures: [String] = []
        for name in names {
            if let failure = try Self.compare(try Self.fixture(name), name: name) { failures.append(failure) }
        }
        print("component decoding: \(names.count - failures.count)/\(names.count) fixtures decode like wasm-tools")
        #expect(failures.isEmpty, "\(failures)")
    }

    /// Composed components (nested components, instances and aliases) and the C program made
    /// into a component with `wcomp new`.
    @Test func composedAndGeneratedComponentsDecodeLikeWasmTools() throws {
        let input = { (name: String) throws in try InputComponent(name: name, bytes: try Self.fixture(name)) }
        let compositions: [(String, Component)] = [
            ("socket+offset+adder", try PlugComposer.compose(socket: input("socket"), plugs: [input("offset"), input("adder")])),
            ("counter-user+counter", try PlugComposer.compose(socket: input("counter-user"), plugs: [input("counter")])),
            ("greeter-user-utf8+greeter-utf16", try PlugComposer.compose(socket: input("greeter-user-utf8"), plugs: [input("greeter-utf16")])),
        ]
        for (name, component) in compositions {
            let failure = try Self.compare(component.encoded(), name: name)
            #expect(failure == nil, "\(failure ?? "")")
        }
        let core = [UInt8](try Data(contentsOf: Self.programs.appendingPathComponent("calc-embedded.wasm")))
        let calc = try ComponentNew.component(fromCoreModule: core, name: "calc")
        let failure = try Self.compare(calc.encoded(), name: "calc")
        #expect(failure == nil, "\(failure ?? "")")
    }

    /// Whether componentize-py is on PATH (pip install componentize-py).
    static let componentizePyAvailable = (try? PackageEncodingTests.wasmTools(["--version"])) != nil
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/env")
        && ((try? Self.run(["componentize-py", "--version"])) ?? false)

    /// Runs a program from PATH; whether it succeeded.
    static func run(_ arguments: [String]) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A Python WASI 0.2 command built with componentize-py (18 MB, dozens of WASI interfaces
    /// with resources) decodes like wasm-tools decodes it.
    @Test(.enabled(if: componentizePyAvailable)) func componentizePyCommandDecodesLikeWasmTools() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("witcomp-\(UUID().uuidString)-command.wasm")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = PackageEncodingTests.repository.appendingPathComponent("Tests/WASITests/Python/build.sh").path
        try #require(try Self.run(["sh", script, "command", output.path]))
        let failure = try Self.compare([UInt8](try Data(contentsOf: output)), name: "python-command")
        #expect(failure == nil, "\(failure ?? "")")
    }

    /// A component export that is neither a function nor an instance has no WIT form.
    @Test func exportedModuleIsAnError() throws {
        let module: [UInt8] = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]
        let component = Component(sections: [
            ComponentSection(.coreModule(CoreModule(bytes: module))),
            ComponentSection(.exports([ComponentExport(name: "m", item: SortIndex(sort: .core(.module), index: 0))])),
        ])
        #expect {
            _ = try WITComponentDecoder.decode(component.encoded())
        } throws: { error in
            "\(error)".contains("component export `m` is not an instance or function")
        }
    }
}
