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

/// The names of the host tags that were freed, in order.
final class ReleaseLog {
    var names: [String] = []
}

/// A host object behind a guest's `tag`: it logs its name when it is freed.
final class HostTag: Tags.TagObject {
    let name: String
    private let log: ReleaseLog

    init(name: String, log: ReleaseLog) {
        self.name = name
        self.log = log
    }

    deinit { log.names.append(name) }

    func weight() throws -> UInt32 { UInt32(name.utf8.count) }

    func merge(other: any Tags.TagObject) throws -> any Tags.TagObject {
        guard let other = other as? HostTag else { throw ComponentTrap("not a host tag") }
        return HostTag(name: name + "+" + other.name, log: log)
    }
}

/// Makes the host's tags.
struct TagFactory: Tags.Host {
    let log: ReleaseLog

    func makeTag(name: String) throws -> any Tags.TagObject { HostTag(name: name, log: log) }
}

/// A clock that always says 41.
struct FixedClock: Example.Imports {
    func now() throws -> UInt64 { 41 }
}

/// Calls the hand-written component `Fixtures/example/example.wat` (built to `example.wasm`
/// with `wasm-tools parse`) through the committed generated bindings.
@Suite struct EndToEndTests {
    let logger = RecordingLogger()
    let released = ReleaseLog()
    let linker = ComponentLinker()
    let instance: InstantiatedComponent

    init() throws {
        let bytes = try Data(contentsOf: TestPaths.example.appending(path: "example.wasm"))
        Logger.register(logger, in: linker)
        Tags.register(TagFactory(log: released), in: linker)
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

    @Test func hostResourceIsAnObjectCreatedLentMovedAndReleasedOnce() throws {
        let counters = try Counters.Exports(instance)
        let tags = linker.resourceObjects(of: Tags.Tag.self, as: (any Tags.TagObject).self)
        // The guest makes tags "ab" and "cde", lends "ab" and moves "cde" into `merge`, drops "ab".
        let merged = try counters.combine(a: "ab", b: "cde")
        #expect(released.names == ["cde", "ab"])
        #expect(tags.count == 1)
        #expect((try tags.object(BorrowedHandle(merged)) as? HostTag)?.name == "ab+cde")
        // The guest lends the merged tag to its method `weight`.
        let counter = try counters.makeCounter(start: 10)
        try counters.counterAddWeight(counter: BorrowedHandle(counter), t: BorrowedHandle(merged))
        #expect(try counters.counterGet(counter: BorrowedHandle(counter)) == 16)
        #expect(released.names == ["cde", "ab"])
        // Given back to the guest, which drops its last handle: the host object is released.
        try counters.discardTag(t: merged)
        #expect(released.names == ["cde", "ab", "ab+cde"])
        #expect(tags.count == 0)
        #expect(throws: ComponentTrap.self) { try tags.object(BorrowedHandle(merged)) }
    }

    @Test func hostResourceMadeThroughTheGuestIsReleasedWhenTheGuestDropsIt() throws {
        let counters = try Counters.Exports(instance)
        let tags = linker.resourceObjects(of: Tags.Tag.self, as: (any Tags.TagObject).self)
        let tag = try counters.makeTag(name: "heavy")
        #expect((try tags.object(BorrowedHandle(tag)) as? HostTag)?.name == "heavy")
        let counter = try counters.makeCounter(start: 10)
        try counters.counterAddWeight(counter: BorrowedHandle(counter), t: BorrowedHandle(tag))
        #expect(try counters.counterGet(counter: BorrowedHandle(counter)) == 15)
        #expect(released.names.isEmpty)
        try counters.discardTag(t: tag)
        #expect(released.names == ["heavy"])
        #expect(tags.count == 0)
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
