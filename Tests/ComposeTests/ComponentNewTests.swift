import ComponentModel
import Compose
import Foundation
import Testing

/// `ComponentNew` on the C program of Programs/ (built by Programs/build.sh with clang and
/// `wasm-tools component embed`), checked with both validators, wasmtime and wcomp's runtime.
@Suite struct ComponentNewTests {
    private func made() throws -> (Component, String) { try Programs.made("calc") }

    @Test func worldImportsAndExportsBecomeTheComponentType() throws {
        let (component, _) = try made()
        let type = try Component(decoding: component.encoded()).validate().type
        #expect(type.imports.map(\.name) == ["log", "base"])
        #expect(type.exports.map(\.name) == ["add", "greet", "test:cnew/text", "test:cnew/counters"])
        // The component-type section is not carried into the embedded module.
        let modules = component.sections.compactMap { if case .coreModule(let module) = $0.content { module } else { nil } }
        #expect(modules.allSatisfy { !$0.bytes.contains(sequence: Array("component-type".utf8)) })
    }

    @Test func hasTheCanonicalDefinitionsWasmToolsGives() throws {
        // Each lift and lower takes exactly the options `wasm-tools component new` gives it
        // (memory, realloc, string encoding as the types need), as do the resource built-ins.
        let (_, path) = try made()
        let shapes = try Tool.canonicalShapes(path)
        #expect(shapes == (try Tool.canonicalShapes(Programs.reference("calc"))))
        #expect(shapes.contains("func lower memory string-encoding=utf8"))
    }

    @Test func runsOnWasmtime() throws {
        let (_, path) = try made()
        #expect(try Tool.wasmtimeCall(path, "add", base: 100, arguments: ["1", "2"]) == "103")
        #expect(try Tool.wasmtimeCall(path, "greet", arguments: ["s:wörld"]) == "hello, wörld")
        #expect(try Tool.wasmtimeCall(path, "test:cnew/text#shout", arguments: ["s:hey"]) == "HEY!")
    }

    @Test func runsOnWcomp() throws {
        let (component, _) = try made()
        let loaded = try LoadedComponent(Component(decoding: component.encoded()))
        let linker = ComponentLinker()
        var logged: [ComponentValue] = []
        linker.defineFunction("base") { _ in [.u32(100)] }
        linker.defineFunction("log") { arguments in
            logged += arguments
            return []
        }
        let instance = try linker.instantiate(loaded)
        #expect(try instance.call("add", [.u32(1), .u32(2)]) == [.u32(103)])
        #expect(try instance.call("greet", [.string("wörld")]) == [.string("hello, wörld")])
        #expect(logged == [.string("wörld")])
        let shout = try #require(instance.exports.instance("test:cnew/text")?.function("shout"))
        #expect(try shout.call([.string("hey")]) == [.string("HEY!")])
    }

    @Test func exportedResourceOnWasmtime() throws {
        let (_, path) = try made()
        let script = Fixtures.directory.deletingLastPathComponent().appendingPathComponent("run_counters.py").path
        let output = try Tool.run("python3", [script, path]).text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Two increments of counter(5), then the destructor ran once when the host dropped it.
        #expect(output == "6 7 1")
    }

    @Test func exportedResourceOnWcomp() throws {
        let (component, _) = try made()
        let loaded = try LoadedComponent(Component(decoding: component.encoded()))
        let linker = ComponentLinker()
        linker.defineFunction("base") { _ in [.u32(1)] }
        linker.defineFunction("log") { _ in [] }
        let counters = try #require(try linker.instantiate(loaded).exports.instance("test:cnew/counters"))
        let constructor = try #require(counters.function("[constructor]counter"))
        let increment = try #require(counters.function("[method]counter.increment"))
        let destroyed = try #require(counters.function("[static]counter.destroyed"))
        guard case .resource(let handle)? = try constructor.call([.u32(5)]).first,
              case .type(.resource(let resourceType))? = counters["counter"] else {
            Issue.record("expected a counter handle and the exported resource type")
            return
        }
        #expect(try increment.call([.resource(handle)]) == [.u32(6)])
        #expect(try increment.call([.resource(handle)]) == [.u32(7)])
        try resourceType.drop(handle)
        #expect(try destroyed.call([]) == [.u32(1)])
    }

    @Test func madeComponentPluggedIntoAHostComponentNeedsNoImports() throws {
        // C module -> `ComponentNew` -> plug composition with a component exporting `base` and
        // `log` -> a component without imports (what `wcomp run --invoke` runs).
        let (component, _) = try made()
        let composed = try PlugComposer.compose(socket: InputComponent(name: "calc", component: component),
                                                plugs: [Fixtures.input("calc-host")])
        let path = try Tool.write(composed, as: "calc-app.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        #expect(try composed.validate().type.imports.isEmpty)
        let instance = try ComponentLinker().instantiate(LoadedComponent(Component(decoding: composed.encoded())))
        #expect(try instance.call("add", [.u32(1), .u32(2)]) == [.u32(103)])
        #expect(try instance.call("greet", [.string("wörld")]) == [.string("hello, wörld")])
        #expect(try Tool.wasmtimeCall(path, "test:cnew/text#shout", arguments: ["s:hey"]) == "HEY!")
    }

    @Test func aModuleWithoutWorldIsRefused() throws {
        let module: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        #expect(throws: ComposeError.self) { try ComponentNew.component(fromCoreModule: module, name: "empty.wasm") }
    }
}

private extension Array where Element == UInt8 {
    func contains(sequence: [UInt8]) -> Bool {
        guard sequence.count <= count else { return false }
        return (0...(count - sequence.count)).contains { self[$0..<$0 + sequence.count].elementsEqual(sequence) }
    }
}
