/// The type of a structured block (`block`, `loop`, `if`).
public enum BlockType: Hashable, Sendable {
    case empty
    case value(ValueType)
    /// Multi-value: the block has the parameters and results of this function type.
    case typeIndex(UInt32)
}

/// The immediate of a load or store: alignment exponent, static offset, memory index.
public struct MemoryArgument: Hashable, Sendable {
    /// log2 of the alignment hint.
    public var alignment: UInt32
    public var offset: UInt64
    public var memoryIndex: UInt32
    public init(alignment: UInt32, offset: UInt64, memoryIndex: UInt32 = 0) {
        self.alignment = alignment
        self.offset = offset
        self.memoryIndex = memoryIndex
    }
}

/// One decoded instruction of a function body or constant expression.
///
/// Instructions without immediates that only compute on numbers are grouped under
/// `numeric`, loads under `load` and stores under `store`; each of those operators
/// knows its own operand and result types.
public enum Instruction: Hashable, Sendable {
    // Control
    case unreachable
    case nop
    case block(BlockType)
    case loop(BlockType)
    case `if`(BlockType)
    case `else`
    case end
    /// `try_table` (exception handling): a block whose catch clauses branch to labels
    /// outside it when an exception escapes its body.
    case tryTable(BlockType, [CatchClause])
    /// `throw x`: throws a new exception of tag `x` with the tag's parameters as payload.
    case `throw`(UInt32)
    /// `throw_ref`: rethrows the exception an `exnref` refers to.
    case throwRef
    case br(UInt32)
    case brIf(UInt32)
    case brTable(targets: [UInt32], defaultTarget: UInt32)
    case `return`
    case call(UInt32)
    case callIndirect(typeIndex: UInt32, tableIndex: UInt32)
    /// `return_call` (tail-call proposal): calls and returns the callee's results.
    case returnCall(UInt32)
    /// `return_call_indirect` (tail-call proposal).
    case returnCallIndirect(typeIndex: UInt32, tableIndex: UInt32)

    // References
    case refNull(ReferenceType)
    case refIsNull
    case refFunc(UInt32)

    // Parametric
    case drop
    /// `select` without a type immediate (numeric operands only).
    case select
    /// `select t` with an explicit operand type.
    case typedSelect(ValueType)

    // Variables
    case localGet(UInt32)
    case localSet(UInt32)
    case localTee(UInt32)
    case globalGet(UInt32)
    case globalSet(UInt32)

    // Tables
    case tableGet(UInt32)
    case tableSet(UInt32)
    case tableInit(elementIndex: UInt32, tableIndex: UInt32)
    case elemDrop(UInt32)
    case tableCopy(destinationTable: UInt32, sourceTable: UInt32)
    case tableGrow(UInt32)
    case tableSize(UInt32)
    case tableFill(UInt32)

    // Memory
    case load(LoadOperator, MemoryArgument)
    case store(StoreOperator, MemoryArgument)
    case memorySize(UInt32)
    case memoryGrow(UInt32)
    case memoryInit(dataIndex: UInt32, memoryIndex: UInt32)
    case dataDrop(UInt32)
    case memoryCopy(destinationMemory: UInt32, sourceMemory: UInt32)
    case memoryFill(UInt32)

    // Constants
    case i32Const(Int32)
    case i64Const(Int64)
    /// The raw IEEE-754 bits, so NaN payloads survive.
    case f32Const(UInt32)
    /// The raw IEEE-754 bits, so NaN payloads survive.
    case f64Const(UInt64)

    /// Every numeric instruction without immediates: tests, comparisons, arithmetic, conversions.
    case numeric(NumericOperator)
}

/// One catch clause of a `try_table`: which exceptions it catches and the label (relative to
/// the `try_table`'s enclosing block) it branches to.
public enum CatchClause: Hashable, Sendable {
    /// Exceptions of `tag`; the branch carries their payload.
    case `catch`(tag: UInt32, label: UInt32)
    /// Exceptions of `tag`; the branch carries their payload and an `exnref` to them.
    case catchRef(tag: UInt32, label: UInt32)
    /// Every exception; the branch carries nothing.
    case catchAll(label: UInt32)
    /// Every exception; the branch carries an `exnref` to it.
    case catchAllRef(label: UInt32)

    /// The tag the clause matches, nil for `catch_all` and `catch_all_ref`.
    public var tag: UInt32? {
        switch self {
        case .catch(let tag, _), .catchRef(let tag, _): tag
        case .catchAll, .catchAllRef: nil
        }
    }

    /// The label the clause branches to.
    public var label: UInt32 {
        switch self {
        case .catch(_, let label), .catchRef(_, let label), .catchAll(let label), .catchAllRef(let label): label
        }
    }

    /// Whether the branch also carries an `exnref` to the caught exception.
    public var capturesReference: Bool {
        switch self {
        case .catchRef, .catchAllRef: true
        case .catch, .catchAll: false
        }
    }
}

/// A load instruction, by its opcode.
public enum LoadOperator: UInt8, Hashable, Sendable, CaseIterable {
    case i32Load = 0x28, i64Load, f32Load, f64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U

    /// The type pushed by the load.
    public var resultType: ValueType {
        switch self {
        case .i32Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U: .i32
        case .f32Load: .f32
        case .f64Load: .f64
        default: .i64
        }
    }

    /// How many bytes the load reads.
    public var byteWidth: Int {
        switch self {
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U: 1
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U: 2
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U: 4
        case .i64Load, .f64Load: 8
        }
    }
}

/// A store instruction, by its opcode.
public enum StoreOperator: UInt8, Hashable, Sendable, CaseIterable {
    case i32Store = 0x36, i64Store, f32Store, f64Store
    case i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    /// The type of the value operand.
    public var valueType: ValueType {
        switch self {
        case .i32Store, .i32Store8, .i32Store16: .i32
        case .f32Store: .f32
        case .f64Store: .f64
        default: .i64
        }
    }

    /// How many bytes the store writes.
    public var byteWidth: Int {
        switch self {
        case .i32Store8, .i64Store8: 1
        case .i32Store16, .i64Store16: 2
        case .i32Store, .f32Store, .i64Store32: 4
        case .i64Store, .f64Store: 8
        }
    }
}

/// A numeric instruction without immediates. The raw value is the opcode; the
/// saturating truncations (prefix 0xFC) are `0xFC00 | subopcode`.
public enum NumericOperator: UInt16, Hashable, Sendable, CaseIterable {
    case i32Eqz = 0x45, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU
    case i64Eqz = 0x50, i64Eq, i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU
    case f32Eq = 0x5B, f32Ne, f32Lt, f32Gt, f32Le, f32Ge
    case f64Eq = 0x61, f64Ne, f64Lt, f64Gt, f64Le, f64Ge
    case i32Clz = 0x67, i32Ctz, i32Popcnt, i32Add, i32Sub, i32Mul, i32DivS, i32DivU, i32RemS, i32RemU
    case i32And, i32Or, i32Xor, i32Shl, i32ShrS, i32ShrU, i32Rotl, i32Rotr
    case i64Clz = 0x79, i64Ctz, i64Popcnt, i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU
    case i64And, i64Or, i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr
    case f32Abs = 0x8B, f32Neg, f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt
    case f32Add, f32Sub, f32Mul, f32Div, f32Min, f32Max, f32Copysign
    case f64Abs = 0x99, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt
    case f64Add, f64Sub, f64Mul, f64Div, f64Min, f64Max, f64Copysign
    case i32WrapI64 = 0xA7, i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U
    case i64ExtendI32S, i64ExtendI32U, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U
    case f32ConvertI32S, f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f32DemoteF64
    case f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32
    case i32ReinterpretF32, i64ReinterpretF64, f32ReinterpretI32, f64ReinterpretI64
    case i32Extend8S = 0xC0, i32Extend16S, i64Extend8S, i64Extend16S, i64Extend32S
    case i32TruncSatF32S = 0xFC00, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U
    case i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U

    /// Whether the extended-const proposal allows the operator in constant expressions
    /// (`i32`/`i64` `add`, `sub` and `mul`).
    public var isExtendedConstant: Bool {
        switch self {
        case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul: true
        default: false
        }
    }

    /// Operand types (in push order) and the single result type.
    public var signature: (operands: [ValueType], result: ValueType) {
        let shape = self.shape
        return (Array(repeating: shape.operand, count: shape.operandCount), shape.result)
    }

    /// The operator's typing without allocation: every numeric operator takes one or two
    /// operands of a single type and produces one result.
    public var shape: (operand: ValueType, operandCount: Int, result: ValueType) {
        switch rawValue {
        case 0x45: (.i32, 1, .i32)
        case 0x46...0x4F: (.i32, 2, .i32)
        case 0x50: (.i64, 1, .i32)
        case 0x51...0x5A: (.i64, 2, .i32)
        case 0x5B...0x60: (.f32, 2, .i32)
        case 0x61...0x66: (.f64, 2, .i32)
        case 0x67...0x69: (.i32, 1, .i32)
        case 0x6A...0x78: (.i32, 2, .i32)
        case 0x79...0x7B: (.i64, 1, .i64)
        case 0x7C...0x8A: (.i64, 2, .i64)
        case 0x8B...0x91: (.f32, 1, .f32)
        case 0x92...0x98: (.f32, 2, .f32)
        case 0x99...0x9F: (.f64, 1, .f64)
        case 0xA0...0xA6: (.f64, 2, .f64)
        case 0xA7: (.i64, 1, .i32)
        case 0xA8, 0xA9, 0xBC: (.f32, 1, .i32)
        case 0xAA, 0xAB: (.f64, 1, .i32)
        case 0xAC, 0xAD: (.i32, 1, .i64)
        case 0xAE, 0xAF: (.f32, 1, .i64)
        case 0xB0, 0xB1, 0xBD: (.f64, 1, .i64)
        case 0xB2, 0xB3, 0xBE: (.i32, 1, .f32)
        case 0xB4, 0xB5: (.i64, 1, .f32)
        case 0xB6: (.f64, 1, .f32)
        case 0xB7, 0xB8: (.i32, 1, .f64)
        case 0xB9, 0xBA, 0xBF: (.i64, 1, .f64)
        case 0xBB: (.f32, 1, .f64)
        case 0xC0, 0xC1: (.i32, 1, .i32)
        case 0xC2...0xC4: (.i64, 1, .i64)
        case 0xFC00, 0xFC01: (.f32, 1, .i32)
        case 0xFC02, 0xFC03: (.f64, 1, .i32)
        case 0xFC04, 0xFC05: (.f32, 1, .i64)
        default: (.f64, 1, .i64)  // 0xFC06, 0xFC07
        }
    }
}
