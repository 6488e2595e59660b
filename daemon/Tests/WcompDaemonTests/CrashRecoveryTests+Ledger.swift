import GRPCCore
import WcompDaemonProto

/// What the crash test's clients were told, across every round: the operations the daemon
/// acknowledged (which must survive any crash) and those a kill left without an answer
/// (which may or may not have happened, but never halfway).
actor CrashLedger {
    /// An acknowledged grant.
    struct GrantRecord: Sendable {
        /// The instance holding it.
        var instance: String
        /// The capability.
        var grant: Wcomp_Daemon_V1_Grant
    }

    /// A copy of the ledger at one moment.
    struct Snapshot: Sendable {
        /// Acknowledged uploads: SHA-256 → size in bytes.
        var uploads: [String: Int]
        /// Acknowledged instance creations.
        var instances: Set<String>
        /// Acknowledged grant additions by grant identifier.
        var grants: [Int64: GrantRecord]
        /// Grants whose revocation was sent, acknowledged or not.
        var revocationsSent: Set<Int64>
        /// Grants whose revocation was acknowledged.
        var revoked: Set<Int64>
    }

    private var uploads: [String: Int] = [:]
    private var instances: Set<String> = []
    private var grants: [Int64: GrantRecord] = [:]
    private var revocationsSent: Set<Int64> = []
    private var revoked: Set<Int64> = []
    /// Operations the kill left without an answer.
    private(set) var unanswered = 0
    /// Failures other than the ones a dead daemon causes.
    private(set) var unexpectedErrors: [String] = []

    /// Records an acknowledged upload.
    func uploaded(_ sha256: String, size: Int) { uploads[sha256] = size }

    /// Records an acknowledged instance creation.
    func created(_ instance: String) { instances.insert(instance) }

    /// Records an acknowledged grant addition.
    func granted(_ grant: Wcomp_Daemon_V1_InstanceGrant) {
        grants[grant.id] = GrantRecord(instance: grant.instance, grant: grant.grant)
    }

    /// Records that the revocation of grant `id` is being sent.
    func revoking(_ id: Int64) { revocationsSent.insert(id) }

    /// Records an acknowledged revocation.
    func revoked(_ id: Int64) { revoked.insert(id) }

    /// Records an operation that failed: expected when the daemon died under it (the
    /// connection is gone) or the test cancelled it after the kill, a finding otherwise.
    func failed(_ operation: String, _ error: any Error) {
        let rpcError = error as? RPCError
        if rpcError?.code == .unavailable || rpcError?.code == .cancelled || rpcError?.cause is CancellationError
            || error is CancellationError {
            unanswered += 1
        } else {
            unexpectedErrors.append("\(operation): \(error)")
        }
    }

    /// The ledger as it is now.
    func snapshot() -> Snapshot {
        Snapshot(uploads: uploads, instances: instances, grants: grants, revocationsSent: revocationsSent, revoked: revoked)
    }
}
