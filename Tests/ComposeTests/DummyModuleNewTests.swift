import ComponentModel
import Compose
import Foundation
import Testing

/// `ComponentNew` on the modules `wasm-tools component embed --dummy-names legacy` generates
/// for the worlds of Programs/worlds (every import and export a world asks for, with
/// placeholder bodies): the component must have the world and the canonical definitions
/// `wasm-tools component new` gives the same module.
@Suite struct DummyModuleNewTests {
    /// A world, how its dummy module lifts and lowers async functions, and whether the WIT
    /// must match line for line or may list an interface's types in another order (wcomp keeps
    /// the order of the module's world; wit-component reorders an imported interface's types).
    struct Case: CustomTestStringConvertible, Sendable {
        var wit: String
        var world: String
        var asyncOption: String?
        var typeOrderMayDiffer = false
        var testDescription: String { world + (asyncOption.map { " " + $0 } ?? "") }
    }

    static let cases = [
        Case(wit: "shapes.wit", world: "shapes-world"),
        Case(wit: "jobs.wit", world: "jobs-world", asyncOption: "--async-stackful"),
        Case(wit: "jobs.wit", world: "jobs-world", asyncOption: "--async-callback"),
        Case(wit: "probe.wit", world: "big", typeOrderMayDiffer: true),
    ]

    @Test(arguments: cases) func matchesWasmTools(_ item: Case) throws {
        let wit = Programs.directory.appendingPathComponent("worlds").appendingPathComponent(item.wit).path
        let stem = item.world + (item.asyncOption ?? "")
        let module = Tool.temporaryPath("\(stem)-dummy.wasm")
        let embed = try Tool.run("wasm-tools", ["component", "embed", "--dummy-names", "legacy"]
                                 + (item.asyncOption.map { [$0] } ?? []) + [wit, "--world", item.world, "-o", module])
        guard embed.status == 0 else { throw ToolFailure(message: embed.text) }
        let reference = Tool.temporaryPath("\(stem)-wasm-tools.wasm")
        let made = try Tool.run("wasm-tools", ["component", "new", "--validate=false", module, "-o", reference])
        guard made.status == 0 else { throw ToolFailure(message: made.text) }

        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: module)))
        let component = try ComponentNew.component(fromCoreModule: bytes, name: "\(stem)-dummy.wasm")
        let path = try Tool.write(component, as: "\(stem).wasm")
        let validation = try Tool.run("wasm-tools", ["validate", "--features", "all", path])
        #expect(validation.status == 0, "\(validation.text)")
        let ours = try Tool.run("wasm-tools", ["component", "wit", path])
        let theirs = try Tool.run("wasm-tools", ["component", "wit", reference])
        #expect(ours.status == 0)
        if item.typeOrderMayDiffer {
            #expect(Self.orderFree(ours.text) == Self.orderFree(theirs.text))
        } else {
            #expect(ours.text == theirs.text)
        }
        #expect(try Tool.canonicalShapes(path) == Tool.canonicalShapes(reference))
    }

    /// The WASI 0.2 worlds wcomp hosts (wit/wcomp.wit): every interface, resource and type
    /// alias of WASI. wit-component names some used types by another interface that re-exports
    /// them and orders interface types differently, so the WIT is compared by the world's
    /// import and export names; the canonical definitions must be the same.
    @Test(arguments: ["proxy", "command", "host-imports"]) func wasiWorldsMatchWasmTools(_ world: String) throws {
        let wit = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("wit").path
        let module = Tool.temporaryPath("wasi-\(world)-dummy.wasm")
        let embed = try Tool.run("wasm-tools", ["component", "embed", "--dummy-names", "legacy", wit, "--world", world, "-o", module])
        guard embed.status == 0 else { throw ToolFailure(message: embed.text) }
        let reference = Tool.temporaryPath("wasi-\(world)-wasm-tools.wasm")
        let made = try Tool.run("wasm-tools", ["component", "new", module, "-o", reference])
        guard made.status == 0 else { throw ToolFailure(message: made.text) }

        let component = try ComponentNew.component(fromCoreModule: [UInt8](try Data(contentsOf: URL(fileURLWithPath: module))),
                                                   name: "wasi-\(world)-dummy.wasm")
        let path = try Tool.write(component, as: "wasi-\(world).wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        let ours = try component.validate().type
        let theirs = try Component(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: reference)))).validate().type
        #expect(ours.imports.map(\.name) == theirs.imports.map(\.name))
        #expect(ours.exports.map(\.name) == theirs.exports.map(\.name))
        #expect(try Tool.canonicalShapes(path) == Tool.canonicalShapes(reference))
    }

    /// The lines of WIT `text`, sorted, with the names a `use` brings in sorted too.
    static func orderFree(_ text: String) -> [String] {
        text.split(separator: "\n").map { line -> String in
            guard line.contains("use "), let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") else { return String(line) }
            let names = line[line.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return line[...open] + names.sorted().joined(separator: ", ") + line[close...]
        }.sorted()
    }
}
