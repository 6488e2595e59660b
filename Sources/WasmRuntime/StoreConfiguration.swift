/// Store-wide settings.
public struct StoreConfiguration: Sendable {
    /// Maximum number of nested guest frames; exceeding it traps with `callStackExhausted`.
    public var maxCallDepth: Int = 20_000
    /// Host cap on any memory's growth, in pages of 64 KiB (nil = only the memory type's limit).
    public var maxMemoryPages: UInt64?
    /// Number of 64-bit value slots of the interpreter's value stack (shared by all frames).
    public var valueStackSlots: Int = 1 << 22

    /// The default configuration.
    public init() {}
}
