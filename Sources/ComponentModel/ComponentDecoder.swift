extension Component {
    /// Decodes a component binary.
    ///
    /// Checks the preamble (magic, version 0x0d, layer 1), every section's size and every item
    /// of every section. Embedded core modules are kept as bytes (see `CoreModule.decoded()`);
    /// custom sections are kept verbatim. Throws a `malformed` `ComponentError` naming the
    /// section and byte offset of the first problem. Does not validate (see `validate()`).
    public init(decoding bytes: [UInt8]) throws(ComponentError) {
        var reader = BinaryReader(bytes: bytes)
        self = try reader.readComponent()
        guard reader.isAtEnd else { throw reader.malformed("unexpected content after the last section") }
    }
}

extension BinaryReader {
    /// The 4-byte magic number shared by core modules and components.
    static let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6D]

    /// Reads a preamble and the sections up to the end of this reader.
    mutating func readComponent() throws(ComponentError) -> Component {
        let start = position
        guard end - position >= 4, try readBytes(4) == BinaryReader.magic else {
            throw malformed("magic header not detected", at: start)
        }
        guard end - position >= 4 else { throw malformed("unexpected end-of-file") }
        let versionOffset = position
        let version = UInt16(try readByte()) | UInt16(try readByte()) << 8
        let layer = UInt16(try readByte()) | UInt16(try readByte()) << 8
        guard layer == Component.componentLayer else {
            throw malformed(layer == 0 ? "expected a component, found a core module"
                                       : "unknown binary layer \(layer)", at: versionOffset + 2)
        }
        guard version == Component.currentVersion else {
            throw malformed("unknown component version 0x\(String(version, radix: 16))", at: versionOffset)
        }
        var component = Component()
        while !isAtEnd {
            component.sections.append(try readSection())
        }
        return component
    }

    private mutating func readSection() throws(ComponentError) -> ComponentSection {
        let start = position
        let id = try readByte()
        guard id <= 12 else { throw malformed("malformed section id \(id)", at: start) }
        let enclosingSection = section
        section = ComponentSectionContent.name(ofID: id)
        defer { section = enclosingSection }
        let sizeOffset = position
        let size = Int(try readU32())
        let sizeWidth = position - sizeOffset
        var payloadReader = try subReader(length: size)
        let payloadRange = position..<position + size
        var itemOffsets: [Int] = []
        let content = try payloadReader.readSectionContent(id: id, itemOffsets: &itemOffsets)
        guard payloadReader.isAtEnd else {
            throw payloadReader.malformed("section size mismatch: unexpected content after the last item")
        }
        try skip(size)

        var result = ComponentSection(content)
        result.sourceRange = start..<payloadRange.upperBound
        result.itemOffsets = itemOffsets
        if sizeWidth != BinaryWriter.unsignedWidth(UInt64(size)) { result.paddedSizeWidth = sizeWidth }
        let original = slice(payloadRange)
        if content.encodedPayload() != original {
            result.preservedPayload = original
            result.preservedContent = content
        }
        return result
    }

    /// Reads the payload of section `id`, recording where each item of a vector section starts.
    private mutating func readSectionContent(id: UInt8, itemOffsets: inout [Int]) throws(ComponentError) -> ComponentSectionContent {
        func items<T>(_ element: (inout BinaryReader) throws(ComponentError) -> T) throws(ComponentError) -> [T] {
            try readVector { reader throws(ComponentError) in
                itemOffsets.append(reader.position)
                return try element(&reader)
            }
        }
        switch id {
        case 0:
            let name = try readName()
            return .custom(name: name, payload: try readBytes(end - position))
        case 1:
            itemOffsets.append(position)  // where the module's own offsets start
            return .coreModule(try readCoreModule())
        case 2: return .coreInstances(try items { reader throws(ComponentError) in try reader.readCoreInstance() })
        case 3: return .coreTypes(try items { reader throws(ComponentError) in try reader.readCoreType() })
        case 4: return .component(try nested { reader throws(ComponentError) in try reader.readComponent() })
        case 5: return .instances(try items { reader throws(ComponentError) in try reader.readComponentInstance() })
        case 6: return .aliases(try items { reader throws(ComponentError) in try reader.readAlias() })
        case 7: return .types(try items { reader throws(ComponentError) in try reader.readTypeDefinition() })
        case 8: return .canonicals(try items { reader throws(ComponentError) in try reader.readCanonicalFunction() })
        case 9: return .start(try readStart())
        case 10: return .imports(try items { reader throws(ComponentError) in try reader.readImport() })
        case 11: return .exports(try items { reader throws(ComponentError) in try reader.readExport() })
        default: return .values(try items { reader throws(ComponentError) in try reader.readValueDefinition() })
        }
    }

    /// Reads an embedded core module, checking only its preamble; the rest of the module is
    /// decoded on demand by WasmCore (`CoreModule.decoded()`, and by validation).
    private mutating func readCoreModule() throws(ComponentError) -> CoreModule {
        let start = position
        let bytes = try readBytes(end - position)
        guard bytes.count >= 8, Array(bytes[0..<4]) == BinaryReader.magic else {
            throw malformed("magic header not detected in core module", at: start)
        }
        guard bytes[4..<8] == [0x01, 0x00, 0x00, 0x00] else {
            throw malformed("expected a version header for a module", at: start + 4)
        }
        return CoreModule(bytes: bytes)
    }

    private mutating func readStart() throws(ComponentError) -> ComponentStart {
        let function = try readU32()
        let arguments = try readVector { reader throws(ComponentError) in try reader.readU32() }
        return ComponentStart(function: function, arguments: arguments, resultCount: try readU32())
    }

    private mutating func readValueDefinition() throws(ComponentError) -> ComponentValueDefinition {
        let type = try readValueType()
        let length = Int(try readU32())
        return ComponentValueDefinition(type: type, encodedValue: try readBytes(length))
    }
}
