/// A core instance definition.
public enum CoreInstance: Hashable, Sendable {
    /// Instantiates the core module at `module`, each import module name satisfied by a core instance.
    case instantiate(module: UInt32, arguments: [CoreInstantiationArgument])
    /// Bundles existing core items into an instance.
    case fromExports([CoreInlineExport])
}

/// `(with "name" (instance i))` in a core instantiation.
public struct CoreInstantiationArgument: Hashable, Sendable {
    public var name: String
    /// Core instance index.
    public var instance: UInt32
    /// Creates an argument supplying core instance `instance` for import module `name`.
    public init(name: String, instance: UInt32) {
        self.name = name
        self.instance = instance
    }
}

/// A named core item bundled into a core instance.
public struct CoreInlineExport: Hashable, Sendable {
    public var name: String
    public var item: CoreSortIndex
    /// Creates an export `name` of `item`.
    public init(name: String, item: CoreSortIndex) {
        self.name = name
        self.item = item
    }
}

/// A component instance definition.
public enum ComponentInstance: Hashable, Sendable {
    /// Instantiates the component at `component` with named arguments.
    case instantiate(component: UInt32, arguments: [InstantiationArgument])
    /// Bundles existing items into an instance.
    case fromExports([InlineExport])
}

/// `(with "name" (sort i))` in a component instantiation.
public struct InstantiationArgument: Hashable, Sendable {
    public var name: String
    public var item: SortIndex
    /// Creates an argument supplying `item` for import `name`.
    public init(name: String, item: SortIndex) {
        self.name = name
        self.item = item
    }
}

/// A named item bundled into a component instance.
public struct InlineExport: Hashable, Sendable {
    public var name: ExternName
    public var item: SortIndex
    /// Creates an export `name` of `item`.
    public init(name: ExternName, item: SortIndex) {
        self.name = name
        self.item = item
    }
}
