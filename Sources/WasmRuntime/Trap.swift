/// Why a guest stopped. `description` is the specification's wording.
public enum TrapReason: Hashable, Sendable, CustomStringConvertible {
    case unreachable
    case outOfBoundsMemoryAccess
    case outOfBoundsTableAccess
    case integerDivideByZero
    case integerOverflow
    case invalidConversionToInteger
    case undefinedElement
    case uninitializedElement
    case indirectCallTypeMismatch
    case callStackExhausted
    case outOfFuel
    case interrupted
    case deadlineExceeded
    /// An exception no `try_table` caught (`Trap.exception` holds it).
    case uncaughtException
    /// `throw_ref` of a null `exnref`.
    case nullExceptionReference
    /// An error thrown by a host function, with its message.
    case host(String)

    public var description: String {
        switch self {
        case .unreachable: "unreachable"
        case .outOfBoundsMemoryAccess: "out of bounds memory access"
        case .outOfBoundsTableAccess: "out of bounds table access"
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        case .undefinedElement: "undefined element"
        case .uninitializedElement: "uninitialized element"
        case .indirectCallTypeMismatch: "indirect call type mismatch"
        case .callStackExhausted: "call stack exhausted"
        case .outOfFuel: "all fuel consumed"
        case .interrupted: "interrupted"
        case .deadlineExceeded: "deadline exceeded"
        case .uncaughtException: "uncaught exception"
        case .nullExceptionReference: "null exception reference"
        case .host(let message): message
        }
    }
}

/// One guest frame of a trap backtrace.
public struct BacktraceFrame: Hashable, Sendable, CustomStringConvertible {
    /// The function's index in its module's function index space.
    public var functionIndex: UInt32
    /// The function's name from the module's `name` section, when it has one.
    public var name: String?

    /// Creates a frame.
    public init(functionIndex: UInt32, name: String?) {
        self.functionIndex = functionIndex
        self.name = name
    }

    public var description: String {
        name.map { "\($0) (function \(functionIndex))" } ?? "function \(functionIndex)"
    }
}

/// A trap: the reason plus the guest backtrace (innermost frame first).
public struct Trap: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the guest stopped.
    public var reason: TrapReason
    /// The guest frames active at the trap, innermost first.
    public var backtrace: [BacktraceFrame]
    /// For `.uncaughtException`, the exception (its store's tag and payload).
    public var exception: Exception?

    /// Creates a trap.
    public init(_ reason: TrapReason, backtrace: [BacktraceFrame] = [], exception: Exception? = nil) {
        self.reason = reason
        self.backtrace = backtrace
        self.exception = exception
    }

    public var description: String {
        guard !backtrace.isEmpty else { return "trap: \(reason)" }
        let frames = backtrace.enumerated().map { "  \($0.offset): \($0.element)" }
        return "trap: \(reason)\n" + frames.joined(separator: "\n")
    }
}

/// Link and call errors that are not traps: unknown import, incompatible import type,
/// wrong argument count or types for a call.
public struct RuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, e.g. `unknown import "env" "f"`.
    public var message: String

    /// Creates an error with its message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
