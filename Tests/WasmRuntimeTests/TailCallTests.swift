import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct TailCallTests {
    @Test func deepTailRecursionRunsInConstantStack() throws {
        let instance = try instantiate("""
        (module
          (func $count (export "count") (param i64 i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0))
              (then (local.get 1))
              (else (return_call $count (i64.sub (local.get 0) (i64.const 1))
                                        (i64.add (local.get 1) (i64.const 2)))))))
        """, features: .tailCall)
        #expect(try instance.call("count", .i64(1_000_000), .i64(0)) == [.i64(2_000_000)])
    }

    @Test func indirectTailCallsCheckTypes() throws {
        let instance = try instantiate("""
        (module
          (type $unary (func (param i32) (result i32)))
          (table funcref (elem $double $nullary))
          (func $double (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
          (func $nullary (result i32) (i32.const 0))
          (func (export "via") (param i32 i32) (result i32)
            (return_call_indirect (type $unary) (local.get 0) (local.get 1))))
        """, features: .tailCall)
        #expect(try instance.call("via", .i32(21), .i32(0)) == [.i32(42)])
        #expect(trapReason { try instance.call("via", .i32(1), .i32(1)) } == .indirectCallTypeMismatch)
        #expect(trapReason { try instance.call("via", .i32(1), .i32(2)) } == .undefinedElement)
    }

    @Test func tailCallOfAHostFunctionReturnsItsResults() throws {
        let store = Store()
        var imports = Imports()
        imports.define(module: "host", name: "triple", .function(store.makeHostFunction(
            type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
                guard case .i32(let value) = arguments[0] else { return [] }
                return [.i32(value * 3)]
            }))
        let instance = try instantiate("""
        (module
          (import "host" "triple" (func $triple (param i32) (result i32)))
          (func $inner (param i32) (result i32) (return_call $triple (local.get 0)))
          (func (export "f") (param i32) (result i32)
            (i32.add (call $inner (local.get 0)) (i32.const 1))))
        """, store: store, imports: imports, features: .tailCall)
        #expect(try instance.call("f", .i32(5)) == [.i32(16)])
    }

    @Test func tailCallResultsMustMatch() throws {
        #expect(throws: WasmError.self) {
            try assemble("""
            (module
              (func $f (result i64) (i64.const 0))
              (func (result i32) (return_call $f)))
            """, features: .tailCall)
        }
    }
}
