/// The index spaces and bookkeeping of one scope being validated: a component, a component
/// type or an instance type. Outer aliases reach into enclosing scopes by counting outward.
struct ValidationScope {
    enum Kind {
        case component
        case componentType
        case instanceType
    }

    let kind: Kind

    // Component-level index spaces.
    var functions: [TypeID] = []
    var values: [ResolvedValueType] = []
    var types: [TypeID] = []
    var components: [TypeID] = []
    var instances: [TypeID] = []

    // Core index spaces.
    var coreFunctions: [CoreFunctionSignature] = []
    var coreTables: [CoreTableType] = []
    var coreMemories: [CoreLimits] = []
    var coreGlobals: [CoreGlobalType] = []
    var coreTags: [CoreFunctionSignature] = []
    var coreTypes: [CoreTypeEntry] = []
    var coreModules: [CoreModuleType] = []
    var coreInstances: [[String: CoreEntityType]] = []

    // Imports and exports, with the keys used for strong uniqueness.
    var imports: [NamedEntity] = []
    var exports: [NamedEntity] = []
    var importKeys: [String: String] = [:]
    var exportKeys: [String: String] = [:]

    /// Abstract resources introduced by `(sub resource)` imports.
    var importedResources: [ResourceID] = []
    /// Resources defined here: by `resource` definitions (components) or `(sub resource)`
    /// exports (component and instance types).
    var definedResources: [ResourceID] = []
    /// Resources defined by a `resource` type definition of this component, which
    /// `resource.new` and `resource.rep` may use.
    var localResources: Set<ResourceID> = []

    /// Type identifiers that imports (and exports) may refer to: the "named" types.
    var importedTypes: Set<TypeID> = []
    var exportedTypes: Set<TypeID> = []

    /// Names of the resource types imported and exported so far, by the type identifier the
    /// import or export introduced: the context of `[method]R.f`-style names.
    var importedResourceNames: [TypeID: String] = [:]
    var exportedResourceNames: [TypeID: String] = [:]

    init(kind: Kind) { self.kind = kind }
}

/// An entry of the core type index space.
enum CoreTypeEntry {
    case function(CoreFunctionSignature)
    case module(CoreModuleType)
    /// A GC struct or array type: it can be named but not imported as a function.
    case other
}
