import ComponentModel
import Compose
import Testing

/// `Component.validate(reusing:)`: core modules validated in full before are not validated
/// again, and nothing else is taken on trust.
@Suite struct ValidationReuseTests {
    /// `(module (func (result i32)))`: the body leaves nothing on the stack, so it is invalid.
    static let invalidModule: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,  // type 0: () -> (i32)
        0x03, 0x02, 0x01, 0x00,  // function 0 has type 0
        0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B,  // body: no locals, end
    ]

    @Test func compositionReusesTheInputsModules() throws {
        let socket = try Fixtures.input("socket")
        let plugs = [try Fixtures.input("offset"), try Fixtures.input("adder")]
        var known = ValidatedCoreModules()
        for input in [socket] + plugs { known.formUnion(input.validated.coreModules) }
        #expect(known.count >= 3)
        let composed = try PlugComposer.compose(socket: socket, plugs: plugs)
        let reused = try composed.validate(reusing: known)
        let full = try composed.validate()
        #expect(reused.type == full.type)
        #expect(reused.coreModules.count == full.coreModules.count)
    }

    @Test func modulesNotValidatedBeforeAreStillChecked() throws {
        let known = try Fixtures.input("adder").validated.coreModules
        let component = Component(sections: [ComponentSection(.coreModule(CoreModule(bytes: Self.invalidModule)))])
        #expect(throws: ComponentError.self) { try component.validate(reusing: known) }
        #expect(throws: ComponentError.self) { try component.validate() }
    }
}
