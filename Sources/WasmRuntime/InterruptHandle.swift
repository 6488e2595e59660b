import Synchronization

/// A thread-safe handle that makes a store's running guest trap with `.interrupted` at its
/// next check (function entry or loop back-edge). Hand it to a watchdog thread or task; if
/// no guest runs, the next call traps at its first check.
public final class InterruptHandle: @unchecked Sendable {
    /// The flag the interpreter polls; only ever accessed atomically.
    let flag: UnsafeMutablePointer<Atomic<Bool>>

    init() {
        flag = .allocate(capacity: 1)
        flag.initialize(to: Atomic(false))
    }

    deinit {
        flag.deinitialize(count: 1)
        flag.deallocate()
    }

    /// Requests the interruption.
    public func interrupt() {
        flag.pointee.store(true, ordering: .relaxed)
    }

    /// Consumes a pending interruption: true (and the request cleared) when one was made.
    /// Host functions that block (waits on I/O, sleeps) call it between short waits and trap
    /// with `.interrupted`, as the interpreter does at its checks.
    public func takeRequest() -> Bool {
        flag.pointee.exchange(false, ordering: .relaxed)
    }
}
