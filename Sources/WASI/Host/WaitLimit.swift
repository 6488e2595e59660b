import WasmRuntime

/// What ends a host call's blocking wait early: the deadline of the guest call in progress
/// and an interruption requested on its store (`Store.interrupt()`). Blocking host functions
/// wait in short slices and check it between them.
struct WaitLimit {
    /// The guest call's deadline, if it has one.
    var deadline: ContinuousClock.Instant?
    private let interrupt: InterruptHandle

    /// The limit of the call in progress on `store`.
    init(_ store: Store) {
        deadline = store.deadline
        interrupt = store.interruptHandle
    }

    /// Traps with `.interrupted` when an interruption was requested (consuming it) or with
    /// `.deadlineExceeded` when the deadline has passed.
    func check() throws(Trap) {
        if interrupt.takeRequest() { throw Trap(.interrupted) }
        if let deadline, ContinuousClock.now >= deadline { throw Trap(.deadlineExceeded) }
    }
}
