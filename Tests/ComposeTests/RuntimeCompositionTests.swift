import ComponentModel
import Compose
import Testing

/// The compositions run on wcomp's own component runtime give the results wasmtime gives
/// (`PlugCompositionTests` checks the wasmtime side).
@Suite struct RuntimeCompositionTests {
    /// Instantiates `component` with the test host (`test:host/env.base` returning `base`) and
    /// calls `run`.
    private func run(_ component: Component, base: UInt32 = 7) throws -> [ComponentValue] {
        try TestHost.call(component, "run", base: base)
    }

    @Test func threeLevelPlug() throws {
        let composed = try PlugComposer.compose(socket: Fixtures.input("socket"),
                                                plugs: [Fixtures.input("adder"), Fixtures.input("offset")])
        #expect(try run(composed, base: 7) == [.u32(2021)])
        #expect(try run(composed, base: 1) == [.u32(2003)])
    }

    @Test func resourcesAcrossTheBoundary() throws {
        let composed = try PlugComposer.compose(socket: Fixtures.input("counter-user"),
                                                plugs: [Fixtures.input("counter"), Fixtures.input("offset")])
        #expect(try run(composed, base: 3) == [.u32(1010)])
    }

    @Test func stringTranscoding() throws {
        let composed = try PlugComposer.compose(socket: Fixtures.input("greeter-user-utf8"),
                                                plugs: [Fixtures.input("greeter-utf16")])
        #expect(try run(composed) == [.string("héllo wörld!")])
    }
}
