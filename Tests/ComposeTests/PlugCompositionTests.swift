import ComponentModel
import Compose
import Foundation
import Testing

/// Plug composition of the fixture components, checked by both validators and by running the
/// result on wasmtime.
@Suite struct PlugCompositionTests {
    /// Composes, checks both validators accept the result, and returns it with its path.
    private func compose(_ socket: String, _ plugs: [String], file: String) throws -> (Component, String) {
        let composed = try PlugComposer.compose(socket: Fixtures.input(socket), plugs: plugs.map(Fixtures.input))
        let path = try Tool.write(composed, as: file)
        #expect(try Tool.wasmToolsValidate(path) == nil)
        _ = try Component(decoding: composed.encoded()).validate()
        return (composed, path)
    }

    private func importNames(_ component: Component) throws -> [String] {
        try component.validate().type.imports.map(\.name)
    }

    @Test func twoLevelPlugLeavesUnresolvedImportsOpenOnce() throws {
        let (composed, path) = try compose("socket", ["adder"], file: "two-level.wasm")
        // The socket's and the adder's `test:math/offset` imports become one import.
        #expect(try Set(importNames(composed)) == ["test:host/env", "test:math/offset"])
        #expect(try composed.validate().type.exports.map(\.name) == ["run"])
        // Open imports cannot be satisfied by the runner's host, so instantiation must fail
        // naming the missing import rather than succeed.
        #expect(try Tool.wasmtimeCall(path, "run").contains("test:math/offset"))
    }

    @Test func openModuleAndComponentImportsArePassedThrough() throws {
        let (composed, _) = try compose("module-user", ["offset"], file: "module-pass-through.wasm")
        let imports = try composed.validate().type.imports
        #expect(Set(imports.map(\.name)) == ["impl", "inner", "test:host/env"])
        guard case .coreModule(let module)? = imports.first(where: { $0.name == "impl" })?.type else {
            Issue.record("`impl` is not imported as a core module")
            return
        }
        #expect(module.imports.map { "\($0.module).\($0.name)" } == ["env.scale"])
        #expect(Set(module.exports.keys) == ["get", "memory"])
        guard case .component? = imports.first(where: { $0.name == "inner" })?.type else {
            Issue.record("`inner` is not imported as a component")
            return
        }
    }

    @Test func threeLevelPlugSharesDependencies() throws {
        let (composed, path) = try compose("socket", ["adder", "offset"], file: "three-level.wasm")
        // `test:host/env` is needed by the socket and by `offset`: one import remains.
        #expect(try importNames(composed) == ["test:host/env"])
        // run = add(base, offset) = base + offset + offset, offset = 1000 + base; one offset
        // instance serves both the socket and the adder.
        #expect(try Tool.wasmtimeCall(path, "run", base: 7) == "2021")
        #expect(try Tool.wasmtimeCall(path, "run", base: 1) == "2003")
        // Three components are embedded, each instantiated once.
        let nested = composed.sections.filter { if case .component = $0.content { true } else { false } }
        #expect(nested.count == 3)
    }

    @Test func semverCompatibleOpenImportsBecomeOne() throws {
        // The socket imports test:host/env@0.1.0, the offset plug @0.1.3: a component may not
        // import both, so the composition imports the interface once.
        let (composed, path) = try compose("socket-env-0.1.0", ["adder", "offset-env-0.1.3"], file: "versions.wasm")
        #expect(try importNames(composed) == ["test:host/env@0.1.3"])
        #expect(try Tool.wasmtimeCall(path, "run", base: 7) == "2021")
    }

    @Test func plugOrderDoesNotMatter() throws {
        let (first, _) = try compose("socket", ["adder", "offset"], file: "order-a.wasm")
        let (second, path) = try compose("socket", ["offset", "adder"], file: "order-b.wasm")
        #expect(try importNames(first) == importNames(second))
        #expect(try Tool.wasmtimeCall(path, "run", base: 7) == "2021")
    }
}

/// Resources and strings crossing the boundary between composed components.
@Suite struct BoundaryCompositionTests {
    @Test func resourcesCrossTheBoundary() throws {
        let composed = try PlugComposer.compose(socket: Fixtures.input("counter-user"),
                                                plugs: [Fixtures.input("counter"), Fixtures.input("offset")])
        let path = try Tool.write(composed, as: "resources.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        #expect(try composed.validate().type.imports.map(\.name) == ["test:host/env"])
        // counter(5) incremented twice is 7; offset() = 1000 + base(3).
        #expect(try Tool.wasmtimeCall(path, "run", base: 3) == "1010")
    }

    @Test func openResourceImportKeepsItsResourceType() throws {
        let composed = try PlugComposer.compose(socket: Fixtures.input("counter-user"), plugs: [Fixtures.input("offset")])
        let path = try Tool.write(composed, as: "open-resource.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        let printed = try Tool.run("wasm-tools", ["print", path]).text
        #expect(printed.contains("\"counter\" (type (sub resource))"))
        #expect(try Set(composed.validate().type.imports.map(\.name)) == ["test:res/counter", "test:host/env"])
        // counter(5) incremented twice by the host's counter, plus offset() = 1000 + base(3).
        #expect(try Tool.wasmtimeCall(path, "run", base: 3) == "1010")
        #expect(try TestHost.call(composed, "run", base: 3) == [.u32(1010)])
    }

    @Test func openResourceImportsOfSeveralComponentsBecomeOneWiderImport() throws {
        // The maker plug imports test:res/counter for its constructor, the socket for
        // `increment`, and the socket's `maker` import names the counter: the open import
        // exports both functions over one counter resource.
        let composed = try PlugComposer.compose(socket: Fixtures.input("maker-user"), plugs: [Fixtures.input("maker")])
        let path = try Tool.write(composed, as: "maker-open.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        let imports = try composed.validate().type.imports
        #expect(imports.map(\.name) == ["test:res/counter"])
        let printed = try Tool.run("wasm-tools", ["print", path]).text
        #expect(printed.contains("\"[constructor]counter\"") && printed.contains("\"[method]counter.increment\""))
        // Run with the host providing the counter: counter(4 * 10) incremented once.
        #expect(try Tool.wasmtimeCall(path, "run", arguments: ["4"]) == "41")
        #expect(try TestHost.call(composed, "run", [.u32(4)]) == [.u32(41)])
        // Plugging the open import in turn gives a runnable component: counter(4 * 10) + 1.
        let closed = try PlugComposer.compose(socket: InputComponent(name: "maker-open", component: composed),
                                              plugs: [Fixtures.input("counter")])
        let closedPath = try Tool.write(closed, as: "maker-closed.wasm")
        #expect(try Tool.wasmToolsValidate(closedPath) == nil)
        #expect(try closed.validate().type.imports.isEmpty)
        #expect(try Tool.wasmtimeCall(closedPath, "run", arguments: ["4"]) == "41")
        let instance = try ComponentLinker().instantiate(LoadedComponent(Component(decoding: closed.encoded())))
        #expect(try instance.call("run", [.u32(4)]) == [.u32(41)])
    }

    @Test func openComponentImportNamingResourcesIsPassedThrough() throws {
        // `inner` is a component type importing an interface with a resource, importing and
        // exporting resource types, and with a function over them.
        let composed = try PlugComposer.compose(socket: Fixtures.input("component-user"), plugs: [Fixtures.input("offset")])
        let path = try Tool.write(composed, as: "component-pass-through.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        let imports = try Component(decoding: composed.encoded()).validate().type.imports
        // (wasmtime does not run components that import components, so only validity is checked.)
        #expect(Set(imports.map(\.name)) == ["inner", "test:host/env"])
    }

    @Test func stringsAreTranscodedBetweenUTF8AndUTF16() throws {
        let composed = try PlugComposer.compose(socket: Fixtures.input("greeter-user-utf8"),
                                                plugs: [Fixtures.input("greeter-utf16")])
        let path = try Tool.write(composed, as: "strings.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        #expect(try composed.validate().type.imports.isEmpty)
        #expect(try Tool.wasmtimeCall(path, "run") == "héllo wörld!")
    }
}

/// Compositions that must be refused, with messages naming what is wrong.
@Suite struct PlugCompositionErrorTests {
    private func error(_ socket: String, _ plugs: [String]) throws -> ComposeError? {
        do {
            _ = try PlugComposer.compose(socket: Fixtures.input(socket), plugs: plugs.map(Fixtures.input))
            return nil
        } catch let error as ComposeError {
            return error
        }
    }

    @Test func mismatchedTypesNameImportProviderAndDifference() throws {
        let failure = try #require(try error("socket", ["adder", "offset-wrong-type"]))
        guard case .typeMismatch(let consumer, let importName, let provider, _, let difference) = failure else {
            Issue.record("expected a type mismatch, got \(failure)")
            return
        }
        #expect(importName == "test:math/offset")
        #expect(consumer == "adder")
        #expect(provider == "offset-wrong-type")
        #expect(difference.contains("u32") && difference.contains("u64"))
    }

    @Test func twoCompatibleProvidersAreAmbiguous() throws {
        let failure = try #require(try error("socket", ["adder", "offset", "offset-constant"]))
        guard case .ambiguous(_, let importName, let candidates) = failure else {
            Issue.record("expected an ambiguity, got \(failure)")
            return
        }
        #expect(importName == "test:math/offset")
        #expect(candidates.count == 2)
        #expect(failure.description.contains("offset-constant"))
    }

    @Test func aWrongTypedCandidateDoesNotMakeAnAmbiguity() throws {
        // Two exports of `test:math/offset`, only one with the right type: that one is chosen,
        // and the other is then reported as a plug that satisfies nothing.
        let failure = try #require(try error("socket", ["adder", "offset", "offset-wrong-type"]))
        #expect(failure == .unusedPlug("offset-wrong-type"))
    }

    @Test func cyclesAreRefused() throws {
        let failure = try #require(try error("socket", ["adder", "offset-from-adder"]))
        guard case .cycle(let path) = failure else {
            Issue.record("expected a cycle, got \(failure)")
            return
        }
        #expect(Set(path) == ["adder", "offset-from-adder"])
    }

    @Test func incompatibleVersionsAreNotPlugged() throws {
        let failure = try #require(try error("socket", ["adder-v2"]))
        #expect(failure == .unusedPlug("adder-v2"))
    }

    @Test func openImportNamingAPlugsResourceIsRefused() throws {
        // uses-user imports test:res/counter (plugged by counter) and test:res/uses, whose
        // function takes that counter: `uses` would stay open naming a resource the plug defines.
        let failure = try #require(try error("uses-user", ["counter"]))
        guard case .unsupported(let message) = failure else {
            Issue.record("expected an unsupported composition, got \(failure)")
            return
        }
        #expect(message.contains("import `test:res/uses`"))
        #expect(message.contains("`test:res/counter` of counter"))
    }

    @Test func badInputNamesTheFile() throws {
        do {
            _ = try InputComponent(name: "broken.wasm", bytes: [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 99])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("broken.wasm: "))
        }
    }
}
