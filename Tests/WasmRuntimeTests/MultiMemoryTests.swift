import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct MultiMemoryTests {
    static let module = """
    (module
      (memory $a 1)
      (memory $b 1 3)
      (data (memory $b) (i32.const 8) "\\2a")
      (func (export "store") (param i32 i32 i32)
        (i32.store $a (local.get 0) (local.get 1))
        (i32.store8 $b offset=1 (local.get 0) (local.get 2)))
      (func (export "loadA") (param i32) (result i32) (i32.load $a (local.get 0)))
      (func (export "loadB") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
      (func (export "loadB16s") (param i32) (result i64) (i64.load16_s $b (local.get 0)))
      (func (export "growB") (param i32) (result i32) (memory.grow $b (local.get 0)))
      (func (export "sizes") (result i32 i32) (memory.size $a) (memory.size $b))
      (func (export "copyAtoB") (param i32 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
      (func (export "fillB") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
      (export "a" (memory $a))
      (export "b" (memory $b)))
    """

    @Test func loadsAndStoresAddressTheirMemory() throws {
        let instance = try instantiate(Self.module, features: .multiMemory)
        _ = try instance.call("store", .i32(16), .i32(0x0102_0304), .i32(0xFF))
        #expect(try instance.call("loadA", .i32(16)) == [.i32(0x0102_0304)])
        #expect(try instance.call("loadB", .i32(17)) == [.i32(0xFF)])
        #expect(try instance.call("loadB", .i32(16)) == [.i32(0)])
        #expect(try instance.call("loadB", .i32(8)) == [.i32(42)])
        #expect(try instance.call("loadB16s", .i32(16)) == [.i64(UInt64(bitPattern: -256))])
        #expect(trapReason { try instance.call("loadB", .i32(65536)) } == .outOfBoundsMemoryAccess)
    }

    @Test func sizeGrowCopyAndFillPerMemory() throws {
        let instance = try instantiate(Self.module, features: .multiMemory)
        #expect(try instance.call("growB", .i32(2)) == [.i32(1)])
        #expect(try instance.call("growB", .i32(1)) == [.i32(UInt32.max)])
        #expect(try instance.call("sizes") == [.i32(1), .i32(3)])
        _ = try instance.call("store", .i32(0), .i32(0xAABB_CCDD), .i32(0))
        _ = try instance.call("copyAtoB", .i32(100_000), .i32(0), .i32(4))
        #expect(try instance.call("loadB", .i32(100_000)) == [.i32(0xDD)])
        #expect(try instance.call("loadB", .i32(100_003)) == [.i32(0xAA)])
        _ = try instance.call("fillB", .i32(200), .i32(7), .i32(3))
        #expect(try instance.call("loadB", .i32(202)) == [.i32(7)])
        #expect(trapReason { try instance.call("fillB", .i32(196_600), .i32(7), .i32(1000)) } == .outOfBoundsMemoryAccess)
        #expect(instance.memory("b")?.byteCount == 3 * 65536)
    }

    @Test func importedSecondMemoryIsShared() throws {
        let store = Store()
        let provider = try instantiate(Self.module, store: store, features: .multiMemory)
        var imports = Imports()
        imports.define(module: "m", instance: provider)
        let user = try instantiate("""
        (module
          (import "m" "a" (memory 1))
          (import "m" "b" (memory $shared 1))
          (func (export "read") (param i32) (result i32) (i32.load8_u $shared (local.get 0))))
        """, store: store, imports: imports, features: .multiMemory)
        #expect(try user.call("read", .i32(8)) == [.i32(42)])
    }

    @Test func twoMemoriesNeedTheFeature() throws {
        #expect(throws: WasmError.self) { try assemble("(module (memory 1) (memory 1))") }
    }
}
