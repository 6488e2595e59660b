/// One environment variable visible to the guest.
public struct EnvironmentVariable: Hashable, Sendable {
    /// The name (must not contain `=` or NUL).
    public var name: String
    /// The value (must not contain NUL).
    public var value: String

    /// Creates a variable.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `NAME=VALUE`, the form `environ_get` passes to the guest.
    var entry: String { "\(name)=\(value)" }
}
