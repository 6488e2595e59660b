import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct ArithmeticTests {
    @Test func recursiveFibonacci() throws {
        let instance = try instantiate("""
        (module
          (func $fib (export "fib") (param $n i32) (result i32)
            (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
              (then (local.get $n))
              (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                             (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
        """)
        #expect(try instance.call("fib", .i32(20)) == [.i32(6765)])
    }

    @Test func iterativeLoopWithLocals() throws {
        let instance = try instantiate("""
        (module
          (func (export "sum") (param $n i32) (result i64)
            (local $i i32) (local $acc i64)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $acc)))
        """)
        #expect(try instance.call("sum", .i32(100_000)) == [.i64(4_999_950_000)])
    }

    @Test func integerEdgeCases() throws {
        let instance = try instantiate("""
        (module
          (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
          (func (export "rotl") (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
          (func (export "shr_s") (param i32) (result i32) (i32.shr_s (local.get 0) (i32.const 33)))
          (func (export "clz") (param i32) (result i32) (i32.clz (local.get 0)))
          (func (export "ext8") (param i32) (result i32) (i32.extend8_s (local.get 0))))
        """)
        #expect(try instance.call("div_s", .i32(UInt32(bitPattern: -7)), .i32(2)) == [.i32(UInt32(bitPattern: -3))])
        #expect(try instance.call("rem_s", .i32(UInt32(bitPattern: Int32.min)), .i32(UInt32(bitPattern: -1))) == [.i32(0)])
        #expect(trapReason { try instance.call("div_s", .i32(1), .i32(0)) } == .integerDivideByZero)
        #expect(trapReason { try instance.call("div_s", .i32(UInt32(bitPattern: Int32.min)), .i32(UInt32(bitPattern: -1))) }
            == .integerOverflow)
        #expect(try instance.call("rotl", .i64(0x8000_0000_0000_0001), .i64(65)) == [.i64(3)])
        #expect(try instance.call("shr_s", .i32(0x8000_0000)) == [.i32(0xC000_0000)])
        #expect(try instance.call("clz", .i32(1)) == [.i32(31)])
        #expect(try instance.call("ext8", .i32(0x80)) == [.i32(0xFFFF_FF80)])
    }

    @Test func floatSemantics() throws {
        let instance = try instantiate("""
        (module
          (func (export "min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
          (func (export "max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
          (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
          (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
          (func (export "trunc_sat") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
          (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0))))
        """)
        #expect(try instance.call("min", .f32((0.0 as Float).bitPattern), .f32((-0.0 as Float).bitPattern))
            == [.f32((-0.0 as Float).bitPattern)])
        #expect(try instance.call("max", .f64((-0.0).bitPattern), .f64((0.0).bitPattern)) == [.f64((0.0).bitPattern)])
        let nan = try instance.call("min", .f32(Float.nan.bitPattern), .f32((1.0 as Float).bitPattern))
        if case .f32(let bits) = nan[0] { #expect(Float(bitPattern: bits).isNaN) } else { Issue.record("not f32") }
        #expect(try instance.call("nearest", .f64((2.5).bitPattern)) == [.f64((2.0).bitPattern)])
        #expect(try instance.call("nearest", .f64((-3.5).bitPattern)) == [.f64((-4.0).bitPattern)])
        #expect(try instance.call("trunc", .f32((-2147483648.0 as Float).bitPattern)) == [.i32(0x8000_0000)])
        #expect(trapReason { try instance.call("trunc", .f32((2147483648.0 as Float).bitPattern)) } == .integerOverflow)
        #expect(trapReason { try instance.call("trunc", .f32(Float.nan.bitPattern)) } == .invalidConversionToInteger)
        #expect(try instance.call("trunc_sat", .f64((-1.5).bitPattern)) == [.i64(0)])
        #expect(try instance.call("trunc_sat", .f64((1e30).bitPattern)) == [.i64(UInt64.max)])
        #expect(try instance.call("neg", .f32(0x7FC0_0001)) == [.f32(0xFFC0_0001)])
    }
}
