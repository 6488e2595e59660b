import WasmCore

/// The instructions of the interpreter's internal code, one 64-bit word each, followed by
/// their operand words.
///
/// Slot operands are frame-relative indices in 32-bit fields, two to an operand word (field 0,
/// the low half of the first operand word, is the destination when there is one). Branch offsets are signed word distances from
/// the branching instruction's first word; a taken branch with an offset <= 0 is a loop
/// back-edge and checks fuel, interrupt and deadline. The first cases mirror `NumericOperator`
/// (same order), then `LoadOperator` and `StoreOperator`, so those map by index.
enum Opcode: UInt16 {
    // NumericOperator, in declaration order: [op][dst|a][b] or [op][dst|a].
    case i32Eqz, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU
    case i64Eqz, i64Eq, i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU
    case f32Eq, f32Ne, f32Lt, f32Gt, f32Le, f32Ge
    case f64Eq, f64Ne, f64Lt, f64Gt, f64Le, f64Ge
    case i32Clz, i32Ctz, i32Popcnt, i32Add, i32Sub, i32Mul, i32DivS, i32DivU, i32RemS, i32RemU
    case i32And, i32Or, i32Xor, i32Shl, i32ShrS, i32ShrU, i32Rotl, i32Rotr
    case i64Clz, i64Ctz, i64Popcnt, i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU
    case i64And, i64Or, i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr
    case f32Abs, f32Neg, f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt
    case f32Add, f32Sub, f32Mul, f32Div, f32Min, f32Max, f32Copysign
    case f64Abs, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt
    case f64Add, f64Sub, f64Mul, f64Div, f64Min, f64Max, f64Copysign
    case i32WrapI64, i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U
    case i64ExtendI32S, i64ExtendI32U, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U
    case f32ConvertI32S, f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f32DemoteF64
    case f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32
    case i32ReinterpretF32, i64ReinterpretF64, f32ReinterpretI32, f64ReinterpretI64
    case i32Extend8S, i32Extend16S, i64Extend8S, i64Extend16S, i64Extend32S
    case i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U
    case i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U

    // LoadOperator order: [op][dst|address][offset | addend << 32]; the effective address is
    // (address + addend) mod 2^32 + offset.
    case i32Load, i64Load, f32Load, f64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U
    // StoreOperator order: [op][address|value][offset | addend << 32].
    case i32Store, i64Store, f32Store, f64Store
    case i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    // Binary operators with a constant right operand: [op][dst|a][immediate].
    case i32AddImm, i32MulImm, i32AndImm, i32OrImm, i32XorImm, i32ShlImm, i32ShrSImm, i32ShrUImm
    case i32RotlImm, i32RotrImm, i64RotlImm, i64RotrImm
    case i32EqImm, i32NeImm, i32LtSImm, i32LtUImm, i32GtSImm, i32GtUImm, i32LeSImm, i32LeUImm, i32GeSImm, i32GeUImm
    case i64AddImm, i64SubImm, i64MulImm, i64AndImm, i64OrImm, i64XorImm, i64ShlImm, i64ShrSImm, i64ShrUImm
    case i64EqImm, i64NeImm, i64LtSImm, i64LtUImm, i64GtSImm, i64GtUImm, i64LeSImm, i64LeUImm, i64GeSImm, i64GeUImm

    // Compare-and-branch: [op][a|b][offset]; immediate forms [op][a | imm32 << 32][offset].
    case brIfI32Eq, brIfI32Ne, brIfI32LtS, brIfI32LtU, brIfI32GtS, brIfI32GtU, brIfI32LeS, brIfI32LeU, brIfI32GeS, brIfI32GeU
    case brIfI32EqImm, brIfI32NeImm, brIfI32LtSImm, brIfI32LtUImm, brIfI32GtSImm, brIfI32GtUImm
    case brIfI32LeSImm, brIfI32LeUImm, brIfI32GeSImm, brIfI32GeUImm
    /// [op][condition][offset]
    case brIfZero, brIfNonZero, brIfI64Zero, brIfI64NonZero

    // Control.
    case unreachable
    /// [op][offset]
    case br
    /// [op][index][count][offset × (count + 1)], the last one the default.
    case brTable
    /// [op][FunctionRecord address][argument base slot]
    case call
    /// [op][TableRecord address][index | argumentBase << 21][type id]
    case callIndirect
    case return0
    /// Exception handling: [op][tag store index][payload base slot | count << 32]
    case `throw`
    /// [op][exnref slot]
    case throwRef
    /// Tail calls (`return_call`): [op][FunctionRecord address][argument base slot]
    case returnCall
    /// [op][TableRecord address][index | argumentBase << 32][type id]
    case returnCallIndirect
    /// [op][source]
    case return1

    // Data movement: copy [op][dst|src], copy2 [op][dst1|src1][dst2|src2] (in order),
    // const [op][dst][bits], select [op][dst|a][b|condition].
    case copy, copy2, const, select
    /// [op][dst][cell address] / [op][src][cell address]
    case globalGet, globalSet

    // Memory 0 and tables: three-slot forms [op][a|b][c][records...], others [op][a|b][record].
    case memorySize, memoryGrow, memoryFill, memoryCopy, memoryInit, dataDrop
    case tableGet, tableSet, tableSize, tableGrow, tableFill, tableCopy, tableInit, elemDrop
    case refIsNull

    // Memories other than memory 0 (multi-memory), read through their record each time.
    /// [op][dst|address][offset | addend << 32][MemoryRecord address][LoadOperator raw value]
    case loadFromMemory
    /// [op][address|value][offset | addend << 32][MemoryRecord address][StoreOperator raw value]
    case storeToMemory
    /// [op][dst][memory] and [op][dst|delta][memory]
    case memorySizeOf, memoryGrowOf
    /// [op][destination|value][count][memory]
    case memoryFillOf
    /// [op][destination|source][count][destination memory][source memory]
    case memoryCopyBetween
    /// [op][destination|source][count][segment][memory]
    case memoryInitOf

    /// The opcode of a numeric operator.
    init(_ numeric: NumericOperator) {
        self = Opcode.numericOpcodes[numeric]!
    }

    /// The opcode of a load.
    init(_ load: LoadOperator) {
        self = Opcode(rawValue: Opcode.i32Load.rawValue + UInt16(load.rawValue - LoadOperator.i32Load.rawValue))!
    }

    /// The opcode of a store.
    init(_ store: StoreOperator) {
        self = Opcode(rawValue: Opcode.i32Store.rawValue + UInt16(store.rawValue - StoreOperator.i32Store.rawValue))!
    }

    private static let numericOpcodes: [NumericOperator: Opcode] = Dictionary(
        uniqueKeysWithValues: NumericOperator.allCases.enumerated().map { ($0.element, Opcode(rawValue: UInt16($0.offset))!) })

    /// The opcode as the first word of an instruction.
    var word: UInt64 { UInt64(rawValue) }
}
