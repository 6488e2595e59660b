import ComponentModel
import Compose
import Foundation
import Testing
import WIT
import WITComponent

/// `ComponentNew` with a world encoded from WIT gives the same component as with the world
/// wit-component embedded in the module's `component-type` section.
@Suite struct ComponentNewWorldTests {
    static let programs = PackageEncodingTests.repository.appendingPathComponent("Tests/ComposeTests/Programs")

    @Test func worldFromWITMatchesTheEmbeddedWorld() throws {
        let module = try [UInt8](Data(contentsOf: Self.programs.appendingPathComponent("calc-embedded.wasm")))
        let (resolve, main) = try Resolve.load(directory: Self.programs.appendingPathComponent("wit"))
        let world = try #require(resolve[package: main].worlds["calc"])
        let fromWIT = try ComponentNew.component(fromCoreModule: module, name: "calc", world: WITComponentEncoder.worldPackage(world, in: resolve))
        let fromSection = try ComponentNew.component(fromCoreModule: module, name: "calc")
        #expect(fromWIT.encoded() == fromSection.encoded())
        let validated = try fromWIT.validate()
        #expect(!validated.type.exports.isEmpty)
    }
}
