import Foundation
import WcompDaemonProto

/// A component as the state database records it.
public struct StoredComponent: Hashable, Sendable {
    /// SHA-256 of the binary, 64 lowercase hex digits.
    public var sha256: String
    /// The name given at the first upload.
    public var name: String
    /// Size of the binary in bytes.
    public var size: Int
    /// When it was first stored.
    public var uploadedAt: Date
    /// Number of imports of its world.
    public var importCount: Int
    /// Number of exports of its world.
    public var exportCount: Int
}

/// Lifecycle state of an instance, as stored.
public enum InstanceState: String, Hashable, Sendable {
    /// No call is running.
    case idle
    /// A call is running.
    case running
    /// The last call failed; the next call instantiates anew.
    case failed
    /// A command ran to completion.
    case exited
}

/// Limits of an instance; nil fields are unlimited.
public struct InstanceLimits: Hashable, Sendable {
    /// Largest linear memory, in bytes.
    public var memoryBytes: UInt64?
    /// Instruction budget per call.
    public var fuel: UInt64?
    /// Wall-clock deadline per call, in milliseconds.
    public var deadlineMilliseconds: UInt64?

    /// Creates limits.
    public init(memoryBytes: UInt64? = nil, fuel: UInt64? = nil, deadlineMilliseconds: UInt64? = nil) {
        self.memoryBytes = memoryBytes
        self.fuel = fuel
        self.deadlineMilliseconds = deadlineMilliseconds
    }
}

/// An instance as the state database records it.
public struct StoredInstance: Hashable, Sendable {
    /// Unique name.
    public var name: String
    /// SHA-256 of its component.
    public var componentSHA256: String
    /// Limits.
    public var limits: InstanceLimits
    /// Guest arguments after the program name.
    public var arguments: [String]
    /// Lifecycle state.
    public var state: InstanceState
    /// When it was created.
    public var createdAt: Date
    /// Calls made.
    public var calls: UInt64
    /// Calls that failed.
    public var failedCalls: UInt64
    /// Fuel consumed by calls with a fuel limit.
    public var fuelUsed: UInt64
    /// Linear memory the live instantiation holds, in bytes (0 when not instantiated). Not
    /// stored: the instance manager fills it in.
    public var memoryBytes: UInt64 = 0
}

/// A grant an instance holds, as stored.
public struct StoredGrant: Hashable, Sendable {
    /// Identifier, unique in the daemon.
    public var id: Int64
    /// The instance holding it.
    public var instance: String
    /// The capability.
    public var grant: Wcomp_Daemon_V1_Grant
    /// When it was granted.
    public var grantedAt: Date
}

/// One recorded grant change.
public struct AuditRecord: Hashable, Sendable {
    /// What happened to the grant.
    public enum Action: String, Hashable, Sendable {
        /// The grant was added.
        case granted
        /// The grant was revoked.
        case revoked
    }

    /// Identifier, increasing with time.
    public var id: Int64
    /// When the change was made.
    public var time: Date
    /// Who made it (see `CallerIdentity`).
    public var caller: String
    /// What happened.
    public var action: Action
    /// The grant added or revoked.
    public var grant: StoredGrant
}
