#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// `wasi:clocks/monotonic-clock` and `wasi:clocks/wall-clock`, each allowed by its clock
/// grant. The interfaces have no error results, so a call without the grant traps.
extension WASIComponentHost {
    func monotonicClockInterface() -> WASIInterface {
        var interface = interface("wasi:clocks/monotonic-clock")
        interface.function("now") { [self] _ in .u64(try now(.monotonic)) }
        interface.function("resolution") { [self] _ in .u64(try resolution(.monotonic)) }
        interface.function("subscribe-instant") { [self] arguments in
            try requireClock(.monotonic)
            return try newPollable(.monotonic(try arguments.u64(0)))
        }
        interface.function("subscribe-duration") { [self] arguments in
            let (target, overflow) = try now(.monotonic).addingReportingOverflow(try arguments.u64(0))
            return try newPollable(.monotonic(overflow ? .max : target))
        }
        return interface
    }

    func wallClockInterface() -> WASIInterface {
        var interface = interface("wasi:clocks/wall-clock")
        interface.function("now") { [self] _ in Self.datetime(try now(.wall)) }
        interface.function("resolution") { [self] _ in Self.datetime(try resolution(.wall)) }
        return interface
    }

    /// A `datetime` record for nanoseconds since the epoch.
    static func datetime(_ nanoseconds: UInt64) -> ComponentValue {
        .record(["seconds": .u64(nanoseconds / 1_000_000_000), "nanoseconds": .u32(UInt32(nanoseconds % 1_000_000_000))])
    }

    private func requireClock(_ clock: ClockGrants) throws(ComponentTrap) {
        guard grants.clocks.contains(clock) else {
            throw ComponentTrap("the \(clock == .wall ? "wall" : "monotonic") clock is not granted to this guest")
        }
    }

    private static func hostClock(_ clock: ClockGrants) -> clockid_t {
        clock == .wall ? CLOCK_REALTIME : CLOCK_MONOTONIC
    }

    private func now(_ clock: ClockGrants) throws -> UInt64 {
        try requireClock(clock)
        return try WASIHost.now(Self.hostClock(clock))
    }

    private func resolution(_ clock: ClockGrants) throws -> UInt64 {
        try requireClock(clock)
        var resolution = timespec()
        guard clock_getres(Self.hostClock(clock), &resolution) == 0 else { throw WASIErrno.current }
        return UInt64(resolution.tv_sec) * 1_000_000_000 + UInt64(resolution.tv_nsec)
    }
}
