import Foundation
import Testing
import WasmCore
@testable import WasmRuntime
import CWasmInterpreter

@Suite struct TrapAndLimitTests {
    static let spinModule = """
    (module
      (func $spin (export "spin") (loop $forever (br $forever)))
      (func (export "count") (param i32) (result i32)
        (local $i i32)
        (loop $next
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $next (i32.lt_u (local.get $i) (local.get 0))))
        (local.get $i)))
    """

    @Test func backtraceNamesFramesInnermostFirst() throws {
        let instance = try instantiate("""
        (module
          (func $inner (unreachable))
          (func $middle (call $inner))
          (func (export "outer") (call $middle)))
        """)
        do {
            _ = try instance.call("outer")
            Issue.record("expected a trap")
        } catch let trap as Trap {
            #expect(trap.reason == .unreachable)
            #expect(trap.backtrace.map(\.functionIndex) == [0, 1, 2])
            #expect(trap.backtrace.map(\.name) == ["inner", "middle", nil])
            #expect(trap.reason.description == "unreachable")
        }
    }

    @Test func fuelStopsAnInfiniteLoopAndIsAccounted() throws {
        let store = Store()
        let instance = try instantiate(Self.spinModule, store: store)
        store.fuel = 10_000
        #expect(trapReason { try instance.call("spin") } == .outOfFuel)
        #expect(store.fuel == 0)
        store.fuel = 1_000
        // One unit at function entry, one per loop back-edge.
        #expect(try instance.call("count", .i32(100)) == [.i32(100)])
        #expect(store.fuel == 1_000 - 100)
        store.fuel = nil
        #expect(try instance.call("count", .i32(1_000_000)) == [.i32(1_000_000)])
    }

    @Test func deadlineStopsAnInfiniteLoop() throws {
        let store = Store()
        let instance = try instantiate(Self.spinModule, store: store)
        store.deadline = ContinuousClock.now.advanced(by: .milliseconds(50))
        #expect(trapReason { try instance.call("spin") } == .deadlineExceeded)
    }

    @Test func interruptFromAnotherThreadStopsAnInfiniteLoop() throws {
        let store = Store()
        let instance = try instantiate(Self.spinModule, store: store)
        let handle = store.interruptHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { handle.interrupt() }
        #expect(trapReason { try instance.call("spin") } == .interrupted)
        #expect(try instance.call("count", .i32(3)) == [.i32(3)])
    }

    @Test func trapMessagesUseTheSpecificationWording() {
        #expect(TrapReason.outOfBoundsMemoryAccess.description == "out of bounds memory access")
        #expect(TrapReason.indirectCallTypeMismatch.description == "indirect call type mismatch")
        #expect(TrapReason.callStackExhausted.description == "call stack exhausted")
        #expect(TrapReason.invalidConversionToInteger.description == "invalid conversion to integer")
    }

    @Test func opcodesMirrorNumericOperatorOrder() {
        /// The name Opcodes.def gives the interpreter's opcode for `op` (UpperCamelCase).
        func name(_ opcode: Opcode) -> String { String(cString: wcomp_opcode_name(opcode)) }
        func expected(_ op: Any) -> String {
            let name = String(describing: op)
            return name.prefix(1).uppercased() + name.dropFirst()
        }
        for op in NumericOperator.allCases { #expect(name(Opcode(op)) == expected(op)) }
        for op in LoadOperator.allCases { #expect(name(Opcode(op)) == expected(op)) }
        for op in StoreOperator.allCases { #expect(name(Opcode(op)) == expected(op)) }
    }
}
