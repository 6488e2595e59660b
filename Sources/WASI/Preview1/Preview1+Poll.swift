#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WasmRuntime

/// `poll_oneoff`: waits until a clock subscription expires or a descriptor is ready.
///
/// Subscriptions are 48 bytes: user data u64 @0, tag u8 @8 (0 clock, 1 fd_read, 2 fd_write),
/// then for a clock its id u32 @16, timeout u64 @24, precision u64 @32 and flags u16 @40
/// (bit 0: absolute time), for a descriptor its number u32 @16. Events are 32 bytes: user data
/// u64 @0, error u16 @8, type u8 @10, bytes available u64 @16, flags u16 @24 (bit 0: hang-up).
extension WASIHost {
    private struct Subscription {
        var userData: UInt64
        var kind: Kind

        enum Kind {
            /// Expires at this instant.
            case clock(ContinuousClock.Instant)
            case descriptor(number: UInt32, reading: Bool)
            /// Fails at once with this error (an ungranted clock, a bad subscription).
            case failed(WASIErrno, type: UInt8)
        }
    }

    private struct Event {
        var userData: UInt64
        var error: WASIErrno
        var type: UInt8
        var byteCount: UInt64 = 0
        var hangUp = false
    }

    func pollOneoff(_ call: Preview1Call) throws {
        let count = call.u32(2)
        guard count > 0 else { throw WASIErrno.invalid }
        let (inputSize, inputOverflow) = count.multipliedReportingOverflow(by: 48)
        let (outputSize, outputOverflow) = count.multipliedReportingOverflow(by: 32)
        guard !inputOverflow, !outputOverflow else { throw WASIErrno.fault }
        _ = try call.memory.range(call.u32(0), count: inputSize)
        _ = try call.memory.range(call.u32(1), count: outputSize)
        _ = try call.memory.range(call.u32(3), count: 4)
        let subscriptions = try (0..<count).map { index throws(WASIErrno) in
            try subscription(at: call.u32(0) + index * 48, memory: call.memory, grants: call.grants)
        }

        var events: [Event] = []
        while true {
            events = subscriptions.compactMap { ready($0, grants: call.grants) }
            if !events.isEmpty { break }
            try wait(for: subscriptions, grants: call.grants, limit: WaitLimit(call.store))
        }
        for (index, event) in events.enumerated() {
            let pointer = call.u32(1) + UInt32(index) * 32
            try call.memory.write([UInt8](repeating: 0, count: 32), at: pointer)
            try call.memory.store(event.userData, at: pointer)
            try call.memory.store(event.error.rawValue, at: pointer + 8)
            try call.memory.store(event.type, at: pointer + 10)
            try call.memory.store(event.byteCount, at: pointer + 16)
            try call.memory.store(UInt16(event.hangUp ? 1 : 0), at: pointer + 24)
        }
        try call.memory.store(UInt32(events.count), at: call.u32(3))
    }

    private func subscription(at pointer: UInt32, memory: GuestMemory, grants: WASIGrants) throws(WASIErrno) -> Subscription {
        let userData = try memory.load(UInt64.self, at: pointer)
        let tag = try memory.load(UInt8.self, at: pointer + 8)
        switch tag {
        case 0:
            let id = try memory.load(UInt32.self, at: pointer + 16)
            let timeout = try memory.load(UInt64.self, at: pointer + 24)
            let absolute = try memory.load(UInt16.self, at: pointer + 40) & 1 != 0
            do {
                var delay = timeout
                if absolute {
                    let now = try Self.now(try Self.hostClock(id, grants: grants))
                    delay = timeout > now ? timeout - now : 0
                } else {
                    try Self.requireRelativeTimeout(on: id, grants: grants)
                }
                let wake = ContinuousClock.now.advanced(by: .nanoseconds(Int64(clamping: delay)))
                return Subscription(userData: userData, kind: .clock(wake))
            } catch {
                return Subscription(userData: userData, kind: .failed(error, type: tag))
            }
        case 1, 2:
            let number = try memory.load(UInt32.self, at: pointer + 16)
            return Subscription(userData: userData, kind: .descriptor(number: number, reading: tag == 1))
        default:
            throw .invalid
        }
    }

    /// A relative timeout reveals no more than elapsed time, whichever clock it names (C
    /// libraries time out `poll` on the realtime clock): any clock grant allows it.
    private static func requireRelativeTimeout(on id: UInt32, grants: WASIGrants) throws(WASIErrno) {
        switch id {
        case 0, 1: guard !grants.clocks.isEmpty else { throw .notCapable }
        default: _ = try hostClock(id, grants: grants)  // the CPU-time clocks and unknown ids fail as in clock_time_get
        }
    }

    /// The event for `subscription` if it has one now.
    private func ready(_ subscription: Subscription, grants: WASIGrants) -> Event? {
        switch subscription.kind {
        case .failed(let error, let type):
            return Event(userData: subscription.userData, error: error, type: type)
        case .clock(let wake):
            return ContinuousClock.now >= wake ? Event(userData: subscription.userData, error: .success, type: 0) : nil
        case .descriptor(let number, let reading):
            let type: UInt8 = reading ? 1 : 2
            do {
                let descriptor = try authorized(number, grants: grants)
                guard let (byteCount, hangUp) = try readiness(of: descriptor, reading: reading, grants: grants) else { return nil }
                return Event(userData: subscription.userData, error: .success, type: type, byteCount: byteCount, hangUp: hangUp)
            } catch {
                return Event(userData: subscription.userData, error: error, type: type)
            }
        }
    }

    /// Bytes available and hang-up when the descriptor is ready for the operation, nil when not yet.
    func readiness(of descriptor: Descriptor, reading: Bool, grants: WASIGrants) throws(WASIErrno) -> (UInt64, Bool)? {
        guard reading ? descriptor.isReadable : descriptor.isWritable else { throw .badDescriptor }
        switch descriptor.kind {
        case .directory:
            throw .isDirectory
        case .file(let owned):
            guard reading else { return (0, false) }
            let status = try FileStatus(descriptor: owned.rawValue)
            let position = UInt64(max(0, lseek(owned.rawValue, 0, SEEK_CUR)))
            return (status.size > position ? status.size - position : 0, false)
        case .socket(let owned):
            return try Self.hostReadiness(of: owned.rawValue, reading: reading)
        case .stdio(let stream):
            switch grants.stdio.route(for: stream) {
            case .null, .file:
                return (0, false)
            case .pipe(let pipe):
                guard reading else { return (0, false) }
                switch pipe.availability {
                case .bytes(let count): return (UInt64(count), false)
                case .endOfFile: return (0, true)
                case .empty: return nil
                }
            case .inherit:
                return try Self.hostReadiness(of: Int32(stream.rawValue), reading: reading)
            }
        }
    }

    /// The readiness of a host descriptor, by `poll` without waiting.
    static func hostReadiness(of descriptor: Int32, reading: Bool) throws(WASIErrno) -> (UInt64, Bool)? {
        var target = pollfd(fd: descriptor, events: Int16(reading ? POLLIN : POLLOUT), revents: 0)
        guard poll(&target, 1, 0) >= 0 else { throw WASIErrno.current }
        if target.revents & Int16(POLLHUP) != 0 { return (0, true) }
        return target.revents != 0 ? (reading ? 1 : 0, false) : nil
    }

    /// Sleeps until the earliest clock subscription expires, a host stream may be ready, or
    /// (for in-memory pipes, which cannot be waited on) a short interval passed. Traps when
    /// the call's deadline passes or its store is interrupted first.
    private func wait(for subscriptions: [Subscription], grants: WASIGrants, limit: WaitLimit) throws {
        var wake: ContinuousClock.Instant?
        var hostStreams: [pollfd] = []
        var waitsForPipe = false
        for subscription in subscriptions {
            switch subscription.kind {
            case .clock(let instant):
                wake = min(wake ?? instant, instant)
            case .descriptor(let number, let reading):
                let kind = try? descriptors.get(number).kind
                if case .socket(let owned)? = kind {
                    hostStreams.append(pollfd(fd: owned.rawValue, events: Int16(reading ? POLLIN : POLLOUT), revents: 0))
                    continue
                }
                guard case .stdio(let stream)? = kind else { continue }
                switch grants.stdio.route(for: stream) {
                case .inherit:
                    hostStreams.append(pollfd(fd: Int32(stream.rawValue), events: Int16(reading ? POLLIN : POLLOUT), revents: 0))
                case .pipe:
                    waitsForPipe = true
                case .null, .file:
                    continue
                }
            case .failed:
                continue
            }
        }
        let now = ContinuousClock.now
        if waitsForPipe { wake = min(wake ?? now.advanced(by: Self.pipePollInterval), now.advanced(by: Self.pipePollInterval)) }
        if hostStreams.isEmpty {
            // Nothing else can become ready: only a clock (or a pipe filled by another thread) ends the wait.
            try Self.sleep(for: now.duration(to: wake ?? now.advanced(by: .seconds(1))), limit: limit)
            return
        }
        // At most 10 ms in the kernel, so that the deadline and interruptions are seen.
        var until = min(wake ?? now.advanced(by: .milliseconds(10)), now.advanced(by: .milliseconds(10)))
        if let deadline = limit.deadline { until = min(until, deadline) }
        let (seconds, attoseconds) = now.duration(to: until).components
        let timeout = Int32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1))
        _ = poll(&hostStreams, nfds_t(hostStreams.count), timeout)
        try limit.check()
    }
}
