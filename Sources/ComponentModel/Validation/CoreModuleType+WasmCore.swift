import WasmCore

extension CoreModuleType {
    /// The import/export type of a module decoded by WasmCore.
    init(_ module: Module) {
        func signature(_ typeIndex: UInt32) -> CoreFunctionSignature {
            guard Int(typeIndex) < module.types.count else { return CoreFunctionSignature(parameters: [], results: []) }
            let type = module.types[Int(typeIndex)]
            return CoreFunctionSignature(parameters: type.parameters.map(CoreValueType.init),
                                         results: type.results.map(CoreValueType.init))
        }
        imports = module.imports.map { item in
            let type: CoreEntityType
            switch item.descriptor {
            case .function(let typeIndex): type = .function(signature(typeIndex))
            case .table(let table): type = .table(CoreTableType(table))
            case .memory(let memory): type = .memory(CoreLimits(memory.limits))
            case .global(let global): type = .global(CoreGlobalType(global))
            case .tag(let tag): type = .tag(signature(tag.typeIndex))
            }
            return CoreModuleImport(module: item.module, name: item.name, type: type)
        }
        let functionTypes = module.allFunctionTypeIndices
        let tables = module.allTables
        let memories = module.allMemories
        let globals = module.allGlobalTypes
        let tags = module.allTags
        var exports: [String: CoreEntityType] = [:]
        for export in module.exports {
            switch export.descriptor {
            case .function(let index) where Int(index) < functionTypes.count:
                exports[export.name] = .function(signature(functionTypes[Int(index)]))
            case .table(let index) where Int(index) < tables.count:
                exports[export.name] = .table(CoreTableType(tables[Int(index)]))
            case .memory(let index) where Int(index) < memories.count:
                exports[export.name] = .memory(CoreLimits(memories[Int(index)].limits))
            case .global(let index) where Int(index) < globals.count:
                exports[export.name] = .global(CoreGlobalType(globals[Int(index)]))
            case .tag(let index) where Int(index) < tags.count:
                exports[export.name] = .tag(signature(tags[Int(index)].typeIndex))
            default:
                continue
            }
        }
        self.exports = exports
    }
}

extension CoreValueType {
    /// The component-side spelling of a WasmCore value type.
    init(_ type: WasmCore.ValueType) {
        switch type {
        case .i32: self = .i32
        case .i64: self = .i64
        case .f32: self = .f32
        case .f64: self = .f64
        case .v128: self = .v128
        case .funcRef: self = .reference(CoreReferenceType(isNullable: true, heapType: .abstract(.function, isShared: false)))
        case .externRef: self = .reference(CoreReferenceType(isNullable: true, heapType: .abstract(.extern, isShared: false)))
        case .exnRef: self = .reference(CoreReferenceType(isNullable: true, heapType: .abstract(.exception, isShared: false)))
        }
    }
}

extension CoreLimits {
    init(_ limits: Limits) {
        self.init(minimum: limits.min, maximum: limits.max, isShared: limits.isShared, is64: limits.is64)
    }
}

extension CoreTableType {
    init(_ table: TableType) {
        let heapType: AbstractHeapType = switch table.elementType {
        case .funcRef: .function
        case .externRef: .extern
        case .exnRef: .exception
        }
        self.init(elementType: CoreReferenceType(isNullable: true, heapType: .abstract(heapType, isShared: false)),
                  limits: CoreLimits(table.limits))
    }
}

extension CoreGlobalType {
    init(_ global: GlobalType) {
        self.init(valueType: CoreValueType(global.valueType), isMutable: global.isMutable)
    }
}
