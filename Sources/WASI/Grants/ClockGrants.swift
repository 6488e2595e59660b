/// The clocks the guest may read (and sleep on).
public struct ClockGrants: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    /// Creates a set from its raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The wall clock (`CLOCK_REALTIME`): reveals the host's date and time.
    public static let wall = ClockGrants(rawValue: 1 << 0)
    /// The monotonic clock: elapsed time, also needed to sleep for a duration.
    public static let monotonic = ClockGrants(rawValue: 1 << 1)
    /// Both clocks.
    public static let all: ClockGrants = [.wall, .monotonic]
}
