extension BinaryWriter {
    /// Writes a `valtype`; type indices use signed LEB128 like the core type opcodes they share a byte with.
    mutating func valueType(_ type: ValueType) {
        switch type {
        case .primitive(let primitive): byte(primitive.rawValue)
        case .index(let index): signed(Int64(index))
        }
    }

    private mutating func optionalValueType(_ type: ValueType?) {
        optional(type) { $0.valueType($1) }
    }

    private mutating func labeledValueType(_ labeled: LabeledValueType) {
        name(labeled.label)
        valueType(labeled.type)
    }

    mutating func resultList(_ result: ValueType?) {
        if let result {
            byte(0x00)
            valueType(result)
        } else {
            byte(0x01)
            byte(0x00)
        }
    }

    mutating func typeDefinition(_ definition: ComponentTypeDefinition) {
        switch definition {
        case .resource(let resource):
            byte(0x3F)
            coreValueType(resource.representation)
            optional(resource.destructor) { $0.u32($1) }
        case .function(let function):
            byte(function.isAsync ? 0x43 : 0x40)
            vector(function.parameters) { $0.labeledValueType($1) }
            resultList(function.result)
        case .component(let declarations):
            byte(0x41)
            vector(declarations) { $0.typeDeclaration($1) }
        case .instance(let declarations):
            byte(0x42)
            vector(declarations) { $0.typeDeclaration($1) }
        case .defined(let defined):
            definedValueType(defined)
        }
    }

    private mutating func definedValueType(_ type: DefinedValueType) {
        switch type {
        case .primitive(let primitive):
            byte(primitive.rawValue)
        case .record(let fields):
            byte(0x72)
            vector(fields) { $0.labeledValueType($1) }
        case .variant(let cases):
            byte(0x71)
            vector(cases) { writer, variantCase in
                writer.name(variantCase.label)
                writer.optionalValueType(variantCase.type)
                writer.byte(0x00)
            }
        case .list(let element):
            byte(0x70)
            valueType(element)
        case .fixedLengthList(let element, let length):
            byte(0x67)
            valueType(element)
            u32(length)
        case .tuple(let elements):
            byte(0x6F)
            vector(elements) { $0.valueType($1) }
        case .flags(let labels):
            byte(0x6E)
            vector(labels) { $0.name($1) }
        case .enum(let labels):
            byte(0x6D)
            vector(labels) { $0.name($1) }
        case .option(let payload):
            byte(0x6B)
            valueType(payload)
        case .result(let ok, let error):
            byte(0x6A)
            optionalValueType(ok)
            optionalValueType(error)
        case .own(let index):
            byte(0x69)
            u32(index)
        case .borrow(let index):
            byte(0x68)
            u32(index)
        case .stream(let element):
            byte(0x66)
            optionalValueType(element)
        case .future(let element):
            byte(0x65)
            optionalValueType(element)
        case .map(let key, let value):
            byte(0x63)
            valueType(key)
            valueType(value)
        }
    }

    private mutating func typeDeclaration(_ declaration: TypeDeclaration) {
        switch declaration {
        case .coreType(let type):
            byte(0x00)
            coreType(type)
        case .type(let type):
            byte(0x01)
            typeDefinition(type)
        case .alias(let alias):
            byte(0x02)
            self.alias(alias)
        case .import(let name, let type):
            byte(0x03)
            externName(name)
            externType(type)
        case .export(let name, let type):
            byte(0x04)
            externName(name)
            externType(type)
        }
    }

    // MARK: Core types

    mutating func coreType(_ type: CoreType) {
        switch type {
        case .module(let declarations):
            byte(0x50)
            vector(declarations) { $0.moduleTypeDeclaration($1) }
        case .recursionGroup(let subTypes, let isExplicitGroup):
            recursionGroup(subTypes, isExplicitGroup: isExplicitGroup, prefixNonFinal: true)
        }
    }

    /// Writes a `rectype`. A lone non-final sub type that is a component-level core type gets
    /// the 0x00 prefix that tells it apart from a module type (`prefixNonFinal`).
    private mutating func recursionGroup(_ subTypes: [CoreSubType], isExplicitGroup: Bool, prefixNonFinal: Bool) {
        if isExplicitGroup || subTypes.count != 1 {
            byte(0x4E)
            vector(subTypes) { $0.subType($1, inComponentCoreType: false) }
        } else {
            subType(subTypes[0], inComponentCoreType: prefixNonFinal)
        }
    }

    private mutating func moduleTypeDeclaration(_ declaration: ModuleTypeDeclaration) {
        switch declaration {
        case .import(let module, let name, let type):
            byte(0x00)
            self.name(module)
            self.name(name)
            coreExternType(type)
        case .type(let subTypes, let isExplicitGroup):
            byte(0x01)
            recursionGroup(subTypes, isExplicitGroup: isExplicitGroup, prefixNonFinal: false)
        case .outerTypeAlias(let count, let index):
            byte(0x02)
            byte(CoreSort.type.rawValue)
            byte(0x01)
            u32(count)
            u32(index)
        case .export(let name, let type):
            byte(0x03)
            self.name(name)
            coreExternType(type)
        }
    }

    /// Writes a sub type; a non-final one standing alone as a component core type gets the 0x00 prefix.
    private mutating func subType(_ subType: CoreSubType, inComponentCoreType: Bool) {
        if subType.isFinal && subType.supertypes.isEmpty {
            compositeType(subType.composite)
            return
        }
        if !subType.isFinal && inComponentCoreType { byte(0x00) }
        byte(subType.isFinal ? 0x4F : 0x50)
        vector(subType.supertypes) { $0.u32($1) }
        compositeType(subType.composite)
    }

    private mutating func compositeType(_ type: CoreCompositeType) {
        switch type {
        case .function(let parameters, let results):
            byte(0x60)
            vector(parameters) { $0.coreValueType($1) }
            vector(results) { $0.coreValueType($1) }
        case .struct(let fields):
            byte(0x5F)
            vector(fields) { $0.fieldType($1) }
        case .array(let field):
            byte(0x5E)
            fieldType(field)
        }
    }

    private mutating func fieldType(_ field: CoreFieldType) {
        switch field.storage {
        case .i8: byte(0x78)
        case .i16: byte(0x77)
        case .value(let type): coreValueType(type)
        }
        flag(field.isMutable)
    }

    mutating func coreValueType(_ type: CoreValueType) {
        switch type {
        case .i32: byte(0x7F)
        case .i64: byte(0x7E)
        case .f32: byte(0x7D)
        case .f64: byte(0x7C)
        case .v128: byte(0x7B)
        case .reference(let reference): referenceType(reference)
        }
    }

    private mutating func referenceType(_ reference: CoreReferenceType) {
        if reference.isNullable, case .abstract(let abstract, let isShared) = reference.heapType {
            if isShared { byte(0x65) }
            byte(abstract.rawValue)
            return
        }
        byte(reference.isNullable ? 0x63 : 0x64)
        switch reference.heapType {
        case .abstract(let abstract, let isShared):
            if isShared { byte(0x65) }
            byte(abstract.rawValue)
        case .concrete(let index):
            signed(Int64(index))
        }
    }

    private mutating func coreExternType(_ type: CoreExternType) {
        switch type {
        case .function(let index):
            byte(0x00)
            u32(index)
        case .table(let table):
            byte(0x01)
            referenceType(table.elementType)
            limits(table.limits)
        case .memory(let limits):
            byte(0x02)
            self.limits(limits)
        case .global(let global):
            byte(0x03)
            coreValueType(global.valueType)
            byte((global.isMutable ? 1 : 0) | (global.isShared ? 2 : 0))
        case .tag(let index):
            byte(0x04)
            byte(0x00)
            u32(index)
        }
    }

    private mutating func limits(_ limits: CoreLimits) {
        var flags: UInt8 = 0
        if limits.maximum != nil { flags |= 0x01 }
        if limits.isShared { flags |= 0x02 }
        if limits.is64 { flags |= 0x04 }
        if limits.pageSizeLog2 != nil { flags |= 0x08 }
        byte(flags)
        unsigned(limits.minimum)
        if let maximum = limits.maximum { unsigned(maximum) }
        if let pageSizeLog2 = limits.pageSizeLog2 { u32(pageSizeLog2) }
    }
}
