import ComponentModel
import Testing

/// Typed calls with lists of integers, which are copied to and from memory as bytes: the
/// guest sees the canonical little-endian layout and the host gets the same values back.
@Suite(.enabled(if: ComponentWAT.isAvailable, "needs wasm-tools"))
struct TypedListTests {
    /// `echo-*` return their list argument unchanged; `sum-u32` adds the elements in the guest.
    static let component = """
        (component
          (core module $m
            \(ComponentWAT.allocator)
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0))
              (i32.store (i32.const 20) (local.get 1))
              (i32.const 16))
            (func (export "sum") (param $p i32) (param $n i32) (result i32)
              (local $total i32)
              (block $done (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $total (i32.add (local.get $total) (i32.load (local.get $p))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
              (local.get $total)))
          (core instance $i (instantiate $m))
          (func (export "echo-u32") (param "l" (list u32)) (result (list u32))
            (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "echo-s16") (param "l" (list s16)) (result (list s16))
            (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "echo-u64") (param "l" (list u64)) (result (list u64))
            (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "sum-u32") (param "l" (list u32)) (result u32)
            (canon lift (core func $i "sum") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
        """

    @Test func integerListsRoundTrip() throws {
        let instance = try ComponentWAT.instantiate(Self.component)
        let echoU32 = try #require(instance.function("echo-u32"))
        let echoS16 = try #require(instance.function("echo-s16"))
        let echoU64 = try #require(instance.function("echo-u64"))
        let values: [UInt32] = [0, 1, 0xDEAD_BEEF, .max]
        #expect(try echoU32.invoke(values, returning: [UInt32].self) == values)
        #expect(try echoU32.invoke([UInt32](), returning: [UInt32].self) == [])
        #expect(try echoS16.invoke([Int16.min, -1, 0, 300], returning: [Int16].self) == [Int16.min, -1, 0, 300])
        #expect(try echoU64.invoke([UInt64.max, 1 << 40], returning: [UInt64].self) == [UInt64.max, 1 << 40])
        #expect(try echoU32.call([.list(values.map { .u32($0) })]) == [.list(values.map { .u32($0) })])
    }

    @Test func theGuestSeesTheCanonicalLayout() throws {
        let instance = try ComponentWAT.instantiate(Self.component)
        let sum = try #require(instance.function("sum-u32"))
        let values = (1 ... 1000).map { UInt32($0) }
        #expect(try sum.invoke(values, returning: UInt32.self) == 500_500)
    }
}
