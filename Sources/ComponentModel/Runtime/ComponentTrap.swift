/// A trap raised by the component runtime: a rule of the Component Model or the canonical ABI
/// that a guest (or a host value) broke during a call. The message follows the wording
/// wasmtime uses where the specification names no text.
public struct ComponentTrap: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    /// Creates a trap with a message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    static func unknownHandle(_ index: UInt32) -> ComponentTrap { ComponentTrap("unknown handle index \(index)") }
    static let cannotLeave = ComponentTrap("cannot leave component instance")
    static let cannotEnter = ComponentTrap("cannot enter component instance")
    static let unalignedPointer = ComponentTrap("unaligned pointer")
}

/// An error while linking or instantiating a component: a missing or mismatched import, an
/// unsupported feature, or a failure of a core module's instantiation.
public struct ComponentLinkError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
