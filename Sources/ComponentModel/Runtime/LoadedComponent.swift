/// A component decoded, validated and prepared for instantiation (core modules decoded once).
/// Instantiate it any number of times with a `ComponentLinker`.
public final class LoadedComponent {
    /// The decoded component.
    public let component: Component
    /// Its type, as validation resolved it: imports and exports with their types.
    public let validated: ValidatedComponent
    let prepared: PreparedComponent

    /// Decodes and validates a component binary.
    public convenience init(bytes: [UInt8]) throws {
        try self.init(try Component(decoding: bytes))
    }

    /// Validates a decoded component and prepares it.
    public init(_ component: Component) throws {
        self.component = component
        validated = try component.validate()
        prepared = try PreparedComponent(component)
    }

    /// The component's imports with their types (names in declaration order).
    public var imports: [NamedEntity] { validated.type.imports }
    /// The component's exports with their types.
    public var exports: [NamedEntity] { validated.type.exports }

    /// The resolved type of the exported function `name` (`"iface#f"` for a function of an
    /// exported instance); type identifiers in it refer to `validated.types`.
    public func exportedFunctionType(_ name: String) -> ResolvedFunctionType? {
        var entities = exports
        var path = name[...]
        if let hash = name.lastIndex(of: "#") {
            guard case .instance(let id)? = exports.first(where: { $0.name == String(name[..<hash]) })?.type,
                  case .instance(let instance) = validated.types[id] else { return nil }
            entities = instance.exports
            path = name[name.index(after: hash)...]
        }
        guard case .function(let id)? = entities.first(where: { $0.name == path })?.type,
              case .function(let function) = validated.types[id] else { return nil }
        return function
    }
}

/// An instantiated component: its exports, ready to call.
public final class InstantiatedComponent {
    /// The component it is an instance of.
    public let component: LoadedComponent
    /// The instance's exports.
    public let exports: ComponentInstanceExports

    init(component: LoadedComponent, exports: ComponentInstanceExports) {
        self.component = component
        self.exports = exports
    }

    /// The exported function `name` (`"iface#f"` for function `f` of exported instance `iface`).
    public func function(_ name: String) -> ComponentFunction? { exports.function(name) }

    /// Calls the exported function `name` with dynamic values; returns its results (zero or one).
    public func call(_ name: String, _ arguments: [ComponentValue]) throws -> [ComponentValue] {
        guard let function = function(name) else { throw ComponentLinkError("no exported function `\(name)`") }
        return try function.call(arguments)
    }
}
