import ComponentModel
import Testing

/// Resource lifecycle through the runtime: handles created, lent, moved and dropped, the
/// destructor, and the traps the canonical ABI requires for misuse.
@Suite(.enabled(if: ComponentWAT.isAvailable, "needs wasm-tools"))
struct ComponentResourceTests {
    /// A component defining resource `r` (rep i32) whose destructor counts calls.
    static let guestResource = """
        (component
          (core module $dtor
            (global $drops (mut i32) (i32.const 0))
            (global $last (mut i32) (i32.const 0))
            (func (export "dtor") (param i32)
              (global.set $drops (i32.add (global.get $drops) (i32.const 1)))
              (global.set $last (local.get 0)))
            (func (export "drops") (result i32) (global.get $drops))
            (func (export "last") (result i32) (global.get $last)))
          (core instance $d (instantiate $dtor))
          (type $R' (resource (rep i32) (dtor (core func $d "dtor"))))
          (export $R "r" (type $R'))
          (type $S' (resource (rep i32)))
          (core func $new (canon resource.new $R'))
          (core func $drop (canon resource.drop $R'))
          (core func $rep (canon resource.rep $R'))
          (core func $new-s (canon resource.new $S'))
          (core module $m
            (import "" "new" (func $new (param i32) (result i32)))
            (import "" "drop" (func $drop (param i32)))
            (import "" "rep" (func $rep (param i32) (result i32)))
            (import "" "new-s" (func $new-s (param i32) (result i32)))
            (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
            (func (export "consume") (param i32) (call $drop (local.get 0)))
            (func (export "inspect") (param i32) (result i32) (local.get 0))
            (func (export "drop-unknown") (call $drop (i32.const 5)))
            (func (export "rep-unknown") (result i32) (call $rep (i32.const 7)))
            (func (export "double-drop")
              (local $h i32)
              (local.set $h (call $new (i32.const 1)))
              (call $drop (local.get $h))
              (call $drop (local.get $h)))
            (func (export "wrong-type")
              (call $drop (call $new-s (i32.const 1))))
            (func (export "rep-of-new") (result i32)
              (call $rep (call $new (i32.const 77)))))
          (core instance $i (instantiate $m (with "" (instance
            (export "new" (func $new)) (export "drop" (func $drop)) (export "rep" (func $rep))
            (export "new-s" (func $new-s))))))
          (func (export "make") (param "rep" u32) (result (own $R)) (canon lift (core func $i "make")))
          (func (export "consume") (param "r" (own $R)) (canon lift (core func $i "consume")))
          (func (export "inspect") (param "r" (borrow $R)) (result u32) (canon lift (core func $i "inspect")))
          (func (export "drops") (result u32) (canon lift (core func $d "drops")))
          (func (export "last") (result u32) (canon lift (core func $d "last")))
          (func (export "drop-unknown") (canon lift (core func $i "drop-unknown")))
          (func (export "rep-unknown") (result u32) (canon lift (core func $i "rep-unknown")))
          (func (export "double-drop") (canon lift (core func $i "double-drop")))
          (func (export "wrong-type") (canon lift (core func $i "wrong-type")))
          (func (export "rep-of-new") (result u32) (canon lift (core func $i "rep-of-new")))
        )
        """

    @Test func ownedHandlesMoveOutAndBackAndRunTheDestructor() throws {
        let instance = try ComponentWAT.instantiate(Self.guestResource)
        let made = try instance.call("make", [.u32(42)])
        guard case .resource(let handle)? = made.first else {
            Issue.record("expected a resource, got \(made)")
            return
        }
        #expect(handle.ownership == .own)
        let borrowed = ResourceHandle(ownership: .borrow, resourceType: handle.resourceType, index: handle.index)
        #expect(try instance.call("inspect", [.resource(borrowed)]) == [.u32(42)])
        #expect(try instance.call("drops", []) == [.u32(0)])
        #expect(try instance.call("consume", [.resource(handle)]) == [])
        #expect(try instance.call("drops", []) == [.u32(1)])
        #expect(try instance.call("last", []) == [.u32(42)])
        #expect(try instance.call("rep-of-new", []) == [.u32(77)])
    }

    @Test func theHostDropsOwnedHandlesThroughTheResourceType() throws {
        let instance = try ComponentWAT.instantiate(Self.guestResource)
        guard case .type(.resource(let resource))? = instance.exports["r"],
              case .resource(let handle)? = try instance.call("make", [.u32(5)]).first else {
            Issue.record("expected the exported resource type and a handle")
            return
        }
        try resource.drop(handle)
        #expect(try instance.call("drops", []) == [.u32(1)])
        #expect(try instance.call("last", []) == [.u32(5)])
        let borrowed = ResourceHandle(ownership: .borrow, resourceType: resource.id, index: 5)
        #expect(throws: ComponentTrap.self) { try resource.drop(borrowed) }
    }

    @Test func misuseTraps() throws {
        for (function, message) in [
            ("drop-unknown", "unknown handle index 5"),
            ("rep-unknown", "unknown handle index 7"),
            ("double-drop", "unknown handle index 1"),
            ("wrong-type", "wrong type"),
        ] {
            let instance = try ComponentWAT.instantiate(Self.guestResource)
            do {
                _ = try instance.call(function, [])
                Issue.record("\(function) returned instead of trapping")
            } catch {
                #expect("\(error)".contains(message), "\(function): \(error)")
            }
        }
    }

    @Test func handlesOfAnotherTypeAreRejected() throws {
        let instance = try ComponentWAT.instantiate(Self.guestResource)
        let foreign = ResourceHandle(ownership: .own, resourceType: .max, index: 1)
        #expect(throws: ComponentTrap.self) { try instance.call("consume", [.resource(foreign)]) }
    }

    /// A component importing host resource `r`, with functions that keep or drop a borrow and
    /// take ownership of a handle.
    static let hostResource = """
        (component
          (import "r" (type $R (sub resource)))
          (core func $drop (canon resource.drop $R))
          (core module $m
            (import "" "drop" (func $drop (param i32)))
            (func (export "keep") (param i32))
            (func (export "release") (param i32) (call $drop (local.get 0))))
          (core instance $i (instantiate $m (with "" (instance (export "drop" (func $drop))))))
          (func (export "keep-borrow") (param "r" (borrow $R)) (canon lift (core func $i "keep")))
          (func (export "drop-borrow") (param "r" (borrow $R)) (canon lift (core func $i "release")))
          (func (export "take") (param "r" (own $R)) (canon lift (core func $i "release")))
        )
        """

    @Test func borrowsMustBeDroppedBeforeTheCallReturns() throws {
        let linker = ComponentLinker()
        let resource = linker.defineResource("r")
        let instance = try ComponentWAT.instantiate(Self.hostResource, linker: linker)
        let borrowed = ComponentValue.resource(ResourceHandle(ownership: .borrow, resourceType: resource.id, index: 7))
        #expect(try instance.call("drop-borrow", [borrowed]) == [])
        do {
            _ = try instance.call("keep-borrow", [borrowed])
            Issue.record("keeping a borrow did not trap")
        } catch {
            #expect("\(error)".contains("borrow"))
        }
    }

    @Test func droppingAnOwnedHostResourceRunsTheHostDestructor() throws {
        final class Drops { var representations: [UInt32] = [] }
        let drops = Drops()
        let linker = ComponentLinker()
        let resource = linker.defineResource("r") { drops.representations.append($0) }
        let instance = try ComponentWAT.instantiate(Self.hostResource, linker: linker)
        let owned = ComponentValue.resource(ResourceHandle(ownership: .own, resourceType: resource.id, index: 9))
        #expect(try instance.call("take", [owned]) == [])
        #expect(drops.representations == [9])
    }

    @Test func aMissingHostResourceFailsToLink() throws {
        #expect(throws: ComponentLinkError.self) { try ComponentWAT.instantiate(Self.hostResource) }
    }
}
