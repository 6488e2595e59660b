/// An import of a component or component type.
public struct ComponentImport: Hashable, Sendable {
    public var name: ExternName
    public var type: ExternType
    /// Creates an import `name` of `type`.
    public init(name: ExternName, type: ExternType) {
        self.name = name
        self.type = type
    }
}

/// An export of a component: a named reference to an item, with an optional type ascription.
public struct ComponentExport: Hashable, Sendable {
    public var name: ExternName
    public var item: SortIndex
    /// The ascribed type, which must be a supertype of the item's type.
    public var type: ExternType?
    /// Creates an export `name` of `item`.
    public init(name: ExternName, item: SortIndex, type: ExternType? = nil) {
        self.name = name
        self.item = item
        self.type = type
    }
}

/// 🪙 The start function of a component: called with values, producing `resultCount` values.
public struct ComponentStart: Hashable, Sendable {
    public var function: UInt32
    public var arguments: [UInt32]
    public var resultCount: UInt32
    /// Creates a start definition.
    public init(function: UInt32, arguments: [UInt32], resultCount: UInt32) {
        self.function = function
        self.arguments = arguments
        self.resultCount = resultCount
    }
}

/// 🪙 A value definition: a value type and the value's encoded bytes (`val(t)` in Binary.md),
/// kept verbatim because their decoding depends on the type.
public struct ComponentValueDefinition: Hashable, Sendable {
    public var type: ValueType
    public var encodedValue: [UInt8]
    /// Creates a value definition.
    public init(type: ValueType, encodedValue: [UInt8]) {
        self.type = type
        self.encodedValue = encodedValue
    }
}
