import WasmRuntime

// 🔀 Typed faces of the async ABI's value types for generated bindings. The runtime does not
// implement the async ABI (streams, futures and error contexts cannot be created, read or
// written), so these types have no values: a Swift signature can name them, lowering one can
// never happen, and lifting one throws the same trap as the dynamic path.

/// Which async ABI value type a `ComponentAsyncValue` stands for.
public protocol ComponentAsyncValueKind {
    /// The component type, given the element type (`nil` when absent).
    static func componentType(element: CanonicalType?) -> CanonicalType
}

/// `future<Element>`.
public enum FutureKind: ComponentAsyncValueKind {
    /// `future<Element>` or `future`.
    public static func componentType(element: CanonicalType?) -> CanonicalType { CanonicalType(.future(element)) }
}

/// `stream<Element>`.
public enum StreamKind: ComponentAsyncValueKind {
    /// `stream<Element>` or `stream`.
    public static func componentType(element: CanonicalType?) -> CanonicalType { CanonicalType(.stream(element)) }
}

/// `error-context` (it has no element).
public enum ErrorContextKind: ComponentAsyncValueKind {
    /// `error-context`.
    public static func componentType(element: CanonicalType?) -> CanonicalType { .errorContext }
}

/// A value of an async ABI type (`Kind`) with element `Element` (`NoPayload` for none). It has
/// no values: this runtime does not implement the async ABI, and lifting one throws
/// `ComponentTrap`.
public enum ComponentAsyncValue<Kind: ComponentAsyncValueKind, Element: ComponentTyped>: ComponentValueConvertible, Hashable, Sendable {
    /// The kind's type with `Element` (none for `NoPayload`).
    public static var componentType: CanonicalType {
        Kind.componentType(element: Element.self == NoPayload.self ? nil : Element.componentType)
    }

    /// Unreachable: there are no values to lower.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws { switch self {} }
    /// Unreachable: there are no values to store.
    public func store(at pointer: Int, context: LiftLowerContext) throws { switch self {} }
    /// Throws: the async ABI is not implemented.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
    /// Throws: the async ABI is not implemented.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        throw LiftLowerContext.unsupportedValue(componentType)
    }
}

/// A component `future<Element>` (`NoPayload` for a plain `future`); it has no values.
public typealias ComponentFuture<Element: ComponentTyped> = ComponentAsyncValue<FutureKind, Element>
/// A component `stream<Element>` (`NoPayload` for a plain `stream`); it has no values.
public typealias ComponentStream<Element: ComponentTyped> = ComponentAsyncValue<StreamKind, Element>
/// A component `error-context`; it has no values.
public typealias ComponentErrorContext = ComponentAsyncValue<ErrorContextKind, NoPayload>
