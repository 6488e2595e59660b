import Testing
import WasmCore
@testable import WasmRuntime

/// The translator's fused instructions (a binary operator taking a loaded operand, xor of a
/// rotation, two additions of constants into locals, an addition and the branch reading its
/// sum, a bit test and its branch, a load and the store of its value) give the results and
/// traps of the unfused sequence.
@Suite struct FusedInstructionTests {
    private static let text = """
    (module
      (memory 1)
      (data (i32.const 16) "\\05\\00\\00\\00\\07\\00\\00\\00\\00\\00\\00\\00\\00\\00\\f8\\3f")
      ;; Loaded value on the right, and on the left of a commutative operator.
      (func (export "i32_sub_load") (param i32) (result i32) (i32.sub (local.get 0) (i32.load (i32.const 16))))
      (func (export "i32_load_sub") (param i32) (result i32) (i32.sub (i32.load (i32.const 16)) (local.get 0)))
      (func (export "i32_load_mul") (param i32) (result i32) (i32.mul (i32.load offset=4 (i32.const 16)) (local.get 0)))
      (func (export "i32_xor_load") (param i32 i32) (result i32) (i32.xor (local.get 0) (i32.load (local.get 1))))
      (func (export "i64_and_load") (param i64) (result i64) (i64.and (local.get 0) (i64.load (i32.const 16))))
      (func (export "f64_mul_load") (param f64) (result f64) (f64.mul (local.get 0) (f64.load (i32.const 24))))
      (func (export "f64_load_sub") (param f64) (result f64) (f64.sub (f64.load (i32.const 24)) (local.get 0)))
      (func (export "f32_add_load") (param f32 i32) (result f32) (f32.add (local.get 0) (f32.load (local.get 1))))
      ;; Signed 16-bit loads (0xF800 at 29 is -2048).
      (func (export "i32_mul_load16") (param i32) (result i32) (i32.mul (local.get 0) (i32.load16_s (i32.const 29))))
      (func (export "i32_load16_add") (param i32) (result i32) (i32.add (i32.load16_s (i32.const 29)) (local.get 0)))
      ;; Products of two signed 16-bit loads (i32MulLoads16S), with addends; a label in between.
      (func (export "dot2") (param $p i32) (param $q i32) (result i32)
        (i32.add (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 2))) (i32.load16_s offset=2 (local.get $q)))
                 (i32.mul (i32.load16_s (local.get $p)) (i32.load16_s (i32.add (local.get $q) (i32.const 13))))))
      (func (export "product_after_label") (param $p i32) (param $q i32) (param $jump i32) (result i32)
        (i32.mul (block (result i32)
                   (drop (br_if 0 (i32.const 3) (local.get $jump)))
                   (i32.load16_s (local.get $p)))
                 (i32.load16_s (local.get $q))))
      ;; Sigma-style xor of rotations (SHA-256), rotl and rotr, rotation on either side.
      (func (export "sigma") (param i32) (result i32)
        (i32.xor (i32.xor (i32.rotr (local.get 0) (i32.const 2)) (i32.rotr (local.get 0) (i32.const 13)))
                 (i32.rotl (local.get 0) (i32.const 10))))
      (func (export "rot_xor") (param i32 i32) (result i32)
        (i32.xor (i32.rotl (local.get 0) (i32.const 7)) (local.get 1)))
      ;; Two pointer bumps per iteration (the second one reads the first's result).
      (func (export "bumps") (param $n i32) (result i32)
        (local $p i32) (local $q i32)
        (block $done
          (loop $next
            (br_if $done (i32.eqz (local.get $n)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $q (i32.add (local.get $p) (i32.const 3)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br $next)))
        (i32.add (i32.mul (local.get $p) (i32.const 1000)) (local.get $q))))
    """

    /// Loops whose counter update and compare-and-branch become one instruction (`i32AddBrIf*`,
    /// `i32AddImmBrIf*`, `i32AddImmBrIf*Imm`), the sum on either side of the comparison.
    private static let counterText = """
    (module
      ;; j += step while j <=u n: register addition, register comparison.
      (func (export "add_le_u") (param $n i32) (param $step i32) (result i32) (local $j i32) (local $count i32)
        (loop $next
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (br_if $next (i32.le_u (local.tee $j (i32.add (local.get $j) (local.get $step))) (local.get $n))))
        (i32.add (i32.mul (local.get $count) (i32.const 1000)) (local.get $j)))
      ;; i += 1 while i != 64: immediate addition and comparison.
      (func (export "add_ne_immediate") (param $start i32) (result i32) (local $count i32)
        (loop $next
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (br_if $next (i32.ne (local.tee $start (i32.add (local.get $start) (i32.const 1))) (i32.const 64))))
        (local.get $count))
      ;; n -= 1 while n != 0 (branch on non-zero).
      (func (export "count_down") (param $n i32) (result i32) (local $count i32)
        (loop $next
          (local.set $count (i32.add (local.get $count) (i32.const 2)))
          (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $count))
      ;; j += 3 while n >s j: the sum on the right (signed, negative bounds).
      (func (export "sum_on_right") (param $n i32) (param $j i32) (result i32) (local $count i32)
        (loop $next
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (br_if $next (i32.gt_s (local.get $n) (local.tee $j (i32.add (local.get $j) (i32.const 3))))))
        (i32.add (i32.mul (local.get $count) (i32.const 1000)) (local.get $j)))
      ;; An `if` branches on the negated condition; the sum compared with itself reads the new value.
      (func (export "if_equal") (param $x i32) (result i32)
        (if (result i32) (i32.eq (local.tee $x (i32.add (local.get $x) (i32.const 5))) (i32.const 10))
          (then (i32.const 1)) (else (local.get $x))))
      (func (export "sum_against_itself") (param $j i32) (result i32)
        (block $out
          (br_if $out (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $j)))
          (return (i32.add (local.get $j) (i32.const 100))))
        (i32.const -1)))
    """

    /// Bit tests whose `i32.and` of a constant and branch become one instruction
    /// (`i32AndImmBrIfZero`, `i32AndImmBrIfNonZero`), on both outcomes.
    private static let maskText = """
    (module
      ;; Counts the set bits of x among the low 16 by testing one mask per round (br_if on non-zero).
      (func (export "low_bits") (param $x i32) (result i32) (local $mask i32) (local $count i32)
        (local.set $mask (i32.const 1))
        (loop $next
          (block $clear
            (br_if $clear (i32.eqz (i32.and (local.get $x) (i32.const 0x8000))))
            (local.set $count (i32.add (local.get $count) (i32.const 100))))
          (local.set $x (i32.shl (local.get $x) (i32.const 1)))
          (local.set $mask (i32.add (local.get $mask) (i32.const 1)))
          (br_if $next (i32.and (local.get $mask) (i32.const 15))))
        (local.get $count))
      ;; An `if` branches on the negated test; the masked value, kept by local.tee, is still written.
      (func (export "odd_masked") (param $x i32) (result i32) (local $low i32)
        (if (result i32) (local.tee $low (i32.and (local.get $x) (i32.const 0x0F0F)))
          (then (i32.add (local.get $low) (i32.const 10000)))
          (else (i32.const -1)))))
    """

    /// Loads whose value a branch tests for zero become one instruction with it
    /// (`i32LoadBrIfZero`..., `i32Load8UBrIfNonZero`): pointer chasing and string ends; the
    /// loaded value is still written, and a label in between keeps them apart.
    private static let loadTestText = """
    (module
      (memory 1)
      ;; A list at 16 -> 32 -> 48 -> null (the result: 1000 x the hops + the last pointer read), "hello" at 64.
      (data (i32.const 16) "\\20\\00\\00\\00")
      (data (i32.const 32) "\\30\\00\\00\\00")
      (data (i32.const 64) "hello")
      (func (export "list_length") (param $p i32) (result i32) (local $n i32)
        (block $done
          (loop $next
            (br_if $done (i32.eqz (local.tee $p (i32.load (local.get $p)))))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $next)))
        (i32.add (i32.mul (local.get $n) (i32.const 1000)) (local.get $p)))
      (func (export "string_length") (param $s i32) (result i32) (local $n i32)
        (loop $next
          (if (i32.load8_u (i32.add (local.get $s) (local.get $n)))
            (then (local.set $n (i32.add (local.get $n) (i32.const 1))) (br $next))))
        (local.get $n))
      (func (export "byte_after_label") (param $s i32) (param $jump i32) (result i32)
        (if (result i32)
          (block (result i32) (drop (br_if 0 (i32.const 0) (local.get $jump))) (i32.load8_u (local.get $s)))
          (then (i32.const 1)) (else (i32.const 2)))))
    """

    @Test func loadsTestedByTheirBranchesTakeBothOutcomes() throws {
        let instance = try instantiate(Self.loadTestText)
        #expect(try instance.call("list_length", .i32(16)) == [.i32(2000)])
        #expect(try instance.call("list_length", .i32(48)) == [.i32(0)])
        #expect(try instance.call("string_length", .i32(64)) == [.i32(5)])
        #expect(try instance.call("string_length", .i32(66)) == [.i32(3)])
        #expect(try instance.call("string_length", .i32(0)) == [.i32(0)])
        #expect(trapReason { try instance.call("string_length", .i32(65536)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("list_length", .i32(65533)) } == .outOfBoundsMemoryAccess)
        #expect(try instance.call("byte_after_label", .i32(64), .i32(0)) == [.i32(1)])
        #expect(try instance.call("byte_after_label", .i32(64), .i32(1)) == [.i32(2)])
        #expect(try instance.call("byte_after_label", .i32(70), .i32(0)) == [.i32(2)])
    }

    @Test func bitTestsFusedWithTheirBranchesTakeBothOutcomes() throws {
        let instance = try instantiate(Self.maskText)
        // The loop runs 15 rounds (mask 1...15), testing bits 15, 14, ... 1 of the original x.
        for x: UInt32 in [0, 0xFFFF, 0x8001, 0x4002, 0xFFFF_0000, 0x1234_5678] {
            let tested = (x & 0xFFFE).nonzeroBitCount
            #expect(try instance.call("low_bits", .i32(x)) == [.i32(UInt32(tested * 100))])
        }
        #expect(try instance.call("odd_masked", .i32(0xF0F0)) == [.i32(UInt32(bitPattern: -1))])
        #expect(try instance.call("odd_masked", .i32(0x1234)) == [.i32(0x0204 + 10000)])
        #expect(try instance.call("odd_masked", .i32(0xFFFF_F100)) == [.i32(0x0100 + 10000)])
    }

    @Test func counterUpdatesFusedWithTheirBranchesRunTheSameLoops() throws {
        let instance = try instantiate(Self.counterText)
        #expect(try instance.call("add_le_u", .i32(10), .i32(3)) == [.i32(4 * 1000 + 12)])
        #expect(try instance.call("add_le_u", .i32(0), .i32(1)) == [.i32(1 * 1000 + 1)])
        #expect(try instance.call("add_ne_immediate", .i32(60)) == [.i32(4)])
        #expect(try instance.call("add_ne_immediate", .i32(63)) == [.i32(1)])
        #expect(try instance.call("count_down", .i32(5)) == [.i32(10)])
        #expect(try instance.call("count_down", .i32(1)) == [.i32(2)])
        #expect(try instance.call("sum_on_right", .i32(7), .i32(UInt32(bitPattern: -5))) == [.i32(4 * 1000 + 7)])
        #expect(try instance.call("sum_on_right", .i32(UInt32(bitPattern: -10)), .i32(UInt32(bitPattern: -20)))
                == [.i32(4 * 1000 - 8)])
        #expect(try instance.call("if_equal", .i32(5)) == [.i32(1)])
        #expect(try instance.call("if_equal", .i32(6)) == [.i32(11)])
        #expect(try instance.call("sum_against_itself", .i32(41)) == [.i32(142)])
    }

    /// A load whose value only a store of the same width takes becomes one copy (`move8`...
    /// `move64`), with the addition of a constant computing the store's address folded in; a
    /// narrower store keeps the load.
    private static let moveText = """
    (module
      (memory 1)
      (data (i32.const 0) "\\01\\82\\03\\84\\05\\86\\07\\88\\09")
      (func (export "copy") (param $to i32) (param $from i32) (result i64)
        (i32.store8 offset=100 (local.get $to) (i32.load8_s (local.get $from)))
        (i64.store16 offset=102 (local.get $to) (i64.load16_u (local.get $from)))
        (i64.store32 offset=104 (local.get $to) (i64.load32_u offset=1 (local.get $from)))
        (f64.store offset=108 (local.get $to) (f64.load (local.get $from)))
        (i32.store8 offset=116 (local.get $to) (i32.load16_u offset=1 (local.get $from)))
        (i64.add (i64.load offset=100 (local.get $to)) (i64.load offset=108 (local.get $to))))
      (func (export "copy_byte") (param $to i32) (param $from i32)
        (i32.store8 (local.get $to) (i32.load8_u (local.get $from))))
      (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
      ;; The store's address computed by an addition of a constant (folded into the copy), kept
      ;; in a local (still written), or coming out of a block (another path brings it).
      (func (export "copy_at") (param $to i32) (param $from i32) (result i64)
        (i64.store (i32.add (local.get $to) (i32.const 0xFFFF_FFF8)) (i64.load (i32.add (local.get $from) (i32.const 8))))
        (i64.load offset=8 (i32.sub (local.get $to) (i32.const 16))))
      (func (export "copy_tee") (param $to i32) (param $from i32) (result i32) (local $at i32)
        (i32.store8 (local.tee $at (i32.add (local.get $to) (i32.const 3))) (i32.load8_u (local.get $from)))
        (i32.add (i32.mul (local.get $at) (i32.const 1000)) (i32.load8_u (local.get $at))))
      (func (export "copy_after_label") (param $to i32) (param $from i32) (param $jump i32) (result i32)
        (i32.store8
          (block (result i32)
            (drop (br_if 0 (i32.const 200) (local.get $jump)))
            (i32.add (local.get $to) (i32.const 1)))
          (i32.load8_u (local.get $from)))
        (i32.add (i32.mul (i32.load8_u (i32.const 200)) (i32.const 1000)) (i32.load8_u offset=1 (local.get $to)))))
    """

    @Test func loadsStoredAtTheSameWidthAreCopies() throws {
        let instance = try instantiate(Self.moveText)
        // Bytes 100...107: 01 00 | 01 82 | 82 03 84 05; bytes 108...115: 01 82 03 84 05 86 07 88; 116: 82.
        #expect(try instance.call("copy", .i32(0), .i32(0)) == [.i64(0x0584_0382_8201_0001 &+ 0x8807_8605_8403_8201)])
        #expect(try instance.call("byte", .i32(116)) == [.i32(0x82)])
        #expect(trapReason { try instance.call("copy_byte", .i32(0), .i32(65536)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("copy_byte", .i32(65536), .i32(0)) } == .outOfBoundsMemoryAccess)
        #expect(try instance.call("copy_byte", .i32(65535), .i32(3)) == [])
        #expect(try instance.call("byte", .i32(65535)) == [.i32(0x84)])
        // 0xFFFF_FFF8 wraps: bytes 8...15 go to to - 8.
        #expect(try instance.call("copy_at", .i32(48), .i32(0)) == [.i64(0x0000_0000_0000_0009)])
        #expect(trapReason { try instance.call("copy_at", .i32(4), .i32(0)) } == .outOfBoundsMemoryAccess)
        #expect(try instance.call("copy_tee", .i32(60), .i32(1)) == [.i32(63_000 + 0x82)])
        #expect(try instance.call("copy_after_label", .i32(80), .i32(2), .i32(0)) == [.i32(0x03)])
        #expect(try instance.call("copy_after_label", .i32(90), .i32(4), .i32(1)) == [.i32(0x05 * 1000)])
    }

    @Test func loadedOperandsGiveTheUnfusedResults() throws {
        let instance = try instantiate(Self.text)
        #expect(try instance.call("i32_sub_load", .i32(12)) == [.i32(7)])
        #expect(try instance.call("i32_load_sub", .i32(12)) == [.i32(UInt32(bitPattern: -7))])
        #expect(try instance.call("i32_load_mul", .i32(6)) == [.i32(42)])
        #expect(try instance.call("i32_xor_load", .i32(0xFF), .i32(20)) == [.i32(0xF8)])
        #expect(try instance.call("i64_and_load", .i64(0xFFFF_FFFF_FFFF_FFFF)) == [.i64(0x0000_0007_0000_0005)])
        #expect(try instance.call("f64_mul_load", .f64(Double(2).bitPattern)) == [.f64(Double(3).bitPattern)])
        #expect(try instance.call("f64_load_sub", .f64(Double(0.25).bitPattern)) == [.f64(Double(1.25).bitPattern)])
        #expect(try instance.call("i32_mul_load16", .i32(3)) == [.i32(UInt32(bitPattern: -6144))])
        #expect(try instance.call("i32_load16_add", .i32(3)) == [.i32(UInt32(bitPattern: -2045))])
        // Halfwords: 5 at 16, 7 at 20, -2048 at 29, zeros at 14, 18 and 27.
        #expect(try instance.call("dot2", .i32(16), .i32(16)) == [.i32(UInt32(bitPattern: 5 * -2048))])
        #expect(try instance.call("dot2", .i32(14), .i32(18)) == [.i32(5 * 7)])
        #expect(try instance.call("product_after_label", .i32(16), .i32(29), .i32(0)) == [.i32(UInt32(bitPattern: 5 * -2048))])
        #expect(try instance.call("product_after_label", .i32(16), .i32(20), .i32(1)) == [.i32(21)])
    }

    @Test func aFusedLoadTrapsOutOfBounds() throws {
        let instance = try instantiate(Self.text)
        #expect(trapReason { try instance.call("i32_xor_load", .i32(1), .i32(65534)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("f32_add_load", .f32(0), .i32(65533)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("dot2", .i32(65534), .i32(0)) } == .outOfBoundsMemoryAccess)
        #expect(trapReason { try instance.call("dot2", .i32(0), .i32(65534)) } == .outOfBoundsMemoryAccess)
        #expect(try instance.call("f32_add_load", .f32(Float(1).bitPattern), .i32(65532)) == [.f32(Float(1).bitPattern)])
    }

    @Test func xorOfRotationsMatchesSwift() throws {
        let instance = try instantiate(Self.text)
        for x: UInt32 in [0, 1, 0x8000_0001, 0x1234_5678, 0xFFFF_FFFF] {
            let rotr = { (v: UInt32, n: UInt32) in (v >> n) | (v << (32 - n)) }
            let rotl = { (v: UInt32, n: UInt32) in (v << n) | (v >> (32 - n)) }
            #expect(try instance.call("sigma", .i32(x)) == [.i32(rotr(x, 2) ^ rotr(x, 13) ^ rotl(x, 10))])
            #expect(try instance.call("rot_xor", .i32(x), .i32(0xA5A5_A5A5)) == [.i32(rotl(x, 7) ^ 0xA5A5_A5A5)])
        }
    }

    /// Three-operand chains: xors of two or three rotations (`i32XorRotl2`, `i32XorRotl3`; any
    /// sources, rotl or rotr), two additions in a row (`i32Add3`, the sum on either side), an
    /// addition of a zero test (`i32AddEqz`), `a & (b ^ c)`, bit selects and majorities
    /// (`i32AndXor`, `i32BitSelect`, `i32Majority`),
    /// runs of up to four copies (`copy3`, `copy4`) and `select` taking an operand or its
    /// condition from the accumulator. A label between two parts (a block ending with a value a
    /// branch also brings) must keep them apart.
    private static let chainText = """
    (module
      (func (export "xor_rotl2") (param $x i32) (param $y i32) (result i32)
        (i32.xor (i32.rotr (local.get $x) (i32.const 7)) (i32.rotl (local.get $y) (i32.const 14))))
      (func (export "xor_rotl3") (param $x i32) (param $y i32) (param $z i32) (result i32)
        (i32.xor (i32.xor (i32.rotl (local.get $x) (i32.const 30)) (i32.rotr (local.get $y) (i32.const 11)))
                 (i32.rotl (local.get $z) (i32.const 3))))
      (func (export "xor_rotl_after_label") (param $x i32) (param $y i32) (result i32)
        (i32.xor (block (result i32)
                   (drop (br_if 0 (local.get $y) (local.get $y)))
                   (i32.rotl (local.get $x) (i32.const 5)))
                 (i32.rotl (local.get $x) (i32.const 9))))
      (func (export "add3") (param i32 i32 i32) (result i32)
        (i32.add (local.get 2) (i32.add (local.get 0) (local.get 1))))
      (func (export "add4") (param i32 i32 i32 i32) (result i32)
        (i32.add (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)) (local.get 3)))
      ;; A sum kept in a local is still written there.
      (func (export "add_tee") (param i32 i32 i32) (result i32) (local $s i32)
        (i32.add (i32.add (local.tee $s (i32.add (local.get 0) (local.get 1))) (local.get 2))
                 (i32.mul (local.get $s) (i32.const 1000))))
      (func (export "add_after_label") (param i32 i32 i32) (result i32)
        (i32.add (block (result i32)
                   (drop (br_if 0 (local.get 2) (local.get 2)))
                   (i32.add (local.get 0) (local.get 1)))
                 (local.get 2)))
      ;; Zero tests added to a count (i32AddEqz), on either side, of a local or a computed value.
      (func (export "count_zeros") (param $n i32) (param $x i32) (param $y i32) (result i32)
        (i32.add (i32.add (local.get $n) (i32.eqz (local.get $x)))
                 (i32.eqz (i32.and (local.get $y) (i32.const 1)))))
      (func (export "zero_plus") (param $n i32) (param $x i32) (result i32)
        (i32.add (i32.eqz (local.get $x)) (local.get $n)))
      (func (export "zero_after_label") (param $n i32) (param $x i32) (param $y i32) (result i32)
        (i32.add (local.get $n)
                 (block (result i32)
                   (drop (br_if 0 (local.get $y) (local.get $y)))
                   (i32.eqz (local.get $x)))))
      ;; Bit selects ((x ^ y) & m) ^ y (i32BitSelect), the kept operand either one, the and's
      ;; operands either way; an xor kept in a local is still written; a label in between.
      (func (export "choice") (param $e i32) (param $f i32) (param $g i32) (result i32)
        (i32.xor (i32.and (i32.xor (local.get $f) (local.get $g)) (local.get $e)) (local.get $g)))
      (func (export "choice_swapped") (param $e i32) (param $f i32) (param $g i32) (result i32)
        (i32.xor (local.get $f) (i32.and (local.get $e) (i32.xor (local.get $f) (local.get $g)))))
      (func (export "choice_kept") (param $e i32) (param $f i32) (param $g i32) (result i32) (local $t i32)
        (i32.add (i32.xor (i32.and (local.tee $t (i32.xor (local.get $f) (local.get $g))) (local.get $e)) (local.get $g))
                 (local.get $t)))
      (func (export "choice_after_label") (param $e i32) (param $f i32) (param $g i32) (result i32)
        (i32.xor (block (result i32)
                   (drop (br_if 0 (local.get $e) (i32.eqz (local.get $e))))
                   (i32.and (i32.xor (local.get $f) (local.get $g)) (local.get $e)))
                 (local.get $g)))
      ;; a & (b ^ c) (i32AndXor), the xor on either side; majorities (i32Majority), the and's
      ;; operands either way round; an and of other operands is no majority.
      (func (export "and_xor") (param $a i32) (param $b i32) (param $c i32) (result i32)
        (i32.sub (i32.and (local.get $a) (i32.xor (local.get $b) (local.get $c)))
                 (i32.and (i32.xor (local.get $c) (i32.const 0x55)) (local.get $b))))
      (func (export "majority") (param $a i32) (param $b i32) (param $c i32) (result i32)
        (i32.xor (i32.and (local.get $a) (i32.xor (local.get $b) (local.get $c)))
                 (i32.and (local.get $c) (local.get $b))))
      (func (export "not_majority") (param $a i32) (param $b i32) (param $c i32) (result i32)
        (i32.xor (i32.and (local.get $a) (i32.xor (local.get $b) (local.get $c)))
                 (i32.and (local.get $a) (local.get $b))))
      (func (export "majority_after_label") (param $a i32) (param $b i32) (param $c i32) (result i32)
        (i32.xor (i32.and (local.get $a) (i32.xor (local.get $b) (local.get $c)))
                 (block (result i32)
                   (drop (br_if 0 (i32.const 1) (i32.eqz (local.get $a))))
                   (i32.and (local.get $b) (local.get $c)))))
      ;; Rotates five locals n times: six copies in a row, in order.
      (func (export "shift5") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $e i32)
                              (param $n i32) (result i32) (local $t i32)
        (loop $next
          (local.set $t (local.get $a))
          (local.set $a (local.get $b))
          (local.set $b (local.get $c))
          (local.set $c (local.get $d))
          (local.set $d (local.get $e))
          (local.set $e (local.get $t))
          (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (i32.add (i32.add (i32.add (i32.add (i32.mul (local.get $a) (i32.const 10000))
                                            (i32.mul (local.get $b) (i32.const 1000)))
                                   (i32.mul (local.get $c) (i32.const 100)))
                          (i32.mul (local.get $d) (i32.const 10)))
                 (local.get $e)))
      (func (export "select_condition") (param $a i64) (param $b i64) (param $x i32) (result i64)
        (select (local.get $a) (local.get $b) (i32.and (local.get $x) (i32.const 1))))
      (func (export "select_first") (param $a i32) (param $b i32) (param $x i32) (result i32)
        (select (i32.add (local.get $a) (i32.const 1)) (local.get $b) (local.get $x)))
      (func (export "select_second") (param $a i32) (param $b i32) (param $x i32) (result i32)
        (select (local.get $a) (i32.add (local.get $b) (i32.const 1)) (local.get $x))))
    """

    @Test func xorsOfRotationsMatchSwift() throws {
        let instance = try instantiate(Self.chainText)
        let rotl = { (v: UInt32, n: UInt32) in (v << n) | (v >> (32 - n)) }
        for (x, y) in [(UInt32(0), UInt32(0)), (1, 0x8000_0000), (0x1234_5678, 0x9ABC_DEF0), (0xFFFF_FFFF, 7)] {
            #expect(try instance.call("xor_rotl2", .i32(x), .i32(y)) == [.i32(rotl(x, 25) ^ rotl(y, 14))])
            #expect(try instance.call("xor_rotl3", .i32(x), .i32(y), .i32(x &+ y))
                    == [.i32(rotl(x, 30) ^ rotl(y, 21) ^ rotl(x &+ y, 3))])
            #expect(try instance.call("xor_rotl_after_label", .i32(x), .i32(0)) == [.i32(rotl(x, 5) ^ rotl(x, 9))])
            #expect(try instance.call("xor_rotl_after_label", .i32(x), .i32(y | 1)) == [.i32((y | 1) ^ rotl(x, 9))])
        }
    }

    @Test func additionChainsMatchSwift() throws {
        let instance = try instantiate(Self.chainText)
        #expect(try instance.call("add3", .i32(1), .i32(20), .i32(300)) == [.i32(321)])
        #expect(try instance.call("add3", .i32(0xFFFF_FFFF), .i32(2), .i32(0x8000_0000)) == [.i32(0x8000_0001)])
        #expect(try instance.call("add4", .i32(1), .i32(20), .i32(300), .i32(4000)) == [.i32(4321)])
        #expect(try instance.call("add_tee", .i32(1), .i32(2), .i32(30)) == [.i32(3033)])
        #expect(try instance.call("add_after_label", .i32(1), .i32(20), .i32(0)) == [.i32(21)])
        #expect(try instance.call("add_after_label", .i32(1), .i32(20), .i32(300)) == [.i32(600)])
        #expect(try instance.call("count_zeros", .i32(10), .i32(0), .i32(2)) == [.i32(12)])
        #expect(try instance.call("count_zeros", .i32(10), .i32(5), .i32(2)) == [.i32(11)])
        #expect(try instance.call("count_zeros", .i32(10), .i32(0), .i32(3)) == [.i32(11)])
        #expect(try instance.call("count_zeros", .i32(0xFFFF_FFFF), .i32(0), .i32(0)) == [.i32(1)])
        #expect(try instance.call("zero_plus", .i32(7), .i32(0)) == [.i32(8)])
        #expect(try instance.call("zero_plus", .i32(7), .i32(0x8000_0000)) == [.i32(7)])
        #expect(try instance.call("zero_after_label", .i32(7), .i32(0), .i32(0)) == [.i32(8)])
        #expect(try instance.call("zero_after_label", .i32(7), .i32(0), .i32(100)) == [.i32(107)])
    }

    @Test func bitSelectsMatchSwift() throws {
        let instance = try instantiate(Self.chainText)
        for (e, f, g) in [(UInt32(0), UInt32(0xFFFF_FFFF), UInt32(0x1234_5678)), (0xFFFF_FFFF, 0x0F0F_0F0F, 0xF0F0_F0F0),
                          (0x00FF_FF00, 0xDEAD_BEEF, 0x0BAD_F00D)] {
            let select = (f & e) | (g & ~e)
            #expect(try instance.call("choice", .i32(e), .i32(f), .i32(g)) == [.i32(select)])
            #expect(try instance.call("choice_swapped", .i32(e), .i32(f), .i32(g)) == [.i32((g & e) | (f & ~e))])
            #expect(try instance.call("choice_kept", .i32(e), .i32(f), .i32(g)) == [.i32(select &+ (f ^ g))])
            #expect(try instance.call("choice_after_label", .i32(e), .i32(f), .i32(g)) == [.i32(e == 0 ? g : select)])
        }
    }

    @Test func xorAndMajoritiesMatchSwift() throws {
        let instance = try instantiate(Self.chainText)
        for (a, b, c) in [(UInt32(0), UInt32(0xFFFF_FFFF), UInt32(0x1234_5678)), (0xFFFF_FFFF, 0x0F0F_0F0F, 0xF0F0_F0F0),
                          (0x00FF_FF00, 0xDEAD_BEEF, 0x0BAD_F00D)] {
            #expect(try instance.call("and_xor", .i32(a), .i32(b), .i32(c)) == [.i32((a & (b ^ c)) &- ((c ^ 0x55) & b))])
            let majority = (a & b) | (a & c) | (b & c)
            #expect(try instance.call("majority", .i32(a), .i32(b), .i32(c)) == [.i32(majority)])
            #expect(try instance.call("not_majority", .i32(a), .i32(b), .i32(c)) == [.i32((a & (b ^ c)) ^ (a & b))])
            #expect(try instance.call("majority_after_label", .i32(a), .i32(b), .i32(c))
                    == [.i32(a == 0 ? (a & (b ^ c)) ^ 1 : majority)])
        }
    }

    @Test func copiesInARowRunInOrder() throws {
        let instance = try instantiate(Self.chainText)
        func shift(_ rounds: UInt32) throws -> [Value] {
            try instance.call("shift5", .i32(1), .i32(2), .i32(3), .i32(4), .i32(5), .i32(rounds))
        }
        #expect(try shift(1) == [.i32(23451)])
        #expect(try shift(2) == [.i32(34512)])
        #expect(try shift(5) == [.i32(12345)])
    }

    @Test func selectsTakeTheirOperandsFromTheAccumulator() throws {
        let instance = try instantiate(Self.chainText)
        let (a, b): (UInt64, UInt64) = (0x1_0000_0007, 0xFFFF_FFFF_FFFF_FFF0)
        #expect(try instance.call("select_condition", .i64(a), .i64(b), .i32(3)) == [.i64(a)])
        #expect(try instance.call("select_condition", .i64(a), .i64(b), .i32(2)) == [.i64(b)])
        #expect(try instance.call("select_first", .i32(10), .i32(20), .i32(1)) == [.i32(11)])
        #expect(try instance.call("select_first", .i32(10), .i32(20), .i32(0)) == [.i32(20)])
        #expect(try instance.call("select_second", .i32(10), .i32(20), .i32(0x100)) == [.i32(10)])
        #expect(try instance.call("select_second", .i32(10), .i32(20), .i32(0)) == [.i32(21)])
    }

    /// `a op load(address)` stored back to the same address at the same type becomes one
    /// read-modify-write instruction (`f64AddLoadStore`...); another address, a narrower store
    /// or a label in between keeps the store apart.
    private static let updateText = """
    (module
      (memory 1)
      (func (export "f64_accumulate") (param $p i32) (param $v f64) (result f64)
        (f64.store (local.get $p) (f64.add (local.get $v) (f64.load (local.get $p))))
        (f64.load (local.get $p)))
      (func (export "i32_subtract_from") (param $p i32) (param $v i32) (result i32)
        (i32.store offset=4 (local.get $p) (i32.sub (local.get $v) (i32.load offset=4 (local.get $p))))
        (i32.load offset=4 (local.get $p)))
      (func (export "i64_add_elsewhere") (param $p i32) (param $v i64) (result i64)
        (i64.store offset=8 (local.get $p) (i64.add (local.get $v) (i64.load (local.get $p))))
        (i64.sub (i64.load offset=8 (local.get $p)) (i64.load (local.get $p))))
      (func (export "i32_xor_narrow") (param $p i32) (param $v i32) (result i32)
        (i32.store8 (local.get $p) (i32.xor (local.get $v) (i32.load (local.get $p))))
        (i32.load (local.get $p)))
      (func (export "f32_add_after_label") (param $p i32) (param $v f32) (param $jump i32) (result f32)
        (f32.store (local.get $p)
          (block (result f32)
            (drop (br_if 0 (local.get $v) (local.get $jump)))
            (f32.add (local.get $v) (f32.load (local.get $p)))))
        (f32.load (local.get $p))))
    """

    @Test func loadedOperandsStoredBackUpdateMemoryInPlace() throws {
        let instance = try instantiate(Self.updateText)
        let f64 = { (value: Double) in Value.f64(value.bitPattern) }
        #expect(try instance.call("f64_accumulate", .i32(16), f64(1.5)) == [f64(1.5)])
        #expect(try instance.call("f64_accumulate", .i32(16), f64(2.25)) == [f64(3.75)])
        #expect(try instance.call("i32_subtract_from", .i32(32), .i32(10)) == [.i32(10)])
        #expect(try instance.call("i32_subtract_from", .i32(32), .i32(3)) == [.i32(UInt32(bitPattern: -7))])
        #expect(try instance.call("i64_add_elsewhere", .i32(64), .i64(5)) == [.i64(5)])
        #expect(try instance.call("i32_xor_narrow", .i32(96), .i32(0x1234_56FF)) == [.i32(0xFF)])
        #expect(try instance.call("f32_add_after_label", .i32(128), .f32(Float(2).bitPattern), .i32(0))
                == [.f32(Float(2).bitPattern)])
        #expect(try instance.call("f32_add_after_label", .i32(128), .f32(Float(3).bitPattern), .i32(0))
                == [.f32(Float(5).bitPattern)])
        #expect(try instance.call("f32_add_after_label", .i32(128), .f32(Float(0.5).bitPattern), .i32(1))
                == [.f32(Float(0.5).bitPattern)])
        #expect(trapReason { try instance.call("f64_accumulate", .i32(65532), f64(1)) } == .outOfBoundsMemoryAccess)
        #expect(try instance.call("f64_accumulate", .i32(65528), f64(1)) == [f64(1)])
    }

    @Test func consecutiveAdditionsIntoLocalsRunInOrder() throws {
        let instance = try instantiate(Self.text)
        #expect(try instance.call("bumps", .i32(0)) == [.i32(0)])
        #expect(try instance.call("bumps", .i32(5)) == [.i32(40 * 1000 + 43)])
    }
}
