#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `clock_*` and `random_get`, each allowed only by its grant.
extension WASIHost {
    func clockResolutionGet(_ call: Preview1Call) throws(WASIErrno) {
        let clock = try Self.hostClock(call.u32(0), grants: call.grants)
        var resolution = timespec()
        guard clock_getres(clock, &resolution) == 0 else { throw WASIErrno.current }
        try call.memory.store(Self.nanoseconds(resolution), at: call.u32(1))
    }

    func clockTimeGet(_ call: Preview1Call) throws(WASIErrno) {
        let clock = try Self.hostClock(call.u32(0), grants: call.grants)
        try call.memory.store(try Self.now(clock), at: call.u32(2))
    }

    func randomGet(_ call: Preview1Call) throws(WASIErrno) {
        guard call.grants.random else { throw .notCapable }
        let buffer = try call.memory.range(call.u32(0), count: call.u32(1))
        var generator = SystemRandomNumberGenerator()
        var offset = 0
        while offset < buffer.count {
            let word = generator.next()
            let count = min(8, buffer.count - offset)
            withUnsafeBytes(of: word) { buffer.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: count) }
            offset += count
        }
    }

    /// The host clock for preview1 clock `id` (0 realtime, 1 monotonic), if granted.
    /// The CPU-time clocks (2, 3) would measure the host process, not the guest: `ENOTSUP`.
    static func hostClock(_ id: UInt32, grants: WASIGrants) throws(WASIErrno) -> clockid_t {
        switch id {
        case 0:
            guard grants.clocks.contains(.wall) else { throw .notCapable }
            return CLOCK_REALTIME
        case 1:
            guard grants.clocks.contains(.monotonic) else { throw .notCapable }
            return CLOCK_MONOTONIC
        case 2, 3:
            throw .notSupported
        default:
            throw .invalid
        }
    }

    /// The time of a host clock in nanoseconds.
    static func now(_ clock: clockid_t) throws(WASIErrno) -> UInt64 {
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { throw WASIErrno.current }
        return nanoseconds(time)
    }

    private static func nanoseconds(_ time: timespec) -> UInt64 {
        UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
