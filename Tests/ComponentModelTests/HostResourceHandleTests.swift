import ComponentModel
import Testing

/// Handles the host holds to guest-defined resources: entries in the linker's table of host
/// handles, moved out when passed as `own`, invalid after a host-side drop, and borrows that
/// end when the host function that received them returns.
@Suite(.enabled(if: ComponentWAT.isAvailable, "needs wasm-tools"))
struct HostResourceHandleTests {
    /// The guest resource from `ComponentResourceTests`, made, consumed, inspected and counted.
    static let guestResource = ComponentResourceTests.guestResource

    /// A component importing resource `r` from elsewhere and a host function `observe` that
    /// borrows one; `forward` lends the handle it is given to `observe`, then drops its borrow.
    static let borrowingImporter = """
        (component
          (import "r" (type $R (sub resource)))
          (import "observe" (func $observe (param "r" (borrow $R)) (result u32)))
          (core func $observe (canon lower (func $observe)))
          (core func $drop (canon resource.drop $R))
          (core module $m
            (import "" "observe" (func $observe (param i32) (result i32)))
            (import "" "drop" (func $drop (param i32)))
            (func (export "forward") (param i32) (result i32)
              (call $observe (local.get 0))
              (call $drop (local.get 0))))
          (core instance $i (instantiate $m (with "" (instance
            (export "observe" (func $observe)) (export "drop" (func $drop))))))
          (func (export "forward") (param "r" (borrow $R)) (result u32) (canon lift (core func $i "forward")))
        )
        """

    private static func makeHandle(_ instance: InstantiatedComponent, _ representation: UInt32) throws -> ResourceHandle {
        guard case .resource(let handle)? = try instance.call("make", [.u32(representation)]).first else {
            throw ComponentTrap("make returned no handle")
        }
        return handle
    }

    private static func expectTrap(_ message: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a trap containing \"\(message)\"")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func hostHandlesAreTableIndicesNotRepresentations() throws {
        let instance = try ComponentWAT.instantiate(Self.guestResource)
        let first = try Self.makeHandle(instance, 1000)
        let second = try Self.makeHandle(instance, 2000)
        #expect(first.index != 1000 && second.index != 2000 && first.index != second.index)
        #expect(try instance.call("inspect", [.resource(second)]) == [.u32(2000)])
        #expect(try instance.call("inspect", [.resource(first)]) == [.u32(1000)])
    }

    @Test func anOwnedHandleMovedIntoACallCannotBeUsedAgain() throws {
        let instance = try ComponentWAT.instantiate(Self.guestResource)
        let handle = try Self.makeHandle(instance, 3)
        #expect(try instance.call("consume", [.resource(handle)]) == [])
        #expect(try instance.call("drops", []) == [.u32(1)])
        Self.expectTrap("unknown handle index \(handle.index)") {
            _ = try instance.call("consume", [.resource(handle)])
        }
        Self.expectTrap("unknown handle index \(handle.index)") {
            _ = try instance.call("inspect", [.resource(handle)])
        }
        #expect(try instance.call("drops", []) == [.u32(1)], "the destructor ran once")
    }

    @Test func aDroppedHandleIsGoneAndItsDestructorRanOnce() throws {
        let linker = ComponentLinker()
        let instance = try ComponentWAT.instantiate(Self.guestResource, linker: linker)
        let handle = try Self.makeHandle(instance, 8)
        try linker.drop(handle)
        #expect(try instance.call("drops", []) == [.u32(1)])
        #expect(try instance.call("last", []) == [.u32(8)])
        Self.expectTrap("unknown handle index") { try linker.drop(handle) }
        Self.expectTrap("unknown handle index") { _ = try instance.call("inspect", [.resource(handle)]) }
        #expect(try instance.call("drops", []) == [.u32(1)])
    }

    @Test func aBorrowedHandleCannotBeMovedOrDropped() throws {
        let linker = ComponentLinker()
        let instance = try ComponentWAT.instantiate(Self.guestResource, linker: linker)
        let owned = try Self.makeHandle(instance, 4)
        let borrowed = ResourceHandle(ownership: .borrow, resourceType: owned.resourceType, index: owned.index)
        #expect(throws: ComponentTrap.self) { try linker.drop(borrowed) }
        #expect(throws: ComponentTrap.self) { try instance.call("consume", [.resource(borrowed)]) }
        #expect(try instance.call("inspect", [.resource(borrowed)]) == [.u32(4)])
    }

    @Test func borrowsGivenToAHostFunctionEndWhenItReturns() throws {
        final class Seen { var handles: [ResourceHandle] = []; var inspected: [ComponentValue] = [] }
        let seen = Seen()
        let linker = ComponentLinker()
        let definer = try ComponentWAT.instantiate(Self.guestResource, linker: linker)
        guard case .type(.resource(let resource))? = definer.exports["r"] else {
            Issue.record("the definer exports no resource type r")
            return
        }
        linker.define("r", item: .type(.resource(resource)))
        linker.defineFunction("observe") { arguments in
            guard case .resource(let handle)? = arguments.first else { throw ComponentTrap("observe expects a handle") }
            seen.handles.append(handle)
            seen.inspected += try definer.call("inspect", [.resource(handle)])
            return [.u32(handle.index)]
        }
        let importer = try ComponentWAT.instantiate(Self.borrowingImporter, linker: linker)
        let owned = try Self.makeHandle(definer, 55)
        _ = try importer.call("forward", [.resource(ResourceHandle(ownership: .borrow, resourceType: owned.resourceType,
                                                                   index: owned.index))])
        #expect(seen.inspected == [.u32(55)], "the borrow is usable during the host call")
        let lent = try #require(seen.handles.first)
        #expect(lent.ownership == .borrow && lent.index != owned.index)
        Self.expectTrap("unknown handle index \(lent.index)") {
            _ = try definer.call("inspect", [.resource(lent)])
        }
        #expect(try definer.call("inspect", [.resource(owned)]) == [.u32(55)], "the host's own handle is untouched")
    }
}
