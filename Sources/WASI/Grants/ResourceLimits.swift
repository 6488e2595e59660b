import WasmRuntime

/// Limits on what a guest may consume.
public struct ResourceLimits: Hashable, Sendable {
    /// The largest size any linear memory may grow to, in bytes (rounded down to 64 KiB pages).
    /// Applies when the store is created (`apply(to:)`).
    public var memoryBytes: UInt64?
    /// The instruction budget of each call into the guest.
    public var fuel: UInt64?
    /// The wall-clock time each call into the guest may take.
    public var deadlinePerCall: Duration?

    /// Creates limits; nil means unlimited.
    public init(memoryBytes: UInt64? = nil, fuel: UInt64? = nil, deadlinePerCall: Duration? = nil) {
        self.memoryBytes = memoryBytes
        self.fuel = fuel
        self.deadlinePerCall = deadlinePerCall
    }

    /// Caps memory growth in a store configuration by `memoryBytes`.
    public func apply(to configuration: inout StoreConfiguration) {
        guard let memoryBytes else { return }
        let pages = memoryBytes / 65536
        configuration.maxMemoryPages = min(configuration.maxMemoryPages ?? pages, pages)
    }

    /// Sets the store's fuel and deadline for one call starting now.
    func prepare(_ store: Store) {
        store.fuel = fuel
        store.deadline = deadlinePerCall.map { ContinuousClock.now.advanced(by: $0) }
    }
}
