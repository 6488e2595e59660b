extension BinaryReader {
    /// Reads a `core:sort` byte.
    mutating func readCoreSort() throws(ComponentError) -> CoreSort {
        let start = position
        let byte = try readByte()
        guard let sort = CoreSort(rawValue: byte) else { throw invalidLeadingByte(byte, "core sort", at: start) }
        return sort
    }

    /// Reads a `sort`: `0x00` followed by a core sort, or a component sort byte.
    mutating func readSort() throws(ComponentError) -> ComponentSort {
        let start = position
        switch try readByte() {
        case 0x00: return .core(try readCoreSort())
        case 0x01: return .function
        case 0x02: return .value
        case 0x03: return .type
        case 0x04: return .component
        case 0x05: return .instance
        case let byte: throw invalidLeadingByte(byte, "sort", at: start)
        }
    }

    private mutating func readSortIndex() throws(ComponentError) -> SortIndex {
        let sort = try readSort()
        return SortIndex(sort: sort, index: try readU32())
    }

    mutating func readCoreInstance() throws(ComponentError) -> CoreInstance {
        let start = position
        switch try readByte() {
        case 0x00:
            let module = try readU32()
            let arguments = try readVector { reader throws(ComponentError) in
                let name = try reader.readName()
                let kindOffset = reader.position
                let kind = try reader.readByte()
                guard kind == CoreSort.instance.rawValue else {
                    throw reader.invalidLeadingByte(kind, "instantiation arg kind", at: kindOffset)
                }
                return CoreInstantiationArgument(name: name, instance: try reader.readU32())
            }
            return .instantiate(module: module, arguments: arguments)
        case 0x01:
            return .fromExports(try readVector { reader throws(ComponentError) in
                let name = try reader.readName()
                let sort = try reader.readCoreSort()
                return CoreInlineExport(name: name, item: CoreSortIndex(sort: sort, index: try reader.readU32()))
            })
        case let byte:
            throw invalidLeadingByte(byte, "core instance", at: start)
        }
    }

    mutating func readComponentInstance() throws(ComponentError) -> ComponentInstance {
        let start = position
        switch try readByte() {
        case 0x00:
            let component = try readU32()
            let arguments = try readVector { reader throws(ComponentError) in
                let name = try reader.readName()
                return InstantiationArgument(name: name, item: try reader.readSortIndex())
            }
            return .instantiate(component: component, arguments: arguments)
        case 0x01:
            return .fromExports(try readVector { reader throws(ComponentError) in
                let name = try reader.readExternName()
                return InlineExport(name: name, item: try reader.readSortIndex())
            })
        case let byte:
            throw invalidLeadingByte(byte, "instance", at: start)
        }
    }

    mutating func readAlias() throws(ComponentError) -> Alias {
        let sortOffset = position
        let sort = try readSort()
        let targetOffset = position
        switch try readByte() {
        case 0x00:
            let instance = try readU32()
            return .instanceExport(sort: sort, instance: instance, name: try readName())
        case 0x01:
            guard case .core(let coreSort) = sort else {
                throw malformed("core instance export alias needs a core sort, found \(sort)", at: sortOffset)
            }
            let instance = try readU32()
            return .coreInstanceExport(sort: coreSort, instance: instance, name: try readName())
        case 0x02:
            switch sort {
            case .core(.type), .core(.module), .type, .component: break
            default: throw malformed("\(sort) cannot be aliased from an outer scope", at: sortOffset)
            }
            let count = try readU32()
            return .outer(sort: sort, count: count, index: try readU32())
        case let byte:
            throw invalidLeadingByte(byte, "alias", at: targetOffset)
        }
    }

    mutating func readImport() throws(ComponentError) -> ComponentImport {
        let name = try readExternName()
        return ComponentImport(name: name, type: try readExternType())
    }

    mutating func readExport() throws(ComponentError) -> ComponentExport {
        let name = try readExternName()
        let item = try readSortIndex()
        let type = try readOptional("optional component export type") { reader throws(ComponentError) in
            try reader.readExternType()
        }
        return ComponentExport(name: name, item: item, type: type)
    }
}
