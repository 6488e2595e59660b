import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct ExtendedConstTests {
    @Test func extendedConstantExpressions() throws {
        let store = Store()
        var imports = Imports()
        let base = try store.makeGlobal(type: GlobalType(valueType: .i32, isMutable: false), value: .i32(2))
        imports.define(module: "spectest", name: "base", .global(base))
        let instance = try instantiate("""
        (module
          (import "spectest" "base" (global $base i32))
          (global $g i32 (i32.add (global.get $base) (i32.mul (i32.const 4) (i32.const 10))))
          (global $h i64 (i64.sub (i64.const 1) (i64.const 3)))
          (func (export "g") (result i32 i64) (global.get $g) (global.get $h)))
        """, store: store, imports: imports, features: .extendedConst)
        #expect(try instance.call("g") == [.i32(42), .i64(UInt64(bitPattern: -2))])
        #expect(throws: WasmError.self) { try assemble("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))") }
    }
}
