import Synchronization

/// The live, mutable grants of one guest. Host calls read them at every call, so a change
/// (a revocation, a new variable) takes effect at the guest's next host call. Thread-safe:
/// a controller thread may change grants while the guest runs on another.
public final class GrantSet: Sendable {
    private let state: Mutex<WASIGrants>

    /// Starts with `grants` (nothing by default).
    public init(_ grants: WASIGrants = WASIGrants()) {
        state = Mutex(grants)
    }

    /// A snapshot of the grants as they are now.
    public var current: WASIGrants {
        state.withLock { $0 }
    }

    /// Changes the grants atomically, e.g. `grants.update { $0.random = false }`.
    @discardableResult
    public func update<Result: Sendable>(_ change: (inout WASIGrants) -> Result) -> Result {
        state.withLock { change(&$0) }
    }
}
