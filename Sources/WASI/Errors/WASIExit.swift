/// The guest called `proc_exit`: not a failure of the host, the program's own exit status.
public struct WASIExit: Error, Hashable, Sendable, CustomStringConvertible {
    /// The exit code the guest passed.
    public var code: UInt32

    /// Creates the exit with its code.
    public init(code: UInt32) { self.code = code }

    public var description: String { "wasi proc_exit(\(code))" }
}
