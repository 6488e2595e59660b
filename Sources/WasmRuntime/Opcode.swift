import WasmCore

internal import CWasmInterpreter

/// Translation helpers for the interpreter's instructions. `Opcode` itself, its list and the
/// operand layout of every instruction are declared once, in CWasmInterpreter's Opcodes.def.
extension Opcode {
    /// The opcode of a numeric operator.
    init(_ numeric: NumericOperator) {
        self = Opcode.numericOpcodes[numeric]!
    }

    /// The opcode of a load.
    init(_ load: LoadOperator) {
        self = Opcode(rawValue: Opcode.i32Load.rawValue + UInt32(load.rawValue - LoadOperator.i32Load.rawValue))!
    }

    /// The opcode of a store.
    init(_ store: StoreOperator) {
        self = Opcode(rawValue: Opcode.i32Store.rawValue + UInt32(store.rawValue - StoreOperator.i32Store.rawValue))!
    }

    private static let numericOpcodes: [NumericOperator: Opcode] = Dictionary(
        uniqueKeysWithValues: NumericOperator.allCases.enumerated().map { ($0.element, Opcode(rawValue: UInt32($0.offset))!) })

    /// The instruction computing `a op load(address)` for the binary operator `op` whose right
    /// operand is loaded by `load`, when there is one.
    static func loadOperandForm(of op: Opcode, loading load: Opcode) -> Opcode? {
        switch (op, load) {
        case (.i32Add, .i32Load): .i32AddLoad
        case (.i32Sub, .i32Load): .i32SubLoad
        case (.i32Mul, .i32Load): .i32MulLoad
        case (.i32And, .i32Load): .i32AndLoad
        case (.i32Or, .i32Load): .i32OrLoad
        case (.i32Xor, .i32Load): .i32XorLoad
        case (.i64Add, .i64Load): .i64AddLoad
        case (.i64Sub, .i64Load): .i64SubLoad
        case (.i64And, .i64Load): .i64AndLoad
        case (.i64Or, .i64Load): .i64OrLoad
        case (.i64Xor, .i64Load): .i64XorLoad
        case (.f32Add, .f32Load): .f32AddLoad
        case (.f32Sub, .f32Load): .f32SubLoad
        case (.f32Mul, .f32Load): .f32MulLoad
        case (.f64Add, .f64Load): .f64AddLoad
        case (.f64Sub, .f64Load): .f64SubLoad
        case (.f64Mul, .f64Load): .f64MulLoad
        case (.i32Add, .i32Load16S): .i32AddLoad16S
        case (.i32Mul, .i32Load16S): .i32MulLoad16S
        default: nil
        }
    }

    /// The instruction storing the result of the load-operand instruction `fused` (see
    /// `loadOperandForm`) back to the address it loaded from, when `store` stores that type.
    static func loadOperandStoreForm(of fused: Opcode, storing store: Opcode) -> Opcode? {
        guard fused.rawValue >= Opcode.i32AddLoad.rawValue && fused.rawValue <= Opcode.f64MulLoad.rawValue else { return nil }
        let storedType: Opcode = switch fused {
        case .i32AddLoad, .i32SubLoad, .i32MulLoad, .i32AndLoad, .i32OrLoad, .i32XorLoad: .i32Store
        case .i64AddLoad, .i64SubLoad, .i64AndLoad, .i64OrLoad, .i64XorLoad: .i64Store
        case .f32AddLoad, .f32SubLoad, .f32MulLoad: .f32Store
        default: .f64Store
        }
        guard store == storedType else { return nil }
        return Opcode(rawValue: Opcode.i32AddLoadStore.rawValue + (fused.rawValue - Opcode.i32AddLoad.rawValue))
    }

    /// The number of bytes a load or store of memory 0 accesses.
    var accessWidth: Int? {
        switch self {
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U, .i32Store8, .i64Store8: 1
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U, .i32Store16, .i64Store16: 2
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U, .i32Store, .f32Store, .i64Store32: 4
        case .i64Load, .f64Load, .i64Store, .f64Store: 8
        default: nil
        }
    }

    /// The instruction copying `width` bytes of memory 0 (a load whose value only a store takes).
    static func move(width: Int) -> Opcode {
        switch width {
        case 1: .move8
        case 2: .move16
        case 4: .move32
        default: .move64
        }
    }

    /// Whether the binary operator gives the same result with its operands swapped.
    var isCommutative: Bool {
        switch self {
        case .i32Add, .i32Mul, .i32And, .i32Or, .i32Xor, .i64Add, .i64Mul, .i64And, .i64Or, .i64Xor,
             .f32Add, .f32Mul, .f64Add, .f64Mul: true
        default: false
        }
    }

    /// The opcode as the first word of an instruction: the address of its handler.
    var word: UInt64 { wcomp_handler_word(self) }

    /// Whether `word` (an instruction's first word) is this opcode or one of its accumulator forms.
    func hasForm(_ word: UInt64) -> Bool {
        word == self.word || (0..<3).contains { accumulatorForm(field: $0).word == word }
    }

    /// The form of the opcode reading slot field `field` (`n` is the 32-bit half `n % 2` of
    /// operand word `n / 2`) from the accumulator, or the opcode itself when it has none.
    func accumulatorForm(field: Int) -> Opcode { wcomp_accumulator_form(self, Int32(field)) }

    /// The form of the opcode reading `slot` from the accumulator when one of its operand
    /// fields with such a form holds that slot (the first one), else the opcode itself.
    func accumulatorForm(reading slot: Int, operands: [UInt64]) -> Opcode {
        for field in 0..<min(4, operands.count * 2) {
            let word = operands[field / 2]
            guard (field % 2 == 0 ? lowSlot(word) : highSlot(word)) == slot else { continue }
            let form = accumulatorForm(field: field)
            if form != self { return form }
        }
        return self
    }
}
