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

/// Tags kept by the host for the guest: representations are keys of `names`.
final class TagStore: Tags.Host {
    var names: [UInt32: String] = [:]
    var destroyed: [String] = []
    private var next: UInt32 = 100

    func makeTag(name: String) throws -> ComponentModel.OwnedHandle<Tags.Tag> {
        next += 1
        names[next] = name
        return ComponentModel.OwnedHandle(representation: next)
    }

    func tagWeight(tag: ComponentModel.BorrowedHandle<Tags.Tag>) throws -> UInt32 {
        guard let name = names[tag.handle.index] else { throw ComponentTrap("no tag \(tag.handle.index)") }
        return UInt32(name.utf8.count)
    }

    func dropTag(representation: UInt32) throws {
        destroyed.append(names.removeValue(forKey: representation) ?? "unknown \(representation)")
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
    let tags = TagStore()
    let instance: InstantiatedComponent

    init() throws {
        let bytes = try Data(contentsOf: TestPaths.example.appending(path: "example.wasm"))
        let linker = ComponentLinker()
        Logger.register(logger, in: linker)
        Tags.register(tags, in: linker)
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

    @Test func exportedResourceIsCalledThroughItsHandle() throws {
        let counters = try Counters.Exports(instance)
        let counter = try counters.makeCounter(start: 5)
        try counters.counterIncrement(counter: BorrowedHandle(counter), by: 3)
        #expect(try counters.counterGet(counter: BorrowedHandle(counter)) == 8)
        let zero = try counters.counterZero()
        #expect(try counters.counterGet(counter: BorrowedHandle(zero)) == 0)
        #expect(counter.handle != zero.handle)
    }

    @Test func exportedResourceIsAnObjectWithMethods() throws {
        let counters = try Counters.Exports(instance)
        let counter = try Counters.Exports.Counter(counters, start: 2)
        try counter.increment(by: 40)
        #expect(try counter.get() == 42)
        let tag = try counters.makeTag(name: "abc")
        try counter.addWeight(t: BorrowedHandle(tag))
        #expect(try counter.get() == 45)
        let zero = try Counters.Exports.Counter.zero(counters)
        #expect(try zero.get() == 0)
        let before = try counters.drops()
        try zero.drop()
        #expect(try counters.drops() == before + 1)
        #expect(throws: (any Error).self) { try zero.get() }
        #expect(try counter.get() == 45)
    }

    @Test func droppedHandleRunsTheGuestDestructorAndCannotBeUsedAgain() throws {
        let counters = try Counters.Exports(instance)
        let counter = try counters.makeCounter(start: 1)
        #expect(try counters.drops() == 0)
        try counters.dropCounter(counter)
        #expect(try counters.drops() == 1)
        do {
            _ = try counters.counterGet(counter: BorrowedHandle(counter))
            Issue.record("a dropped handle was accepted")
        } catch {
            #expect("\(error)".contains("unknown handle index"), "\(error)")
        }
        #expect(throws: (any Error).self) { try counters.dropCounter(counter) }
    }

    @Test func hostResourceIsCreatedLentAndDestroyedThroughTheHostProtocol() throws {
        let counters = try Counters.Exports(instance)
        let tag = try counters.makeTag(name: "heavy")
        #expect(tags.names[tag.handle.index] == "heavy")
        let counter = try counters.makeCounter(start: 10)
        try counters.counterAddWeight(counter: BorrowedHandle(counter), t: BorrowedHandle(tag))
        #expect(try counters.counterGet(counter: BorrowedHandle(counter)) == 15)
        #expect(tags.destroyed.isEmpty)
        try counters.discardTag(t: tag)
        #expect(tags.destroyed == ["heavy"])
        #expect(tags.names.isEmpty)
    }

    @Test func handleOfAnotherResourceIsRejected() throws {
        let counters = try Counters.Exports(instance)
        let counter = try counters.makeCounter(start: 1)
        let tag = try counters.makeTag(name: "t")
        let mislabeled = BorrowedHandle<Counters.Counter>(tag.handle)
        #expect(throws: (any Error).self) { try counters.counterGet(counter: mislabeled) }
        #expect(try counters.counterGet(counter: BorrowedHandle(counter)) == 1)
    }

    @Test func unregisteredImportFailsToLink() throws {
        let bytes = try Data(contentsOf: TestPaths.example.appending(path: "example.wasm"))
        let linker = ComponentLinker()
        Logger.register(logger, in: linker)
        #expect(throws: ComponentLinkError.self) { try linker.instantiate(LoadedComponent(bytes: [UInt8](bytes))) }
    }
}
