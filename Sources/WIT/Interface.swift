/// An interface: named types and functions.
public struct Interface: Hashable, Sendable {
    /// The name; `nil` for an inline `import x: interface { ... }` in a world.
    public var name: String?
    /// The types defined or used, by name, in source order.
    public var types: OrderedDictionary<String, TypeID>
    /// The functions, by name, in source order (resource functions after their resource).
    public var functions: OrderedDictionary<String, Function>
    /// Doc comments.
    public var docs: Docs
    /// Feature gate.
    public var stability: Stability
    /// The package defining the interface.
    public var package: PackageID?
    /// The interface this one was copied from by a world `include`, if any.
    public var cloneOf: InterfaceID?
    /// Where the interface is named.
    public var span: Span
}
