/// A component function type (`functype`): labelled parameters and an optional result.
public struct ComponentFunctionType: Hashable, Sendable {
    public var isAsync: Bool
    public var parameters: [LabeledValueType]
    public var result: ValueType?
    /// Creates a function type.
    public init(isAsync: Bool = false, parameters: [LabeledValueType], result: ValueType?) {
        self.isAsync = isAsync
        self.parameters = parameters
        self.result = result
    }
}

/// A resource type definition: its core representation and optional destructor.
public struct ResourceType: Hashable, Sendable {
    /// The core representation type (`i32` in the MVP).
    public var representation: CoreValueType
    /// Core function index of the destructor, if any.
    public var destructor: UInt32?
    /// Creates a resource type definition.
    public init(representation: CoreValueType, destructor: UInt32?) {
        self.representation = representation
        self.destructor = destructor
    }
}

/// A component type definition (`deftype`).
public enum ComponentTypeDefinition: Hashable, Sendable {
    case defined(DefinedValueType)
    case function(ComponentFunctionType)
    /// A component type: its import, export, type and alias declarators.
    case component([TypeDeclaration])
    /// An instance type: its export, type and alias declarators (never imports).
    case instance([TypeDeclaration])
    case resource(ResourceType)
}

/// A declarator of a component or instance type (`componentdecl` / `instancedecl`).
public enum TypeDeclaration: Hashable, Sendable {
    case coreType(CoreType)
    case type(ComponentTypeDefinition)
    case alias(Alias)
    /// Only in component types.
    case `import`(name: ExternName, type: ExternType)
    case export(name: ExternName, type: ExternType)
}

/// The bound of an imported or exported type (`typebound`).
public enum TypeBound: Hashable, Sendable {
    /// Equal to the type at this index.
    case equal(UInt32)
    /// A fresh abstract resource type.
    case subResource
}

/// The bound of an imported or exported value (🪙 `valuebound`).
public enum ValueBound: Hashable, Sendable {
    /// Equal to the value at this index.
    case equal(UInt32)
    case type(ValueType)
}

/// The type of an import or export (`externtype`).
public enum ExternType: Hashable, Sendable {
    /// A core module of the core module type at this core type index.
    case coreModule(typeIndex: UInt32)
    case function(typeIndex: UInt32)
    case value(ValueBound)
    case type(TypeBound)
    case component(typeIndex: UInt32)
    case instance(typeIndex: UInt32)

    /// The index space an item of this type is added to.
    public var sort: ComponentSort {
        switch self {
        case .coreModule: .core(.module)
        case .function: .function
        case .value: .value
        case .type: .type
        case .component: .component
        case .instance: .instance
        }
    }
}
