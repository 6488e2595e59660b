import ComponentModel
import Compose
import Foundation
import Testing

/// `ComponentNew` on the modules `wasm-tools component embed --dummy-names legacy` generates
/// for the worlds of Programs/worlds (every import and export a world asks for, with
/// placeholder bodies): the component must have the world and the canonical definitions
/// `wasm-tools component new` gives the same module.
@Suite struct DummyModuleNewTests {
    /// A world, how its dummy module lifts and lowers async functions, and a file name.
    struct Case: CustomTestStringConvertible, Sendable {
        var wit: String
        var world: String
        var asyncOption: String?
        var testDescription: String { world + (asyncOption.map { " " + $0 } ?? "") }
    }

    static let cases = [
        Case(wit: "shapes.wit", world: "shapes-world"),
        Case(wit: "jobs.wit", world: "jobs-world", asyncOption: "--async-stackful"),
        Case(wit: "jobs.wit", world: "jobs-world", asyncOption: "--async-callback"),
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
        #expect(ours.status == 0 && ours.text == theirs.text)
        #expect(try Tool.canonicalShapes(path) == Tool.canonicalShapes(reference))
    }
}
