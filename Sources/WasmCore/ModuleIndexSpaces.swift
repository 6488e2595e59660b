/// Index-space helpers: each index space lists the imports first, then the definitions.
extension Module {
    /// Number of imported functions (they come first in the function index space).
    public var importedFunctionCount: Int {
        imports.reduce(0) { count, entry in
            if case .function = entry.descriptor { count + 1 } else { count }
        }
    }

    /// Type index of every function in the function index space, imports first.
    public var allFunctionTypeIndices: [UInt32] {
        imports.compactMap { entry -> UInt32? in
            if case .function(let typeIndex) = entry.descriptor { typeIndex } else { nil }
        } + functionTypeIndices
    }

    /// Every table in the table index space, imports first.
    public var allTables: [TableType] {
        imports.compactMap { entry -> TableType? in
            if case .table(let type) = entry.descriptor { type } else { nil }
        } + tables
    }

    /// Every memory in the memory index space, imports first.
    public var allMemories: [MemoryType] {
        imports.compactMap { entry -> MemoryType? in
            if case .memory(let type) = entry.descriptor { type } else { nil }
        } + memories
    }

    /// Every tag in the tag index space, imports first.
    public var allTags: [TagType] {
        imports.compactMap { entry -> TagType? in
            if case .tag(let type) = entry.descriptor { type } else { nil }
        } + tags
    }

    /// Every global's type in the global index space, imports first.
    public var allGlobalTypes: [GlobalType] {
        imports.compactMap { entry -> GlobalType? in
            if case .global(let type) = entry.descriptor { type } else { nil }
        } + globals.map(\.type)
    }

    /// The signature of function `index` in the function index space, if both indices are valid.
    public func functionType(ofFunction index: UInt32) -> FunctionType? {
        let typeIndices = allFunctionTypeIndices
        guard Int(index) < typeIndices.count, Int(typeIndices[Int(index)]) < types.count else { return nil }
        return types[Int(typeIndices[Int(index)])]
    }
}
