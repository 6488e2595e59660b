extension Module {
    /// Decodes a WebAssembly core module from its binary format, accepting the WebAssembly 2.0
    /// encoding plus the proposals in `features` (recorded in `features` for validation).
    ///
    /// Checks the whole binary structure: header, section order and sizes, every entry of every
    /// section, and the consistency of the function/code and data count/data sections.
    /// Function bodies are only split into locals and a code range; their instructions are
    /// decoded later by `InstructionReader` (and checked by `validate()`).
    /// Throws `WasmError(.malformed, …)` at the offending byte.
    public init(decoding bytes: [UInt8], features: WasmFeatures = .webAssembly2) throws(WasmError) {
        var decoder = ModuleDecoder(bytes: bytes, features: features)
        try decoder.decode()
        self = decoder.module
    }
}

/// The section ids of the binary format, in the order non-custom sections must appear.
private enum SectionID: UInt8 {
    case custom = 0, type, `import`, function, table, memory, global, export, start, element, code, data
    case dataCount = 12
    /// Exception tags (exception-handling proposal), between the memory and global sections.
    case tag = 13

    /// Position in the required order (custom sections may appear anywhere).
    var order: Int {
        switch self {
        case .custom: 0
        case .type, .import, .function, .table, .memory: Int(rawValue)
        case .tag: 6
        case .global, .export, .start, .element: Int(rawValue) + 1
        case .dataCount: 11
        case .code: 12
        case .data: 13
        }
    }
}

/// Decodes the sections of a module binary into a `Module`.
struct ModuleDecoder {
    /// Most locals a function may declare; the specification allows up to 2^32 − 1, but
    /// the decoder expands them, so it applies the same practical limit as other engines.
    static let maximumLocalCount = 50_000

    let bytes: [UInt8]
    private(set) var module: Module
    private var codeSectionOffset: Int?

    init(bytes: [UInt8], features: WasmFeatures) {
        self.bytes = bytes
        module = Module(bytes: bytes, features: features)
    }

    mutating func decode() throws(WasmError) {
        var reader = BinaryReader(bytes: bytes, features: module.features)
        try readHeader(&reader)
        var lastOrder = 0
        while !reader.isAtEnd {
            let idOffset = reader.offset
            let idByte = try reader.readByte()
            guard let id = SectionID(rawValue: idByte), id != .tag || module.features.contains(.exceptionHandling) else {
                throw WasmError(.malformed, offset: idOffset, "malformed section id \(idByte)")
            }
            let contents = try reader.readLengthPrefixedRange()
            if id != .custom {
                guard id.order > lastOrder else {
                    throw WasmError(.malformed, offset: idOffset, "unexpected content after last section")
                }
                lastOrder = id.order
            }
            var section = BinaryReader(bytes: bytes, range: contents, features: module.features)
            try decodeSection(id, &section)
            guard section.isAtEnd else {
                throw WasmError(.malformed, offset: section.offset, "section size mismatch")
            }
        }
        try checkCounts(endOffset: reader.offset)
    }

    private func readHeader(_ reader: inout BinaryReader) throws(WasmError) {
        let magic = try reader.readFixedUInt32()
        guard magic == 0x6D73_6100 else { throw WasmError(.malformed, offset: 0, "magic header not detected") }
        let version = try reader.readFixedUInt32()
        guard version == 1 else { throw WasmError(.malformed, offset: 4, "unknown binary version \(version)") }
    }

    private func checkCounts(endOffset: Int) throws(WasmError) {
        if module.functionTypeIndices.count != module.functionBodies.count {
            throw WasmError(
                .malformed, offset: codeSectionOffset ?? endOffset,
                "function and code section have inconsistent lengths")
        }
        if let dataCount = module.dataCount, Int(dataCount) != module.data.count {
            throw WasmError(
                .malformed, offset: endOffset, "data count and data section have inconsistent lengths")
        }
    }

    private mutating func decodeSection(_ id: SectionID, _ reader: inout BinaryReader) throws(WasmError) {
        switch id {
        case .custom: try decodeCustomSection(&reader)
        case .type: try decodeTypeSection(&reader)
        case .import: try decodeImportSection(&reader)
        case .function: try decodeFunctionSection(&reader)
        case .table:
            try Self.forEachEntry(&reader) { (reader: inout BinaryReader, offset) throws(WasmError) in
                module.tables.append(try Self.readTableType(&reader))
                module.offsets.tables.append(offset)
            }
        case .memory:
            try Self.forEachEntry(&reader) { (reader: inout BinaryReader, offset) throws(WasmError) in
                module.memories.append(MemoryType(limits: try Self.readLimits(&reader, isMemory: true)))
                module.offsets.memories.append(offset)
            }
        case .tag:
            try Self.forEachEntry(&reader) { (reader: inout BinaryReader, offset) throws(WasmError) in
                module.tags.append(try Self.readTagType(&reader))
                module.offsets.tags.append(offset)
            }
        case .global:
            try Self.forEachEntry(&reader) { (reader: inout BinaryReader, offset) throws(WasmError) in
                let type = try Self.readGlobalType(&reader)
                module.globals.append(Global(type: type, initializer: try Self.readConstantExpression(&reader)))
                module.offsets.globals.append(offset)
            }
        case .export: try decodeExportSection(&reader)
        case .start:
            module.offsets.start = reader.offset
            module.start = try reader.readUInt32()
        case .element:
            try Self.forEachEntry(&reader) { (reader: inout BinaryReader, offset) throws(WasmError) in
                module.elements.append(try Self.readElementSegment(&reader))
                module.offsets.elements.append(offset)
            }
        case .dataCount: module.dataCount = try reader.readUInt32()
        case .code: try decodeCodeSection(&reader)
        case .data:
            let countOffset = reader.offset
            let count = try reader.readVectorCount()
            if let dataCount = module.dataCount, Int(dataCount) != count {
                throw WasmError(
                    .malformed, offset: countOffset, "data count and data section have inconsistent lengths")
            }
            for _ in 0..<count {
                module.offsets.data.append(reader.offset)
                module.data.append(try Self.readDataSegment(&reader))
            }
        }
    }

    /// Reads a vector, calling `body` with the reader and the offset of each entry.
    private static func forEachEntry(
        _ reader: inout BinaryReader, _ body: (inout BinaryReader, Int) throws(WasmError) -> Void
    ) throws(WasmError) {
        let count = try reader.readVectorCount()
        for _ in 0..<count { try body(&reader, reader.offset) }
    }

    // MARK: Sections

    private mutating func decodeCustomSection(_ reader: inout BinaryReader) throws(WasmError) {
        let name = try reader.readName()
        let payload = reader.offset..<reader.endOffset
        reader.offset = reader.endOffset
        module.customSections.append(CustomSection(name: name, payload: payload))
        if name == "name", let names = NameSectionDecoder.decode(bytes: bytes, payload: payload) {
            module.names = names
        }
    }

    private mutating func decodeTypeSection(_ reader: inout BinaryReader) throws(WasmError) {
        let count = try reader.readVectorCount()
        module.types.reserveCapacity(count)
        for _ in 0..<count {
            let formOffset = reader.offset
            let form = try reader.readByte()
            guard form == 0x60 else {
                throw WasmError(.malformed, offset: formOffset, "malformed function type 0x\(String(form, radix: 16))")
            }
            let parameters = try Self.readValueTypes(&reader)
            module.types.append(FunctionType(parameters: parameters, results: try Self.readValueTypes(&reader)))
        }
    }

    private mutating func decodeImportSection(_ reader: inout BinaryReader) throws(WasmError) {
        let count = try reader.readVectorCount()
        for _ in 0..<count {
            let entryOffset = reader.offset
            let moduleName = try reader.readName()
            let name = try reader.readName()
            let kindOffset = reader.offset
            let descriptor: ImportDescriptor
            switch try reader.readByte() {
            case 0x00: descriptor = .function(typeIndex: try reader.readUInt32())
            case 0x01: descriptor = .table(try Self.readTableType(&reader))
            case 0x02: descriptor = .memory(MemoryType(limits: try Self.readLimits(&reader, isMemory: true)))
            case 0x03: descriptor = .global(try Self.readGlobalType(&reader))
            case 0x04 where module.features.contains(.exceptionHandling): descriptor = .tag(try Self.readTagType(&reader))
            default: throw WasmError(.malformed, offset: kindOffset, "malformed import kind")
            }
            module.imports.append(Import(module: moduleName, name: name, descriptor: descriptor))
            module.offsets.imports.append(entryOffset)
        }
    }

    private mutating func decodeFunctionSection(_ reader: inout BinaryReader) throws(WasmError) {
        let count = try reader.readVectorCount()
        module.functionTypeIndices.reserveCapacity(count)
        module.offsets.functions.reserveCapacity(count)
        for _ in 0..<count {
            module.offsets.functions.append(reader.offset)
            module.functionTypeIndices.append(try reader.readUInt32())
        }
    }

    private mutating func decodeExportSection(_ reader: inout BinaryReader) throws(WasmError) {
        let count = try reader.readVectorCount()
        for _ in 0..<count {
            let entryOffset = reader.offset
            let name = try reader.readName()
            let kindOffset = reader.offset
            let kind = try reader.readByte()
            let index = try reader.readUInt32()
            let descriptor: ExportDescriptor
            switch kind {
            case 0x00: descriptor = .function(index)
            case 0x01: descriptor = .table(index)
            case 0x02: descriptor = .memory(index)
            case 0x03: descriptor = .global(index)
            case 0x04 where module.features.contains(.exceptionHandling): descriptor = .tag(index)
            default: throw WasmError(.malformed, offset: kindOffset, "malformed export kind")
            }
            module.exports.append(Export(name: name, descriptor: descriptor))
            module.offsets.exports.append(entryOffset)
        }
    }

    private mutating func decodeCodeSection(_ reader: inout BinaryReader) throws(WasmError) {
        codeSectionOffset = reader.offset
        let count = try reader.readVectorCount()
        module.functionBodies.reserveCapacity(count)
        for _ in 0..<count {
            let bodyRange = try reader.readLengthPrefixedRange()
            var body = BinaryReader(bytes: bytes, range: bodyRange, features: module.features)
            let locals = try Self.readLocals(&body)
            module.functionBodies.append(FunctionBody(locals: locals, code: body.offset..<bodyRange.upperBound))
        }
    }

    // MARK: Entries

    private static func readLocals(_ reader: inout BinaryReader) throws(WasmError) -> [ValueType] {
        let groupCount = try reader.readVectorCount()
        var locals: [ValueType] = []
        for _ in 0..<groupCount {
            let countOffset = reader.offset
            let count = Int(try reader.readUInt32())
            guard count <= maximumLocalCount - locals.count else {
                throw WasmError(.malformed, offset: countOffset, "too many locals")
            }
            let type = try reader.readValueType()
            locals.append(contentsOf: repeatElement(type, count: count))
        }
        return locals
    }

    private static func readValueTypes(_ reader: inout BinaryReader) throws(WasmError) -> [ValueType] {
        let count = try reader.readVectorCount()
        var types: [ValueType] = []
        types.reserveCapacity(count)
        for _ in 0..<count { types.append(try reader.readValueType()) }
        return types
    }

    /// Limits: flag bit 0 = has maximum; for memories, bit 1 = shared and bit 2 = 64-bit, which
    /// belong to proposals no feature enables (threads, memory64), so they are malformed here.
    private static func readLimits(_ reader: inout BinaryReader, isMemory: Bool) throws(WasmError) -> Limits {
        let flagsOffset = reader.offset
        let flags = try reader.readFlags(maximum: isMemory ? 0x07 : 0x01)
        if flags & 0x06 != 0 {
            throw WasmError(
                .malformed, offset: flagsOffset,
                "integer too large: limits flags 0x0\(flags) (shared and 64-bit memories are not supported)")
        }
        let is64 = flags & 0x04 != 0
        let minimum = is64 ? try reader.readUInt64() : UInt64(try reader.readUInt32())
        let maximum: UInt64? =
            flags & 0x01 == 0 ? nil : is64 ? try reader.readUInt64() : UInt64(try reader.readUInt32())
        return Limits(min: minimum, max: maximum, is64: is64, isShared: flags & 0x02 != 0)
    }

    private static func readTableType(_ reader: inout BinaryReader) throws(WasmError) -> TableType {
        let elementType = try reader.readReferenceType()
        return TableType(elementType: elementType, limits: try readLimits(&reader, isMemory: false))
    }

    /// A tag type: the attribute byte (0, an exception) and the index of its function type.
    private static func readTagType(_ reader: inout BinaryReader) throws(WasmError) -> TagType {
        let attributeOffset = reader.offset
        guard try reader.readByte() == 0 else {
            throw WasmError(.malformed, offset: attributeOffset, "malformed tag attribute")
        }
        return TagType(typeIndex: try reader.readUInt32())
    }

    private static func readGlobalType(_ reader: inout BinaryReader) throws(WasmError) -> GlobalType {
        let valueType = try reader.readValueType()
        let mutabilityOffset = reader.offset
        switch try reader.readByte() {
        case 0x00: return GlobalType(valueType: valueType, isMutable: false)
        case 0x01: return GlobalType(valueType: valueType, isMutable: true)
        default: throw WasmError(.malformed, offset: mutabilityOffset, "malformed mutability")
        }
    }

    /// Reads instructions up to the `end` that closes the expression (nested blocks are read
    /// through, so that a non-constant expression is reported by validation, not here).
    static func readConstantExpression(_ reader: inout BinaryReader) throws(WasmError) -> ConstantExpression {
        var instructions = InstructionReader(
            bytes: reader.bytes, range: reader.offset..<reader.endOffset, features: reader.features)
        var result: [Instruction] = []
        var depth = 0
        while true {
            let instruction = try instructions.read()
            switch instruction {
            case .block, .loop, .if: depth += 1
            case .end:
                if depth == 0 {
                    reader.offset = instructions.offset
                    return ConstantExpression(instructions: result)
                }
                depth -= 1
            default: break
            }
            result.append(instruction)
        }
    }

    /// Element segment encodings 0–7: bit 0 = passive or declarative, bit 1 = explicit table
    /// index (active) or declarative (not active), bit 2 = expressions instead of function indices.
    private static func readElementSegment(_ reader: inout BinaryReader) throws(WasmError) -> ElementSegment {
        let flagsOffset = reader.offset
        let flags = try reader.readUInt32()
        guard flags <= 7 else {
            throw WasmError(.malformed, offset: flagsOffset, "malformed elements segment kind")
        }
        let isActive = flags & 0x01 == 0
        let usesExpressions = flags & 0x04 != 0
        let mode: ElementSegment.Mode
        if isActive {
            let tableIndex = flags & 0x02 != 0 ? try reader.readUInt32() : 0
            mode = .active(tableIndex: tableIndex, offset: try readConstantExpression(&reader))
        } else {
            mode = flags & 0x02 != 0 ? .declarative : .passive
        }
        // Encodings 0 and 4 have neither an element kind nor a type: funcref.
        let hasType = !(isActive && flags & 0x02 == 0)
        var type = ReferenceType.funcRef
        if hasType {
            if usesExpressions {
                type = try reader.readReferenceType()
            } else {
                let kindOffset = reader.offset
                guard try reader.readByte() == 0x00 else {
                    throw WasmError(.malformed, offset: kindOffset, "malformed element kind")
                }
            }
        }
        let count = try reader.readVectorCount()
        var initializers: [ConstantExpression] = []
        initializers.reserveCapacity(count)
        for _ in 0..<count {
            if usesExpressions {
                initializers.append(try readConstantExpression(&reader))
            } else {
                initializers.append(ConstantExpression(instructions: [.refFunc(try reader.readUInt32())]))
            }
        }
        return ElementSegment(type: type, mode: mode, initializers: initializers)
    }

    /// Data segment encodings 0 (active, memory 0), 1 (passive), 2 (active, explicit memory).
    private static func readDataSegment(_ reader: inout BinaryReader) throws(WasmError) -> DataSegment {
        let flagsOffset = reader.offset
        let mode: DataSegment.Mode
        switch try reader.readUInt32() {
        case 0: mode = .active(memoryIndex: 0, offset: try readConstantExpression(&reader))
        case 1: mode = .passive
        case 2:
            let memoryIndex = try reader.readUInt32()
            mode = .active(memoryIndex: memoryIndex, offset: try readConstantExpression(&reader))
        default: throw WasmError(.malformed, offset: flagsOffset, "malformed data segment kind")
        }
        return DataSegment(mode: mode, bytes: try reader.readByteVector())
    }
}
