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

    /// WIT text as a set of non-blank lines per package block: wasm-tools prints nested
    /// packages in resolution order and spaces items differently, which carries no meaning.
    static func packageBlocks(_ text: String) -> Set<[String]> {
        var blocks: Set<[String]> = []
        var current: [String] = []
        for line in text.split(separator: "\n").map(String.init) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            if line.hasPrefix("package "), !current.isEmpty {
                blocks.insert(current)
                current = []
            }
            current.append(line)
        }
        if !current.isEmpty { blocks.insert(current) }
        return blocks
    }

    /// Decodes `bytes` and compares JSON (exactly) and WIT text (per package, ignoring blank
    /// lines) with wasm-tools; returns what differs.
    static func compare(_ bytes: [UInt8], name: String) throws -> String? {
        let path = try write(bytes, as: name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let decoded: DecodedWIT
        do { decoded = try WITComponentDecoder.decode(bytes) } catch { return "\(name): \(error)" }
        guard case .component(let resolve, let world) = decoded else { return "\(name): decoded as a package" }
        guard resolve[world: world].name == "root" else { return "\(name): world is not `root`" }
        guard ResolveJSON.text(resolve) == (try PackageDecodingTests.referenceJSON(path)) else { return "\(name): JSON differs" }
        let text = WITPrinter.print(resolve, main: decoded.package)
        guard let reference = try PackageEncodingTests.wasmTools(["component", "wit", path]) else { return "\(name): wasm-tools failed" }
        guard packageBlocks(text) == packageBlocks(reference) else { return "\(name): WIT text differs:\n\(text)\n---\n\(reference)" }
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
