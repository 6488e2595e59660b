import GRPCCore

/// An error a daemon operation reports to its caller: a gRPC status code and a message that
/// says what was wrong and with which input.
public struct DaemonError: Error, Hashable, Sendable, CustomStringConvertible, RPCErrorConvertible {
    /// The gRPC status code the error maps to.
    public var code: RPCError.Code
    /// What went wrong, naming the offending input.
    public var message: String
    /// How the guest's call ended, when the error is a guest failure (for lifecycle events).
    var guestFailure: GuestFailure?

    /// The ways a guest call fails.
    enum GuestFailure: Hashable, Sendable {
        /// A trap, or fuel, memory or time exhausted.
        case trapped
        /// Interrupted by a stop.
        case stopped
    }

    /// Creates an error.
    public init(_ code: RPCError.Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The status code gRPC sends for this error.
    public var rpcErrorCode: RPCError.Code { code }
    /// The status message gRPC sends for this error.
    public var rpcErrorMessage: String { message }
    /// No underlying cause: the message says everything.
    public var rpcErrorCause: (any Error)? { nil }

    public var description: String { "\(code): \(message)" }

    /// A request field is malformed.
    static func invalid(_ message: String) -> DaemonError { DaemonError(.invalidArgument, message) }
    /// The named item does not exist.
    static func notFound(_ message: String) -> DaemonError { DaemonError(.notFound, message) }
}
