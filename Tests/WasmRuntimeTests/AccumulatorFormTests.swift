import CWasmInterpreter
import Testing
import WasmCore
@testable import WasmRuntime

/// The accumulator forms (Opcodes.def): an instruction reading the slot the instruction just
/// before it wrote takes that operand from the accumulator. Every operand position of every
/// shape that has such forms is run here against results computed in Swift.
@Suite struct AccumulatorFormTests {
    private static let i32Operators = [
        "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u",
        "rotl", "rotr", "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
    ]
    private static let f64Operators = ["add", "sub", "mul", "div", "min", "max", "copysign", "eq", "ne", "lt", "gt", "le", "ge"]

    /// For each binary operator, `name/left` takes its left operand from the instruction before
    /// (an xor with 0, or a double negation for floats) and `name/right` its right one.
    private static func binaryFunctions(_ type: String, _ operators: [String], producer: (String) -> String) -> String {
        operators.map { op in
            """
            (func (export "\(type).\(op)/left") (param \(type) \(type)) (result \(isComparison(op) ? "i32" : type))
              (\(type).\(op) \(producer("(local.get 0)")) (local.get 1)))
            (func (export "\(type).\(op)/right") (param \(type) \(type)) (result \(isComparison(op) ? "i32" : type))
              (\(type).\(op) (local.get 0) \(producer("(local.get 1)"))))
            """
        }.joined(separator: "\n")
    }

    private static func isComparison(_ op: String) -> Bool {
        ["eq", "ne", "lt", "gt", "le", "ge"].contains(String(op.prefix(2)))
    }

    private static let binaryText = """
    (module
      \(binaryFunctions("i32", i32Operators) { "(i32.xor \($0) (i32.const 0))" })
      \(binaryFunctions("i64", i32Operators) { "(i64.xor \($0) (i64.const 0))" })
      \(binaryFunctions("f64", f64Operators) { "(f64.neg (f64.neg \($0)))" }))
    """

    private static let text = """
    (module
      (memory 1)
      (global $g (mut i32) (i32.const 0))
      ;; Load address, store address and stored value from the accumulator.
      (func (export "load") (param i32) (result i32) (i32.load8_u (i32.xor (local.get 0) (i32.const 0))))
      (func (export "store_value") (param i32 i32) (result i32)
        (i32.store (local.get 0) (i32.xor (local.get 1) (i32.const 0)))
        (i32.load (local.get 0)))
      (func (export "store_address") (param i32 i32) (result i32)
        (i32.store (i32.xor (local.get 0) (i32.const 0)) (local.get 1))
        (i32.load (local.get 0)))
      ;; a op load(address) with a or the address from the accumulator.
      (func (export "add_load_left") (param i32 i32) (result i32)
        (i32.add (i32.xor (local.get 0) (i32.const 0)) (i32.load (local.get 1))))
      (func (export "add_load_address") (param i32 i32) (result i32)
        (i32.add (local.get 0) (i32.load (i32.xor (local.get 1) (i32.const 0)))))
      ;; Compare-and-branch, branch on zero and br_table on a value just computed.
      (func (export "branch_compare") (param i32 i32) (result i32)
        (block $taken (br_if $taken (i32.lt_s (i32.xor (local.get 0) (i32.const 0)) (local.get 1))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "branch_compare_right") (param i32 i32) (result i32)
        (block $taken (br_if $taken (i32.lt_u (local.get 0) (i32.xor (local.get 1) (i32.const 0)))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "branch_compare_immediate") (param i32) (result i32)
        (block $taken (br_if $taken (i32.gt_s (i32.xor (local.get 0) (i32.const 0)) (i32.const 5))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "branch_nonzero") (param i32) (result i32)
        (block $taken (br_if $taken (i32.and (local.get 0) (i32.const 6))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "table") (param i32) (result i32)
        (block $c (block $b (block $a (br_table $a $b $c (i32.xor (local.get 0) (i32.const 0))))
          (return (i32.const 10))) (return (i32.const 20))) (i32.const 30))
      ;; global.set and local.set of a local the instruction before wrote.
      (func (export "global") (param i32) (result i32)
        (global.set $g (i32.mul (local.get 0) (i32.const 3))) (global.get $g))
      (func (export "copy") (param i32) (result i32) (local i32)
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (local.set 1 (local.get 0))
        (i32.mul (local.get 1) (i32.const 10)))
      ;; A chain: every instruction reads the one before; the last one is returned from the accumulator.
      (func (export "chain") (param i32 i32) (result i32)
        (i32.sub (local.get 1) (i32.rotl (i32.mul (i32.add (local.get 0) (local.get 1)) (i32.const 7)) (i32.const 3))))
      ;; The value before a loop's label is not the accumulator at the label: the back-edge
      ;; arrives with another value in it.
      (func (export "loop") (param $n i32) (result i32) (local $i i32) (local $sum i32)
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (loop $next
          (local.set $sum (i32.add (local.get $sum) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $next (i32.le_u (local.get $i) (local.get $n))))
        (local.get $sum)))
    """

    @Test func formsAreFoundByOperandField() {
        func name(_ opcode: Opcode) -> String { String(cString: wcomp_opcode_name(opcode)) }
        #expect(name(Opcode.i32Add.accumulatorForm(reading: 5, operands: [packSlots(9, 5), 7])) == "I32AddAcc1")
        #expect(name(Opcode.i32Add.accumulatorForm(reading: 7, operands: [packSlots(9, 5), 7])) == "I32AddAcc2")
        #expect(name(Opcode.i32Add.accumulatorForm(reading: 9, operands: [packSlots(9, 5), 7])) == "I32Add")
        #expect(name(Opcode.i32Store.accumulatorForm(reading: 3, operands: [packSlots(3, 4), 0])) == "I32StoreAcc0")
        #expect(name(Opcode.brIfNonZero.accumulatorForm(reading: 3, operands: [3, 0])) == "BrIfNonZeroAcc0")
        #expect(name(Opcode.const.accumulatorForm(reading: 3, operands: [3, 3])) == "Const")
        #expect(wcomp_writes_accumulator(Opcode.i32Add.accumulatorForm(field: 2)))
        #expect(!wcomp_writes_accumulator(Opcode.i32Store.accumulatorForm(field: 1)))
        #expect(!wcomp_writes_accumulator(.call))
    }

    @Test func i32AndI64OperatorsTakeEitherOperandFromTheAccumulator() throws {
        let instance = try instantiate(Self.binaryText)
        let values: [UInt32] = [1, 2, 3, 31, 32, 0x8000_0000, 0xFFFF_FFFF, 0x1234_5678]
        for op in Self.i32Operators {
            for a in values {
                for b in values {
                    // i32.div_s of INT32_MIN by -1 traps (covered by the arithmetic tests).
                    if let expected = Self.integerReference(op, a, b, signed: Int32.self) {
                        #expect(try instance.call("i32.\(op)/left", .i32(a), .i32(b)) == [.i32(expected)], "i32.\(op) \(a) \(b)")
                        #expect(try instance.call("i32.\(op)/right", .i32(a), .i32(b)) == [.i32(expected)], "i32.\(op) \(a) \(b)")
                    }
                    let a64 = UInt64(a) << 29 | UInt64(b), b64 = UInt64(b)
                    let expected64 = try #require(Self.integerReference(op, a64, b64, signed: Int64.self))
                    let result: Value = Self.isComparison(op) ? .i32(UInt32(expected64)) : .i64(expected64)
                    #expect(try instance.call("i64.\(op)/left", .i64(a64), .i64(b64)) == [result], "i64.\(op) \(a64) \(b64)")
                    #expect(try instance.call("i64.\(op)/right", .i64(a64), .i64(b64)) == [result], "i64.\(op) \(a64) \(b64)")
                }
            }
        }
    }

    @Test func f64OperatorsTakeEitherOperandFromTheAccumulator() throws {
        let instance = try instantiate(Self.binaryText)
        let values: [Double] = [1.5, -2.25, 0, -0.0, 1e300, -.infinity]
        for op in Self.f64Operators {
            for a in values {
                for b in values {
                    let expected = Self.f64Reference(op, a, b)
                    #expect(try instance.call("f64.\(op)/left", .f64(a.bitPattern), .f64(b.bitPattern)) == [expected], "f64.\(op) \(a) \(b)")
                    #expect(try instance.call("f64.\(op)/right", .f64(a.bitPattern), .f64(b.bitPattern)) == [expected], "f64.\(op) \(a) \(b)")
                }
            }
        }
    }

    @Test func memoryBranchAndMoveFormsGiveTheResultsOfSlots() throws {
        let instance = try instantiate(Self.text)
        #expect(try instance.call("store_value", .i32(64), .i32(0xA1B2_C3D4)) == [.i32(0xA1B2_C3D4)])
        #expect(try instance.call("store_address", .i32(128), .i32(77)) == [.i32(77)])
        #expect(try instance.call("load", .i32(64)) == [.i32(0xD4)])
        #expect(try instance.call("add_load_left", .i32(5), .i32(128)) == [.i32(82)])
        #expect(try instance.call("add_load_address", .i32(5), .i32(128)) == [.i32(82)])
        #expect(trapReason { try instance.call("load", .i32(65536)) } == .outOfBoundsMemoryAccess)
        #expect(try instance.call("branch_compare", .i32(UInt32(bitPattern: -3)), .i32(2)) == [.i32(1)])
        #expect(try instance.call("branch_compare", .i32(3), .i32(2)) == [.i32(0)])
        #expect(try instance.call("branch_compare_right", .i32(2), .i32(UInt32(bitPattern: -3))) == [.i32(1)])
        #expect(try instance.call("branch_compare_right", .i32(2), .i32(1)) == [.i32(0)])
        #expect(try instance.call("branch_compare_immediate", .i32(6)) == [.i32(1)])
        #expect(try instance.call("branch_compare_immediate", .i32(5)) == [.i32(0)])
        #expect(try instance.call("branch_nonzero", .i32(4)) == [.i32(1)])
        #expect(try instance.call("branch_nonzero", .i32(9)) == [.i32(0)])
        #expect(try instance.call("table", .i32(0)) == [.i32(10)])
        #expect(try instance.call("table", .i32(1)) == [.i32(20)])
        #expect(try instance.call("table", .i32(7)) == [.i32(30)])
        #expect(try instance.call("global", .i32(14)) == [.i32(42)])
        #expect(try instance.call("copy", .i32(4)) == [.i32(50)])
        #expect(try instance.call("chain", .i32(3), .i32(4)) == [.i32(4 &- ((3 + 4) * 7 << 3))])
        #expect(try instance.call("loop", .i32(4)) == [.i32(1 + 2 + 3 + 4)])
    }

    /// WebAssembly's integer operator `op` on `a` and `b` (`S` the signed type of `U`'s width);
    /// nil for a division that traps.
    private static func integerReference<U: FixedWidthInteger & UnsignedInteger, S: FixedWidthInteger & SignedInteger>(
        _ op: String, _ a: U, _ b: U, signed _: S.Type
    ) -> U? {
        let (sa, sb) = (S(truncatingIfNeeded: a), S(truncatingIfNeeded: b))
        let mask = U(U.bitWidth - 1), count = b & mask
        let truth = { (condition: Bool) -> U in condition ? 1 : 0 }
        switch op {
        case "add": return a &+ b
        case "sub": return a &- b
        case "mul": return a &* b
        case "div_s": return sa == S.min && sb == -1 ? nil : U(truncatingIfNeeded: sa / sb)
        case "div_u": return a / b
        case "rem_s": return sb == -1 ? 0 : U(truncatingIfNeeded: sa % sb)
        case "rem_u": return a % b
        case "and": return a & b
        case "or": return a | b
        case "xor": return a ^ b
        case "shl": return a << count
        case "shr_s": return U(truncatingIfNeeded: sa >> S(truncatingIfNeeded: count))
        case "shr_u": return a >> count
        case "rotl": return a << count | a >> ((U(U.bitWidth) - count) & mask)
        case "rotr": return a >> count | a << ((U(U.bitWidth) - count) & mask)
        case "eq": return truth(a == b)
        case "ne": return truth(a != b)
        case "lt_s": return truth(sa < sb)
        case "lt_u": return truth(a < b)
        case "gt_s": return truth(sa > sb)
        case "gt_u": return truth(a > b)
        case "le_s": return truth(sa <= sb)
        case "le_u": return truth(a <= b)
        case "ge_s": return truth(sa >= sb)
        case "ge_u": return truth(a >= b)
        default: return nil
        }
    }

    /// WebAssembly's f64 operators (min and max: NaN if either is, -0 below +0).
    private static func f64Reference(_ op: String, _ a: Double, _ b: Double) -> Value {
        let truth = { (condition: Bool) in Value.i32(condition ? 1 : 0) }
        switch op {
        case "add": return .f64((a + b).bitPattern)
        case "sub": return .f64((a - b).bitPattern)
        case "mul": return .f64((a * b).bitPattern)
        case "div": return .f64((a / b).bitPattern)
        case "min": return .f64((a == b ? (a.sign == .minus ? a : b) : Swift.min(a, b)).bitPattern)
        case "max": return .f64((a == b ? (a.sign == .minus ? b : a) : Swift.max(a, b)).bitPattern)
        case "copysign": return .f64(a.bitPattern & ~(1 << 63) | b.bitPattern & 1 << 63)
        case "eq": return truth(a == b)
        case "ne": return truth(a != b)
        case "lt": return truth(a < b)
        case "gt": return truth(a > b)
        case "le": return truth(a <= b)
        default: return truth(a >= b)
        }
    }
}
