/// An error setting up a WASI host (not a guest-visible error): a preopen that cannot be
/// opened, a stdio file that cannot be created, a module without the exports WASI needs.
public struct WASIHostError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, naming the path or export.
    public var message: String

    /// Creates an error with its message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
