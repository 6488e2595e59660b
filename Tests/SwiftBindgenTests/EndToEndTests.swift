import ComponentModel
import Foundation
import Testing

/// Records what the guest logs.
final class RecordingLogger: Logger.Host {
    var messages: [String] = []

    func log(level: Logger.Level, message: String) throws {
        messages.append("\(level): \(message)")
    }
}

/// A clock that always says 41.
struct FixedClock: Example.Imports {
    func now() throws -> UInt64 { 41 }
}

/// Calls the hand-written component `Fixtures/example/example.wat` (built to `example.wasm`
/// with `wasm-tools parse`) through the committed generated bindings.
@Suite struct EndToEndTests {
    let logger = RecordingLogger()
    let instance: InstantiatedComponent

    init() throws {
        let bytes = try Data(contentsOf: TestPaths.example.appending(path: "example.wasm"))
        let linker = ComponentLinker()
        Logger.register(logger, in: linker)
        Example.register(FixedClock(), in: linker)
        instance = try linker.instantiate(LoadedComponent(bytes: [UInt8](bytes)))
    }

    @Test func recordsGoInAndComeBack() throws {
        let shapes = try Shapes.Exports(instance)
        #expect(try shapes.translate(p: Shapes.Point(x: 1, y: -2), dx: 5) == Shapes.Point(x: 6, y: -2))
    }

    @Test func variantsWithPayloads() throws {
        let shapes = try Shapes.Exports(instance)
        #expect(try shapes.area(s: .circle(3)) == 9)
        #expect(try shapes.area(s: .rect(Shapes.Point(x: 4, y: 5))) == 20)
        #expect(try shapes.area(s: .none) == 0)
    }

    @Test func flagsAndEnums() throws {
        let shapes = try Shapes.Exports(instance)
        #expect(try shapes.toggle(p: [.read]) == [.write, .exec])
        #expect(try shapes.toggle(p: []) == [.read, .write, .exec])
        #expect(try shapes.nextColor(c: .blue) == .red)
        #expect(try shapes.nextColor(c: .red) == .green)
    }

    @Test func resultsCarryOkAndErrorPayloads() throws {
        let shapes = try Shapes.Exports(instance)
        #expect(try shapes.divide(a: 7, b: 2) == .ok(3))
        #expect(try shapes.divide(a: 1, b: 0) == .error("division by zero"))
    }

    @Test func listsOfStringsAndOptions() throws {
        let shapes = try Shapes.Exports(instance)
        #expect(try shapes.first(items: ["alpha", "beta"]) == "alpha")
        #expect(try shapes.first(items: []) == nil)
    }

    @Test func importedInterfaceIsImplementedInSwift() throws {
        let shapes = try Shapes.Exports(instance)
        #expect(try shapes.greet(name: "wörld") == 6)
        #expect(logger.messages == ["info: wörld"])
    }

    @Test func worldLevelImportsAndExports() throws {
        let world = try Example.Exports(instance)
        #expect(try world.uptime() == 42)
        #expect(try world.version() == 7)
    }

    @Test func unregisteredImportFailsToLink() throws {
        let bytes = try Data(contentsOf: TestPaths.example.appending(path: "example.wasm"))
        let linker = ComponentLinker()
        Logger.register(logger, in: linker)
        #expect(throws: ComponentLinkError.self) { try linker.instantiate(LoadedComponent(bytes: [UInt8](bytes))) }
    }
}
