import WasmRuntime

// 🔀 Typed faces of the async ABI's value types for generated bindings. The runtime does not
// implement the async ABI (streams, futures and error contexts cannot be created, read or
// written), so these types have no values: a Swift signature can name them, lowering one can
// never happen, and lifting one throws the same trap as the dynamic path.

/// A component `future<Element>` (`NoPayload` for a plain `future`). It has no values: this
/// runtime does not implement the async ABI, and lifting a future throws `ComponentTrap`.
public enum ComponentFuture<Element: ComponentTyped>: ComponentValueConvertible, Hashable, Sendable {
    /// `future<Element>`, or `future` for `NoPayload`.
    public static var componentType: CanonicalType {
        CanonicalType(.future(Element.self == NoPayload.self ? nil : Element.componentType))
    }

    /// Unreachable: there are no values to lower.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws { switch self {} }
    /// Unreachable: there are no values to store.
    public func store(at pointer: Int, context: LiftLowerContext) throws { switch self {} }
    /// Throws: futures are not supported.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
    /// Throws: futures are not supported.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
}

/// A component `stream<Element>` (`NoPayload` for a plain `stream`). It has no values: this
/// runtime does not implement the async ABI, and lifting a stream throws `ComponentTrap`.
public enum ComponentStream<Element: ComponentTyped>: ComponentValueConvertible, Hashable, Sendable {
    /// `stream<Element>`, or `stream` for `NoPayload`.
    public static var componentType: CanonicalType {
        CanonicalType(.stream(Element.self == NoPayload.self ? nil : Element.componentType))
    }

    /// Unreachable: there are no values to lower.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws { switch self {} }
    /// Unreachable: there are no values to store.
    public func store(at pointer: Int, context: LiftLowerContext) throws { switch self {} }
    /// Throws: streams are not supported.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
    /// Throws: streams are not supported.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
}

/// A component `error-context`. It has no values: this runtime does not implement error
/// contexts, and lifting one throws `ComponentTrap`.
public enum ComponentErrorContext: ComponentValueConvertible, Hashable, Sendable {
    /// `error-context`.
    public static var componentType: CanonicalType { .errorContext }

    /// Unreachable: there are no values to lower.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws { switch self {} }
    /// Unreachable: there are no values to store.
    public func store(at pointer: Int, context: LiftLowerContext) throws { switch self {} }
    /// Throws: error contexts are not supported.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
    /// Throws: error contexts are not supported.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
}
