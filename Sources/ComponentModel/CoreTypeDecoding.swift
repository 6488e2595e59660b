extension BinaryReader {
    /// Reads a `core:type` of a component: a recursion group, a sub type, or a module type.
    ///
    /// Binary.md resolves the 0x50 ambiguity by writing non-final sub types as `0x00 0x50`,
    /// so a bare 0x50 here always starts a module type.
    mutating func readCoreType() throws(ComponentError) -> CoreType {
        switch try peekByte() {
        case 0x00:
            try skip(1)
            guard try peekByte() == 0x50 else {
                throw invalidLeadingByte(try peekByte(), "non-final sub type", at: position)
            }
            return .recursionGroup([try readSubType()], isExplicitGroup: false)
        case 0x50:
            try skip(1)
            let declarations = try nested { reader throws(ComponentError) in
                try reader.readVector { reader throws(ComponentError) in try reader.readModuleTypeDeclaration() }
            }
            return .module(declarations)
        default:
            let (subTypes, isExplicitGroup) = try readRecursionGroup()
            return .recursionGroup(subTypes, isExplicitGroup: isExplicitGroup)
        }
    }

    /// Reads a core `rectype`: `0x4E vec(subtype)` or a single sub type.
    private mutating func readRecursionGroup() throws(ComponentError) -> ([CoreSubType], isExplicitGroup: Bool) {
        guard try peekByte() == 0x4E else { return ([try readSubType()], false) }
        try skip(1)
        return (try readVector { reader throws(ComponentError) in try reader.readSubType() }, true)
    }

    private mutating func readModuleTypeDeclaration() throws(ComponentError) -> ModuleTypeDeclaration {
        let start = position
        switch try readByte() {
        case 0x00:
            let module = try readName()
            let name = try readName()
            return .import(module: module, name: name, type: try readCoreExternType())
        case 0x01:
            let (subTypes, isExplicitGroup) = try readRecursionGroup()
            return .type(subTypes, isExplicitGroup: isExplicitGroup)
        case 0x02:
            let sortOffset = position
            let sort = try readByte()
            guard sort == CoreSort.type.rawValue else { throw invalidLeadingByte(sort, "outer alias kind", at: sortOffset) }
            let targetOffset = position
            let target = try readByte()
            guard target == 0x01 else { throw invalidLeadingByte(target, "outer alias target", at: targetOffset) }
            let count = try readU32()
            return .outerTypeAlias(count: count, index: try readU32())
        case 0x03:
            let name = try readName()
            return .export(name: name, type: try readCoreExternType())
        case let byte:
            throw invalidLeadingByte(byte, "module type declaration", at: start)
        }
    }

    private mutating func readSubType() throws(ComponentError) -> CoreSubType {
        switch try peekByte() {
        case 0x50, 0x4F:
            let isFinal = try readByte() == 0x4F
            let supertypes = try readVector { reader throws(ComponentError) in try reader.readU32() }
            return CoreSubType(isFinal: isFinal, supertypes: supertypes, composite: try readCompositeType())
        default:
            return CoreSubType(composite: try readCompositeType())
        }
    }

    private mutating func readCompositeType() throws(ComponentError) -> CoreCompositeType {
        let start = position
        switch try readByte() {
        case 0x60:
            let parameters = try readVector { reader throws(ComponentError) in try reader.readCoreValueType() }
            let results = try readVector { reader throws(ComponentError) in try reader.readCoreValueType() }
            return .function(parameters: parameters, results: results)
        case 0x5F:
            return .struct(try readVector { reader throws(ComponentError) in try reader.readFieldType() })
        case 0x5E:
            return .array(try readFieldType())
        case let byte:
            throw invalidLeadingByte(byte, "core type", at: start)
        }
    }

    private mutating func readFieldType() throws(ComponentError) -> CoreFieldType {
        let storage: CoreStorageType
        switch try peekByte() {
        case 0x78: try skip(1); storage = .i8
        case 0x77: try skip(1); storage = .i16
        default: storage = .value(try readCoreValueType())
        }
        return CoreFieldType(storage: storage, isMutable: try readFlag("field mutability"))
    }

    /// Reads a core `valtype`.
    mutating func readCoreValueType() throws(ComponentError) -> CoreValueType {
        let start = position
        switch try peekByte() {
        case 0x7F: try skip(1); return .i32
        case 0x7E: try skip(1); return .i64
        case 0x7D: try skip(1); return .f32
        case 0x7C: try skip(1); return .f64
        case 0x7B: try skip(1); return .v128
        default:
            guard let reference = try readReferenceTypeIfPresent() else {
                throw invalidLeadingByte(try peekByte(), "value type", at: start)
            }
            return .reference(reference)
        }
    }

    /// Reads a core `reftype`, or returns nil (consuming nothing) if the next byte cannot start one.
    private mutating func readReferenceTypeIfPresent() throws(ComponentError) -> CoreReferenceType? {
        let byte = try peekByte()
        switch byte {
        case 0x63, 0x64:
            try skip(1)
            return CoreReferenceType(isNullable: byte == 0x63, heapType: try readHeapType())
        case 0x65:
            try skip(1)
            return CoreReferenceType(isNullable: true, heapType: try readAbstractHeapType(isShared: true))
        default:
            guard let abstract = AbstractHeapType(rawValue: byte) else { return nil }
            try skip(1)
            return CoreReferenceType(isNullable: true, heapType: .abstract(abstract, isShared: false))
        }
    }

    private mutating func readAbstractHeapType(isShared: Bool) throws(ComponentError) -> CoreHeapType {
        let start = position
        let byte = try readByte()
        guard let abstract = AbstractHeapType(rawValue: byte) else {
            throw invalidLeadingByte(byte, "heap type", at: start)
        }
        return .abstract(abstract, isShared: isShared)
    }

    private mutating func readHeapType() throws(ComponentError) -> CoreHeapType {
        let start = position
        let byte = try peekByte()
        if byte == 0x65 {
            try skip(1)
            return try readAbstractHeapType(isShared: true)
        }
        if let abstract = AbstractHeapType(rawValue: byte) {
            try skip(1)
            return .abstract(abstract, isShared: false)
        }
        let index = try readSigned(bits: 33)
        guard index >= 0, index <= Int64(UInt32.max) else { throw invalidLeadingByte(byte, "heap type", at: start) }
        return .concrete(UInt32(index))
    }

    /// Reads a reference type (table element types): `0x63`/`0x64` forms or an abstract shorthand.
    private mutating func readReferenceType() throws(ComponentError) -> CoreReferenceType {
        let start = position
        guard let reference = try readReferenceTypeIfPresent() else {
            throw invalidLeadingByte(try peekByte(), "reference type", at: start)
        }
        return reference
    }

    /// Reads a core `externtype` (the type of a core import or export).
    mutating func readCoreExternType() throws(ComponentError) -> CoreExternType {
        let start = position
        switch try readByte() {
        case 0x00:
            return .function(typeIndex: try readU32())
        case 0x01:
            let element = try readReferenceType()
            return .table(CoreTableType(elementType: element, limits: try readLimits()))
        case 0x02:
            return .memory(try readLimits())
        case 0x03:
            let valueType = try readCoreValueType()
            let flagsOffset = position
            let flags = try readByte()
            guard flags & ~0x03 == 0 else { throw malformed("malformed mutability", at: flagsOffset) }
            return .global(CoreGlobalType(valueType: valueType, isMutable: flags & 1 != 0, isShared: flags & 2 != 0))
        case 0x04:
            let attributeOffset = position
            let attribute = try readByte()
            guard attribute == 0 else { throw invalidLeadingByte(attribute, "tag attribute", at: attributeOffset) }
            return .tag(typeIndex: try readU32())
        case let byte:
            throw invalidLeadingByte(byte, "external kind", at: start)
        }
    }

    private mutating func readLimits() throws(ComponentError) -> CoreLimits {
        let flagsOffset = position
        let flags = try readByte()
        guard flags & ~0x0F == 0 else { throw invalidLeadingByte(flags, "limits", at: flagsOffset) }
        let is64 = flags & 0x04 != 0
        let bits = is64 ? 64 : 32
        let minimum = try readUnsigned(bits: bits)
        let maximum = flags & 0x01 != 0 ? try readUnsigned(bits: bits) : nil
        let pageSizeLog2 = flags & 0x08 != 0 ? try readU32() : nil
        return CoreLimits(minimum: minimum, maximum: maximum, isShared: flags & 0x02 != 0, is64: is64,
                          pageSizeLog2: pageSizeLog2)
    }
}
