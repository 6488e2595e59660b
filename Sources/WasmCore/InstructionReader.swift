/// Decodes the instructions of a function body or constant expression one at a time.
///
/// Allocates nothing per instruction except the target list of `br_table`. It checks the
/// binary encoding only; typing rules are the job of `FunctionValidator`.
public struct InstructionReader: Sendable {
    private var reader: BinaryReader
    /// The proposals whose encodings are accepted besides WebAssembly 2.0.
    public var features: WasmFeatures { reader.features }

    /// A reader over `range` of `bytes` (e.g. `FunctionBody.code`) accepting the encodings of
    /// WebAssembly 2.0 and of `features` (use the module's `features`).
    public init(bytes: [UInt8], range: Range<Int>, features: WasmFeatures = .webAssembly2) {
        reader = BinaryReader(bytes: bytes, range: range, features: features)
    }

    /// Byte offset of the next instruction in the binary.
    public var offset: Int {
        get { reader.offset }
        set { reader.offset = newValue }
    }

    /// Whether every byte of the range has been read.
    public var isAtEnd: Bool { reader.isAtEnd }

    /// Decodes the next instruction.
    public mutating func read() throws(WasmError) -> Instruction {
        let opcodeOffset = reader.offset
        let opcode = try reader.readByte()
        switch opcode {
        case 0x00: return .unreachable
        case 0x01: return .nop
        case 0x02: return .block(try readBlockType())
        case 0x03: return .loop(try readBlockType())
        case 0x04: return .if(try readBlockType())
        case 0x05: return .else
        case 0x08 where features.contains(.exceptionHandling): return .throw(try reader.readUInt32())
        case 0x0A where features.contains(.exceptionHandling): return .throwRef
        case 0x0B: return .end
        case 0x0C: return .br(try reader.readUInt32())
        case 0x0D: return .brIf(try reader.readUInt32())
        case 0x0E: return try readBranchTable()
        case 0x0F: return .return
        case 0x10: return .call(try reader.readUInt32())
        case 0x11:
            let typeIndex = try reader.readUInt32()
            return .callIndirect(typeIndex: typeIndex, tableIndex: try reader.readUInt32())
        case 0x12 where features.contains(.tailCall): return .returnCall(try reader.readUInt32())
        case 0x13 where features.contains(.tailCall):
            let typeIndex = try reader.readUInt32()
            return .returnCallIndirect(typeIndex: typeIndex, tableIndex: try reader.readUInt32())
        case 0x1A: return .drop
        case 0x1B: return .select
        case 0x1C: return try readTypedSelect()
        case 0x1F where features.contains(.exceptionHandling): return try readTryTable()
        case 0x20: return .localGet(try reader.readUInt32())
        case 0x21: return .localSet(try reader.readUInt32())
        case 0x22: return .localTee(try reader.readUInt32())
        case 0x23: return .globalGet(try reader.readUInt32())
        case 0x24: return .globalSet(try reader.readUInt32())
        case 0x25: return .tableGet(try reader.readUInt32())
        case 0x26: return .tableSet(try reader.readUInt32())
        case 0x28...0x35:
            return .load(LoadOperator(rawValue: opcode).unsafelyUnwrapped, try readMemoryArgument())
        case 0x36...0x3E:
            return .store(StoreOperator(rawValue: opcode).unsafelyUnwrapped, try readMemoryArgument())
        case 0x3F: return .memorySize(try readMemoryIndex())
        case 0x40: return .memoryGrow(try readMemoryIndex())
        case 0x41: return .i32Const(try reader.readInt32())
        case 0x42: return .i64Const(try reader.readInt64())
        case 0x43: return .f32Const(try reader.readFixedUInt32())
        case 0x44: return .f64Const(try reader.readFixedUInt64())
        case 0x45...0xC4: return .numeric(NumericOperator(rawValue: UInt16(opcode)).unsafelyUnwrapped)
        case 0xD0: return .refNull(try reader.readReferenceType())
        case 0xD1: return .refIsNull
        case 0xD2: return .refFunc(try reader.readUInt32())
        case 0xFC: return try readPrefixedInstruction(opcodeOffset: opcodeOffset)
        case 0xFD:
            let subopcode = (try? reader.readUInt32()).map { " \($0)" } ?? ""
            throw WasmError(
                .malformed, offset: opcodeOffset,
                "SIMD instructions are not supported yet (opcode 0xFD\(subopcode))")
        default:
            throw WasmError(.malformed, offset: opcodeOffset, "illegal opcode \(hex(opcode))")
        }
    }

    /// Decodes a block type: `0x40` (empty), a value type, or a non-negative `s33` type index.
    private mutating func readBlockType() throws(WasmError) -> BlockType {
        let typeOffset = reader.offset
        let first = try reader.peekByte()
        if first == 0x40 {
            reader.offset += 1
            return .empty
        }
        if let type = ValueType(byte: first), reader.accepts(type) {
            reader.offset += 1
            return .value(type)
        }
        let index = try reader.readInt33()
        guard index >= 0 else { throw WasmError(.malformed, offset: typeOffset, "malformed block type") }
        return .typeIndex(UInt32(index))
    }

    /// `try_table`: a block type, then the catch clauses.
    private mutating func readTryTable() throws(WasmError) -> Instruction {
        let blockType = try readBlockType()
        let count = try reader.readVectorCount()
        var clauses: [CatchClause] = []
        for _ in 0..<count {
            let kindOffset = reader.offset
            switch try reader.readByte() {
            case 0x00:
                let tag = try reader.readUInt32()
                clauses.append(.catch(tag: tag, label: try reader.readUInt32()))
            case 0x01:
                let tag = try reader.readUInt32()
                clauses.append(.catchRef(tag: tag, label: try reader.readUInt32()))
            case 0x02: clauses.append(.catchAll(label: try reader.readUInt32()))
            case 0x03: clauses.append(.catchAllRef(label: try reader.readUInt32()))
            default: throw WasmError(.malformed, offset: kindOffset, "malformed catch clause")
            }
        }
        return .tryTable(blockType, clauses)
    }

    private mutating func readBranchTable() throws(WasmError) -> Instruction {
        let count = try reader.readVectorCount()
        var targets: [UInt32] = []
        targets.reserveCapacity(count)
        for _ in 0..<count { targets.append(try reader.readUInt32()) }
        return .brTable(targets: targets, defaultTarget: try reader.readUInt32())
    }

    /// `select t*`: WebAssembly 2.0 allows exactly one type.
    private mutating func readTypedSelect() throws(WasmError) -> Instruction {
        let countOffset = reader.offset
        let count = try reader.readVectorCount()
        guard count == 1 else { throw WasmError(.invalid, offset: countOffset, "invalid result arity") }
        return .typedSelect(try reader.readValueType())
    }

    /// The alignment flags and offset of a load or store. With multi-memory, flag bit 6 says a
    /// memory index follows the flags and flags of 2^7 and above are malformed; without it,
    /// flags of 2^5 and above (an alignment of 2^32 or more) are malformed.
    private mutating func readMemoryArgument() throws(WasmError) -> MemoryArgument {
        let flagsOffset = reader.offset
        var flags = try reader.readUInt32()
        var memoryIndex: UInt32 = 0
        var alignmentLimit: UInt32 = 32
        if features.contains(.multiMemory) {
            // Alignments up to 2^63 decode (validation rejects those above natural).
            alignmentLimit = 64
            if flags & 0x40 != 0, flags < 0x80 {
                flags &= ~0x40
                memoryIndex = try reader.readUInt32()
            }
        }
        guard flags < alignmentLimit else { throw WasmError(.malformed, offset: flagsOffset, "malformed memop flags") }
        return MemoryArgument(alignment: flags, offset: UInt64(try reader.readUInt32()), memoryIndex: memoryIndex)
    }

    /// The memory index of `memory.size`, `memory.grow` and the bulk memory instructions: any
    /// index with multi-memory, otherwise the reserved zero byte of WebAssembly 2.0.
    private mutating func readMemoryIndex() throws(WasmError) -> UInt32 {
        if features.contains(.multiMemory) { return try reader.readUInt32() }
        return try readZeroByte()
    }

    /// The reserved byte of WebAssembly 2.0 memory instructions: exactly one zero byte.
    private mutating func readZeroByte() throws(WasmError) -> UInt32 {
        let byteOffset = reader.offset
        guard try reader.readByte() == 0 else {
            throw WasmError(.malformed, offset: byteOffset, "zero byte expected")
        }
        return 0
    }

    /// The instructions behind the `0xFC` prefix.
    private mutating func readPrefixedInstruction(opcodeOffset: Int) throws(WasmError) -> Instruction {
        let subopcode = try reader.readUInt32()
        switch subopcode {
        case 0...7: return .numeric(NumericOperator(rawValue: 0xFC00 | UInt16(subopcode)).unsafelyUnwrapped)
        case 8:
            let dataIndex = try reader.readUInt32()
            return .memoryInit(dataIndex: dataIndex, memoryIndex: try readMemoryIndex())
        case 9: return .dataDrop(try reader.readUInt32())
        case 10:
            let destination = try readMemoryIndex()
            return .memoryCopy(destinationMemory: destination, sourceMemory: try readMemoryIndex())
        case 11: return .memoryFill(try readMemoryIndex())
        case 12:
            let elementIndex = try reader.readUInt32()
            return .tableInit(elementIndex: elementIndex, tableIndex: try reader.readUInt32())
        case 13: return .elemDrop(try reader.readUInt32())
        case 14:
            let destination = try reader.readUInt32()
            return .tableCopy(destinationTable: destination, sourceTable: try reader.readUInt32())
        case 15: return .tableGrow(try reader.readUInt32())
        case 16: return .tableSize(try reader.readUInt32())
        case 17: return .tableFill(try reader.readUInt32())
        default:
            throw WasmError(.malformed, offset: opcodeOffset, "illegal opcode 0xfc \(subopcode)")
        }
    }

    private func hex(_ byte: UInt8) -> String {
        "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
    }
}
