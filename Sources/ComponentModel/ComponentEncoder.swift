extension Component {
    /// Encodes the component to its binary format.
    ///
    /// Sections decoded from a binary and left unchanged are reproduced byte for byte
    /// (see `ComponentSection`); everything else is written in the canonical encoding
    /// (minimal LEB128 integers).
    public func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.component(self)
        return writer.bytes
    }
}

extension ComponentSectionContent {
    /// The canonical encoding of the section payload (everything after the size field).
    func encodedPayload() -> [UInt8] {
        var writer = BinaryWriter()
        writer.sectionPayload(self)
        return writer.bytes
    }
}

extension BinaryWriter {
    mutating func component(_ component: Component) {
        bytes(BinaryReader.magic)
        byte(UInt8(component.version & 0xFF))
        byte(UInt8(component.version >> 8))
        byte(UInt8(component.layer & 0xFF))
        byte(UInt8(component.layer >> 8))
        for section in component.sections { self.section(section) }
    }

    private mutating func section(_ section: ComponentSection) {
        let payload: [UInt8]
        if let preserved = section.preservedPayload, section.preservedContent == section.content {
            payload = preserved
        } else {
            payload = section.content.encodedPayload()
        }
        byte(section.content.id)
        let width = section.paddedSizeWidth.flatMap { $0 <= 5 && $0 >= BinaryWriter.unsignedWidth(UInt64(payload.count)) ? $0 : nil }
        unsigned(UInt64(payload.count), width: width)
        bytes(payload)
    }

    mutating func sectionPayload(_ content: ComponentSectionContent) {
        switch content {
        case .custom(let name, let payload):
            self.name(name)
            bytes(payload)
        case .coreModule(let module):
            bytes(module.bytes)
        case .coreInstances(let instances):
            vector(instances) { $0.coreInstance($1) }
        case .coreTypes(let types):
            vector(types) { $0.coreType($1) }
        case .component(let component):
            self.component(component)
        case .instances(let instances):
            vector(instances) { $0.componentInstance($1) }
        case .aliases(let aliases):
            vector(aliases) { $0.alias($1) }
        case .types(let types):
            vector(types) { $0.typeDefinition($1) }
        case .canonicals(let functions):
            vector(functions) { $0.canonicalFunction($1) }
        case .start(let start):
            u32(start.function)
            vector(start.arguments) { $0.u32($1) }
            u32(start.resultCount)
        case .imports(let imports):
            vector(imports) { writer, item in
                writer.externName(item.name)
                writer.externType(item.type)
            }
        case .exports(let exports):
            vector(exports) { writer, item in
                writer.externName(item.name)
                writer.sortIndex(item.item)
                writer.optional(item.type) { $0.externType($1) }
            }
        case .values(let values):
            vector(values) { writer, value in
                writer.valueType(value.type)
                writer.unsigned(UInt64(value.encodedValue.count))
                writer.bytes(value.encodedValue)
            }
        }
    }

    mutating func sort(_ sort: ComponentSort) {
        switch sort {
        case .core(let core):
            byte(0x00)
            byte(core.rawValue)
        case .function: byte(0x01)
        case .value: byte(0x02)
        case .type: byte(0x03)
        case .component: byte(0x04)
        case .instance: byte(0x05)
        }
    }

    private mutating func sortIndex(_ item: SortIndex) {
        sort(item.sort)
        u32(item.index)
    }

    private mutating func coreInstance(_ instance: CoreInstance) {
        switch instance {
        case .instantiate(let module, let arguments):
            byte(0x00)
            u32(module)
            vector(arguments) { writer, argument in
                writer.name(argument.name)
                writer.byte(CoreSort.instance.rawValue)
                writer.u32(argument.instance)
            }
        case .fromExports(let exports):
            byte(0x01)
            vector(exports) { writer, export in
                writer.name(export.name)
                writer.byte(export.item.sort.rawValue)
                writer.u32(export.item.index)
            }
        }
    }

    private mutating func componentInstance(_ instance: ComponentInstance) {
        switch instance {
        case .instantiate(let component, let arguments):
            byte(0x00)
            u32(component)
            vector(arguments) { writer, argument in
                writer.name(argument.name)
                writer.sortIndex(argument.item)
            }
        case .fromExports(let exports):
            byte(0x01)
            vector(exports) { writer, export in
                writer.externName(export.name)
                writer.sortIndex(export.item)
            }
        }
    }

    mutating func alias(_ alias: Alias) {
        switch alias {
        case .instanceExport(let sort, let instance, let name):
            self.sort(sort)
            byte(0x00)
            u32(instance)
            self.name(name)
        case .coreInstanceExport(let sort, let instance, let name):
            self.sort(.core(sort))
            byte(0x01)
            u32(instance)
            self.name(name)
        case .outer(let sort, let count, let index):
            self.sort(sort)
            byte(0x02)
            u32(count)
            u32(index)
        }
    }

    mutating func externName(_ name: ExternName) {
        let encoding: ExternName.Encoding = name.attributes.isEmpty ? name.encoding : .attributed
        byte(encoding.rawValue)
        self.name(name.name)
        guard encoding == .attributed else { return }
        vector(name.attributes) { writer, attribute in
            switch attribute {
            case .implements(let value):
                writer.byte(0x00)
                writer.name(value)
            case .versionSuffix(let value):
                writer.byte(0x01)
                writer.name(value)
            case .externalID(let value):
                writer.byte(0x02)
                writer.name(value)
            }
        }
    }

    mutating func externType(_ type: ExternType) {
        sort(type.sort)
        switch type {
        case .coreModule(let index), .function(let index), .component(let index), .instance(let index):
            u32(index)
        case .value(.equal(let index)):
            byte(0x00)
            u32(index)
        case .value(.type(let valueType)):
            byte(0x01)
            self.valueType(valueType)
        case .type(.equal(let index)):
            byte(0x00)
            u32(index)
        case .type(.subResource):
            byte(0x01)
        }
    }
}
