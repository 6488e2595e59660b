import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct MemoryAndTableTests {
    static let memoryModule = """
    (module
      (memory (export "memory") 1 3)
      (data (i32.const 8) "\\01\\02\\03\\04")
      (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
      (func (export "load8") (param i32) (result i32) (i32.load8_s (local.get 0)))
      (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size))
      (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
      (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2))))
    """

    @Test func loadsStoresAndBounds() throws {
        let instance = try instantiate(Self.memoryModule)
        #expect(try instance.call("load", .i32(4)) == [.i32(0x0403_0201)])
        #expect(try instance.call("load", .i32(65528)) == [.i32(0)])
        #expect(trapReason { try instance.call("load", .i32(65529)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("load", .i32(0xFFFF_FFFF)) } == .outOfBoundsMemoryAccess)
        try instance.call("store", .i32(100), .i64(0xFF))
        #expect(try instance.call("load8", .i32(100)) == [.i32(0xFFFF_FFFF)])
        #expect(trapReason { try instance.call("store", .i32(65530), .i64(0)) } == .outOfBoundsMemoryAccess)
    }

    @Test func foldedAddressAdditionsWrapLikeI32Add() throws {
        // The translator folds `i32.add`/`i32.sub` of a constant into the load or store;
        // the sum must still wrap modulo 2^32 before the static offset is added.
        let instance = try instantiate("""
        (module
          (memory 1)
          (data (i32.const 0) "\\2a\\00\\00\\00")
          (func (export "back4") (param i32) (result i32) (i32.load (i32.add (local.get 0) (i32.const -4))))
          (func (export "sub4") (param i32) (result i32) (i32.load offset=4 (i32.sub (local.get 0) (i32.const 8))))
          (func (export "store") (param i32 i32) (i32.store (i32.add (local.get 0) (i32.const 1)) (local.get 1))))
        """)
        #expect(try instance.call("back4", .i32(4)) == [.i32(42)])
        #expect(trapReason { try instance.call("back4", .i32(2)) } == .outOfBoundsMemoryAccess)
        #expect(try instance.call("sub4", .i32(12)) == [.i32(0)])
        // 4 - 8 wraps to 0xFFFFFFFC; adding the offset 4 does not wrap: out of bounds.
        #expect(trapReason { try instance.call("sub4", .i32(4)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("store", .i32(0xFFFF_FFFF), .i32(7)) } == nil)
        #expect(try instance.call("back4", .i32(4)) == [.i32(7)])
    }

    @Test func growHonorsTheMaximumAndTheStoreCap() throws {
        let instance = try instantiate(Self.memoryModule)
        #expect(try instance.call("grow", .i32(1)) == [.i32(1)])
        #expect(try instance.call("load", .i32(70000)) == [.i32(0)])
        #expect(try instance.call("grow", .i32(2)) == [.i32(0xFFFF_FFFF)])
        #expect(try instance.call("size") == [.i32(2)])

        var configuration = StoreConfiguration()
        configuration.maxMemoryPages = 1
        let capped = try instantiate(Self.memoryModule, store: Store(configuration: configuration))
        #expect(try capped.call("grow", .i32(1)) == [.i32(0xFFFF_FFFF)])
    }

    @Test func bulkMemoryOverlapAndBounds() throws {
        let instance = try instantiate(Self.memoryModule)
        try instance.call("copy", .i32(9), .i32(8), .i32(4))
        let memory = try #require(instance.memory("memory"))
        #expect(try memory.read(at: 8, count: 5) == [1, 1, 2, 3, 4])
        try instance.call("fill", .i32(0), .i32(0xAB), .i32(3))
        #expect(try memory.read(at: 0, count: 4) == [0xAB, 0xAB, 0xAB, 0])
        #expect(trapReason { try instance.call("fill", .i32(65535), .i32(0), .i32(2)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("copy", .i32(0), .i32(65535), .i32(2)) } == .outOfBoundsMemoryAccess)
    }

    @Test func tablesOfReferences() throws {
        let instance = try instantiate("""
        (module
          (table $t (export "t") 2 10 externref)
          (func (export "set") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))
          (func (export "get") (param i32) (result externref) (table.get $t (local.get 0)))
          (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null extern) (local.get 0)))
          (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0)))))
        """)
        try instance.call("set", .i32(1), .externRef(42))
        #expect(try instance.call("get", .i32(1)) == [.externRef(42)])
        #expect(try instance.call("is_null", .i32(0)) == [.i32(1)])
        #expect(trapReason { try instance.call("get", .i32(2)) } == .outOfBoundsTableAccess)
        #expect(try instance.call("grow", .i32(3)) == [.i32(2)])
        #expect(try instance.call("grow", .i32(6)) == [.i32(0xFFFF_FFFF)])
        let table = try #require(instance.table("t"))
        #expect(table.size == 5)
    }

    @Test func activeSegmentOutOfBoundsTrapsAfterEarlierWrites() throws {
        let store = Store()
        let memory = try store.makeMemory(type: MemoryType(limits: Limits(min: 1)))
        var imports = Imports()
        imports.define(module: "env", name: "memory", .memory(memory))
        let module = try assemble("""
        (module
          (import "env" "memory" (memory 1))
          (data (i32.const 0) "ok")
          (data (i32.const 65535) "too long"))
        """)
        #expect(throws: Trap.self) { try store.instantiate(module: module, imports: imports) }
        #expect(try memory.read(at: 0, count: 2) == Array("ok".utf8))
    }
}
