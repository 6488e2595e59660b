/// The module-level facts that function bodies are validated against: every index space
/// resolved (imports first), segment types, the data count and the declared function references.
///
/// Build it once per module and share it between the `FunctionValidator`s of its functions.
public struct ValidationContext: Sendable {
    /// The binary the module was decoded from.
    public let bytes: [UInt8]
    /// The language features the module may use.
    public let features: WasmFeatures
    /// The module's function types.
    public let types: [FunctionType]
    /// Type index of every function in the function index space.
    public let functionTypeIndices: [UInt32]
    /// Number of imported functions (the first entries of the function index space).
    public let importedFunctionCount: Int
    /// Bodies of the defined functions.
    public let functionBodies: [FunctionBody]
    /// Every table, imports first.
    public let tables: [TableType]
    /// Every memory, imports first.
    public let memories: [MemoryType]
    /// The function type of every tag, imports first (empty for an unknown type index).
    public let tags: [FunctionType]
    /// Every global's type, imports first.
    public let globals: [GlobalType]
    /// Number of imported globals (the only globals constant expressions may read in 2.0).
    public let importedGlobalCount: Int
    /// The reference type of each element segment.
    public let elementTypes: [ReferenceType]
    /// The data count section's value, required by `memory.init` and `data.drop`.
    public let dataCount: UInt32?
    /// Functions that may be referenced by `ref.func` inside function bodies: those named in
    /// element segments, global initializers or exports.
    public let declaredFunctions: Set<UInt32>

    /// Resolves the index spaces of `module`.
    public init(module: Module) {
        bytes = module.bytes
        features = module.features
        types = module.types
        functionTypeIndices = module.allFunctionTypeIndices
        importedFunctionCount = module.importedFunctionCount
        functionBodies = module.functionBodies
        tables = module.allTables
        memories = module.allMemories
        globals = module.allGlobalTypes
        tags = module.allTags.map { Int($0.typeIndex) < module.types.count ? module.types[Int($0.typeIndex)] : FunctionType() }
        importedGlobalCount = globals.count - module.globals.count
        elementTypes = module.elements.map(\.type)
        dataCount = module.dataCount
        declaredFunctions = Self.declaredFunctions(of: module)
    }

    /// The signature of function `index`, if the function and its type exist.
    public func functionType(ofFunction index: UInt32) -> FunctionType? {
        guard Int(index) < functionTypeIndices.count else { return nil }
        let typeIndex = Int(functionTypeIndices[Int(index)])
        return typeIndex < types.count ? types[typeIndex] : nil
    }

    private static func declaredFunctions(of module: Module) -> Set<UInt32> {
        var declared = Set<UInt32>()
        func collect(_ expression: ConstantExpression) {
            for case .refFunc(let index) in expression.instructions { declared.insert(index) }
        }
        for segment in module.elements { segment.initializers.forEach(collect) }
        for global in module.globals { collect(global.initializer) }
        for export in module.exports {
            if case .function(let index) = export.descriptor { declared.insert(index) }
        }
        return declared
    }
}
