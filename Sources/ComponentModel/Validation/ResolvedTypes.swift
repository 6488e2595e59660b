/// Identifies a component-level type in a `TypeArena`. Every definition, import and export of
/// a type gets its own identifier, even when it is structurally equal to another one: exports
/// and imports must refer to *named* types, which is a property of identifiers, not structure.
public struct TypeID: Hashable, Sendable {
    public let rawValue: Int
}

/// Identifies a resource type. Two resource types are the same type exactly when their
/// identifiers are equal; instantiation substitutes identifiers (see `TypeArena`).
public struct ResourceID: Hashable, Sendable {
    public let rawValue: Int
}

/// A value type with type indices replaced by type identifiers.
public enum ResolvedValueType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case defined(TypeID)
}

/// A defined value type whose references are resolved.
public enum ResolvedDefinedType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case record([ResolvedField])
    case variant([ResolvedCase])
    case list(ResolvedValueType)
    case fixedLengthList(ResolvedValueType, length: UInt32)
    case tuple([ResolvedValueType])
    case flags([String])
    case `enum`([String])
    case option(ResolvedValueType)
    case result(ok: ResolvedValueType?, error: ResolvedValueType?)
    /// Handle to the resource type `TypeID` (whose entry is a `.resource`).
    case own(TypeID)
    case borrow(TypeID)
    case stream(ResolvedValueType?)
    case future(ResolvedValueType?)
    case map(key: ResolvedValueType, value: ResolvedValueType)
}

/// A record field or function parameter with a resolved type.
public struct ResolvedField: Hashable, Sendable {
    public var label: String
    public var type: ResolvedValueType
}

/// A variant case with a resolved payload type.
public struct ResolvedCase: Hashable, Sendable {
    public var label: String
    public var type: ResolvedValueType?
}

/// A component function type with resolved parameter and result types.
public struct ResolvedFunctionType: Hashable, Sendable {
    public var isAsync: Bool
    public var parameters: [ResolvedField]
    public var result: ResolvedValueType?
}

/// The type of an item an import, export or instance provides (`externtype`, resolved).
public enum EntityType: Hashable, Sendable {
    case coreModule(CoreModuleType)
    case function(TypeID)
    case value(ResolvedValueType)
    /// A type; its arena entry is a defined, function, component, instance or resource type.
    case type(TypeID)
    case instance(TypeID)
    case component(TypeID)

    /// The sort of the item.
    public var sort: ComponentSort {
        switch self {
        case .coreModule: .core(.module)
        case .function: .function
        case .value: .value
        case .type: .type
        case .instance: .instance
        case .component: .component
        }
    }
}

/// A named item of an instance or component type, in declaration order.
public struct NamedEntity: Hashable, Sendable {
    public var name: String
    public var type: EntityType
}

/// The type of a component instance: its exports, and the resource types it defines
/// (its `(sub resource)` exports), which become fresh types each time the type is imported.
public struct ResolvedInstanceType: Hashable, Sendable {
    public var exports: [NamedEntity]
    public var definedResources: [ResourceID]

    /// The export named `name`, if any.
    public func export(named name: String) -> EntityType? {
        exports.first { $0.name == name }?.type
    }
}

/// The type of a component: imports and exports, the abstract resources its imports
/// introduce and the resources its exports define.
public struct ResolvedComponentType: Hashable, Sendable {
    public var imports: [NamedEntity]
    public var exports: [NamedEntity]
    public var importedResources: [ResourceID]
    public var definedResources: [ResourceID]
}

/// An entry of the type arena.
public enum ResolvedType: Hashable, Sendable {
    case defined(ResolvedDefinedType)
    case function(ResolvedFunctionType)
    case component(ResolvedComponentType)
    case instance(ResolvedInstanceType)
    case resource(ResourceID)
}

/// A core function signature.
public struct CoreFunctionSignature: Hashable, Sendable, CustomStringConvertible {
    public var parameters: [CoreValueType]
    public var results: [CoreValueType]

    /// A readable rendering for messages and debugging.
    public var description: String {
        "[\(parameters.map(\.text).joined(separator: " "))] -> [\(results.map(\.text).joined(separator: " "))]"
    }
}

/// The type of a core item: what a core instance exports or a core module imports.
public enum CoreEntityType: Hashable, Sendable {
    case function(CoreFunctionSignature)
    case table(CoreTableType)
    case memory(CoreLimits)
    case global(CoreGlobalType)
    case tag(CoreFunctionSignature)

    /// The core sort of the item.
    public var sort: CoreSort {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}

/// The type of a core module: its imports, in order, and its exports by name.
public struct CoreModuleType: Hashable, Sendable {
    public var imports: [CoreModuleImport]
    public var exports: [String: CoreEntityType]
}

/// One import of a core module type.
public struct CoreModuleImport: Hashable, Sendable {
    public var module: String
    public var name: String
    public var type: CoreEntityType
}

extension CoreValueType {
    /// The text-format spelling, for error messages.
    var text: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .reference(let reference):
            switch (reference.isNullable, reference.heapType) {
            case (true, .abstract(.function, false)): "funcref"
            case (true, .abstract(.extern, false)): "externref"
            case (let nullable, .abstract(let abstract, _)): "(ref \(nullable ? "null " : "")\(abstract))"
            case (let nullable, .concrete(let index)): "(ref \(nullable ? "null " : "")\(index))"
            }
        }
    }
}
