import ComponentModel
import Testing

/// The table of host objects behind a host-defined resource: insertion hands out distinct
/// owned handles, lookups and moves resolve them, and released representations are reused.
struct ResourceObjectTableTests {
    enum Note: ComponentResource {
        static var resourceName: String { "note" }
    }

    @Test func objectsAreInsertedLookedUpTakenAndReleased() throws {
        let table = ResourceObjectTable<Note, String>()
        let first = try table.insert("first")
        let second = try table.insert("second")
        #expect(first.handle.index != second.handle.index)
        #expect(table.count == 2)
        #expect(try table.object(BorrowedHandle(first)) == "first")
        #expect(try table.take(second) == "second")
        #expect(table.count == 1)
        #expect(throws: ComponentTrap.self) { try table.object(BorrowedHandle(second)) }
        try table.release(representation: first.handle.index)
        #expect(table.count == 0)
        #expect(throws: ComponentTrap.self) { try table.release(representation: first.handle.index) }
        let third = try table.insert("third")
        #expect(third.handle.index == first.handle.index)
        #expect(try table.object(BorrowedHandle(third)) == "third")
    }

    @Test func theLinkerKeepsOneTablePerResourceAndObjectType() throws {
        let linker = ComponentLinker()
        let notes = linker.resourceObjects(of: Note.self, as: String.self)
        _ = try notes.insert("kept")
        #expect(linker.resourceObjects(of: Note.self, as: String.self) === notes)
        #expect(linker.resourceObjects(of: Note.self, as: String.self).count == 1)
        #expect(linker.resourceObjects(of: Note.self, as: Int.self).count == 0)
    }
}
