extension BinaryReader {
    /// Reads a `valtype`: a primitive code or a (signed LEB128, non-negative) type index.
    mutating func readValueType() throws(ComponentError) -> ValueType {
        let start = position
        if let primitive = PrimitiveValueType(rawValue: try peekByte()) {
            try skip(1)
            return .primitive(primitive)
        }
        let index = try readSigned(bits: 33)
        guard index >= 0, index <= Int64(UInt32.max) else {
            throw malformed("invalid value type: negative type index", at: start)
        }
        return .index(UInt32(index))
    }

    private mutating func readOptionalValueType(_ what: String) throws(ComponentError) -> ValueType? {
        try readOptional(what) { reader throws(ComponentError) in try reader.readValueType() }
    }

    private mutating func readLabeledValueType() throws(ComponentError) -> LabeledValueType {
        let label = try readName()
        return LabeledValueType(label: label, type: try readValueType())
    }

    /// Reads a type definition (`deftype`).
    mutating func readTypeDefinition() throws(ComponentError) -> ComponentTypeDefinition {
        let start = position
        let byte = try readByte()
        switch byte {
        case 0x3F:
            let representation = try readCoreValueType()
            let destructor = try readOptional("resource destructor") { reader throws(ComponentError) in try reader.readU32() }
            return .resource(ResourceType(representation: representation, destructor: destructor))
        case 0x40, 0x43:
            let parameters = try readVector { reader throws(ComponentError) in try reader.readLabeledValueType() }
            return .function(ComponentFunctionType(isAsync: byte == 0x43, parameters: parameters,
                                                   result: try readResultList()))
        case 0x41:
            return .component(try nested { reader throws(ComponentError) in
                try reader.readVector { reader throws(ComponentError) in try reader.readTypeDeclaration(inComponentType: true) }
            })
        case 0x42:
            return .instance(try nested { reader throws(ComponentError) in
                try reader.readVector { reader throws(ComponentError) in try reader.readTypeDeclaration(inComponentType: false) }
            })
        default:
            return .defined(try readDefinedValueType(code: byte, at: start))
        }
    }

    /// Reads a `resultlist`: `0x00 t` for one result, `0x01 0x00` for none.
    mutating func readResultList() throws(ComponentError) -> ValueType? {
        let start = position
        switch try readByte() {
        case 0x00:
            return try readValueType()
        case 0x01:
            let countOffset = position
            let count = try readByte()
            guard count == 0 else { throw invalidLeadingByte(count, "number of results", at: countOffset) }
            return nil
        case let byte:
            throw invalidLeadingByte(byte, "component function results", at: start)
        }
    }

    private mutating func readDefinedValueType(code: UInt8, at start: Int) throws(ComponentError) -> DefinedValueType {
        if let primitive = PrimitiveValueType(rawValue: code) { return .primitive(primitive) }
        switch code {
        case 0x72:
            return .record(try readVector { reader throws(ComponentError) in try reader.readLabeledValueType() })
        case 0x71:
            return .variant(try readVector { reader throws(ComponentError) in try reader.readVariantCase() })
        case 0x70:
            return .list(try readValueType())
        case 0x67:
            let element = try readValueType()
            return .fixedLengthList(element, length: try readU32())
        case 0x6F:
            return .tuple(try readVector { reader throws(ComponentError) in try reader.readValueType() })
        case 0x6E:
            return .flags(try readVector { reader throws(ComponentError) in try reader.readName() })
        case 0x6D:
            return .enum(try readVector { reader throws(ComponentError) in try reader.readName() })
        case 0x6B:
            return .option(try readValueType())
        case 0x6A:
            let ok = try readOptionalValueType("result ok type")
            return .result(ok: ok, error: try readOptionalValueType("result error type"))
        case 0x69:
            return .own(try readU32())
        case 0x68:
            return .borrow(try readU32())
        case 0x66:
            return .stream(try readOptionalValueType("stream element type"))
        case 0x65:
            return .future(try readOptionalValueType("future element type"))
        case 0x63:
            let key = try readValueType()
            return .map(key: key, value: try readValueType())
        default:
            throw invalidLeadingByte(code, "component defined type", at: start)
        }
    }

    private mutating func readVariantCase() throws(ComponentError) -> VariantCase {
        let label = try readName()
        let type = try readOptionalValueType("variant case type")
        let refinesOffset = position
        let refines = try readByte()
        guard refines == 0 else { throw invalidLeadingByte(refines, "variant case refinement", at: refinesOffset) }
        return VariantCase(label: label, type: type)
    }

    /// Reads a component-type declarator (`componentdecl`) or, when `inComponentType` is false,
    /// an instance-type declarator (`instancedecl`, which has no imports).
    private mutating func readTypeDeclaration(inComponentType: Bool) throws(ComponentError) -> TypeDeclaration {
        let start = position
        switch try readByte() {
        case 0x00:
            return .coreType(try readCoreType())
        case 0x01:
            return .type(try readTypeDefinition())
        case 0x02:
            return .alias(try readAlias())
        case 0x03 where inComponentType:
            let name = try readExternName()
            return .import(name: name, type: try readExternType())
        case 0x04:
            let name = try readExternName()
            return .export(name: name, type: try readExternType())
        case let byte:
            throw invalidLeadingByte(byte, inComponentType ? "component type declaration"
                                                           : "instance type declaration", at: start)
        }
    }

    /// Reads an `externtype`.
    mutating func readExternType() throws(ComponentError) -> ExternType {
        switch try readSort() {
        case .core(.module):
            return .coreModule(typeIndex: try readU32())
        case .function:
            return .function(typeIndex: try readU32())
        case .value:
            let start = position
            switch try readByte() {
            case 0x00: return .value(.equal(try readU32()))
            case 0x01: return .value(.type(try readValueType()))
            case let byte: throw invalidLeadingByte(byte, "value bound", at: start)
            }
        case .type:
            let start = position
            switch try readByte() {
            case 0x00: return .type(.equal(try readU32()))
            case 0x01: return .type(.subResource)
            case let byte: throw invalidLeadingByte(byte, "type bound", at: start)
            }
        case .component:
            return .component(typeIndex: try readU32())
        case .instance:
            return .instance(typeIndex: try readU32())
        case .core(let sort):
            throw malformed("\(sort) is not a valid import or export type", at: position - 2)
        }
    }

    /// Reads a `nameattributes`: an extern name and, in the 0x02 form, its attributes.
    mutating func readExternName() throws(ComponentError) -> ExternName {
        let start = position
        let byte = try readByte()
        guard let encoding = ExternName.Encoding(rawValue: byte) else {
            throw invalidLeadingByte(byte, "component name", at: start)
        }
        let name = try readName()
        guard encoding == .attributed else { return ExternName(name, encoding: encoding) }
        let attributes = try readVector { reader throws(ComponentError) in try reader.readNameAttribute() }
        return ExternName(name, attributes: attributes, encoding: .attributed)
    }

    private mutating func readNameAttribute() throws(ComponentError) -> NameAttribute {
        let start = position
        switch try readByte() {
        case 0x00: return .implements(try readName())
        case 0x01: return .versionSuffix(try readName())
        case 0x02: return .externalID(try readName())
        case let byte: throw invalidLeadingByte(byte, "name attribute", at: start)
        }
    }
}
