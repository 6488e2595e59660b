import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct ControlAndCallTests {
    @Test func branchTableWithValues() throws {
        let instance = try instantiate("""
        (module
          (func (export "pick") (param i32) (result i32)
            (block $c (result i32)
              (block $b (result i32)
                (block $a (result i32)
                  (br_table $a $b $c (i32.const 100) (local.get 0)))
                (return (i32.add (i32.const 1))))
              (return (i32.add (i32.const 2))))
            (i32.add (i32.const 3))))
        """)
        #expect(try instance.call("pick", .i32(0)) == [.i32(101)])
        #expect(try instance.call("pick", .i32(1)) == [.i32(102)])
        #expect(try instance.call("pick", .i32(2)) == [.i32(103)])
        #expect(try instance.call("pick", .i32(99)) == [.i32(103)])
    }

    @Test func multiValueBlocksAndCalls() throws {
        let instance = try instantiate("""
        (module
          (func $swap (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
          (func (export "f") (param i32 i32) (result i32 i32)
            (local.get 0) (local.get 1)
            (block (param i32 i32) (result i32 i32) (call $swap))
            (call $swap)
            (call $swap)))
        """)
        #expect(try instance.call("f", .i32(1), .i32(2)) == [.i32(2), .i32(1)])
    }

    @Test func localTeeAndSetKeepPendingReads() throws {
        // The first local.get must see the value before the local.set.
        let instance = try instantiate("""
        (module
          (func (export "f") (param $x i32) (result i32)
            (local.get $x)
            (local.set $x (i32.add (local.get $x) (i32.const 10)))
            (local.get $x)
            (i32.sub)))
        """)
        #expect(try instance.call("f", .i32(5)) == [.i32(UInt32(bitPattern: -10))])
    }

    @Test func callIndirectTraps() throws {
        let instance = try instantiate("""
        (module
          (type $unary (func (param i32) (result i32)))
          (type $nullary (func (result i32)))
          (table 3 funcref)
          (elem (i32.const 0) $double $seven)
          (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
          (func $seven (type $nullary) (i32.const 7))
          (func (export "apply") (param i32 i32) (result i32)
            (call_indirect (type $unary) (local.get 1) (local.get 0))))
        """)
        #expect(try instance.call("apply", .i32(0), .i32(21)) == [.i32(42)])
        #expect(trapReason { try instance.call("apply", .i32(1), .i32(0)) } == .indirectCallTypeMismatch)
        #expect(trapReason { try instance.call("apply", .i32(2), .i32(0)) } == .uninitializedElement)
        #expect(trapReason { try instance.call("apply", .i32(3), .i32(0)) } == .undefinedElement)
    }

    @Test func wrongArgumentsAreRuntimeErrors() throws {
        let instance = try instantiate(#"(module (func (export "f") (param i32)))"#)
        #expect(throws: RuntimeError.self) { try instance.call("f") }
        #expect(throws: RuntimeError.self) { try instance.call("f", .i64(1)) }
    }

    @Test func runawayRecursionTrapsAndTheStoreSurvives() throws {
        let store = Store()
        let instance = try instantiate("""
        (module
          (func $down (export "down") (param i32) (result i32)
            (i32.add (call $down (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
          (func (export "ok") (result i32) (i32.const 5)))
        """, store: store)
        #expect(trapReason { try instance.call("down", .i32(0)) } == .callStackExhausted)
        #expect(trapReason { try instance.call("down", .i32(0)) } == .callStackExhausted)
        #expect(try instance.call("ok") == [.i32(5)])
    }
}
