#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel
import WasmRuntime

/// The object behind a `wasi:io/poll.pollable`: what it waits for.
final class HostPollable {
    enum Source {
        /// Ready at once (a file, which never blocks; a closed stream).
        case always
        /// Ready when the monotonic clock reaches this many nanoseconds.
        case monotonic(UInt64)
        /// Ready when the descriptor can be read (or written) without blocking.
        case descriptor(Descriptor, reading: Bool)
        /// Ready when the client sent more of an HTTP request body (or all of it).
        case httpBody(HTTPBodyReader)
        /// Ready when more of a client response body arrived (or all of it, or the HTTP grant was
        /// revoked, which cuts the request).
        case clientBody(HTTPClientCall)
        /// Ready when an HTTP body being sent can take more bytes.
        case outgoingBody(HTTPOutgoingBody)
        /// Ready when an outgoing HTTP request has its response (or failed, or its grant was revoked).
        case httpCall(HTTPClientCall)
    }

    let source: Source

    init(_ source: Source) {
        self.source = source
    }
}

extension WASIHost {
    /// Whether `pollable` is ready now. A descriptor whose preopen or stdio grant was revoked
    /// counts as ready: the operation it waited for reports the failure.
    func isReady(_ pollable: HostPollable, grants: WASIGrants) -> Bool {
        switch pollable.source {
        case .always:
            return true
        case .monotonic(let target):
            return ((try? Self.now(CLOCK_MONOTONIC)) ?? .max) >= target
        case .descriptor(let descriptor, let reading):
            do {
                try authorize(descriptor, modifying: false, grants: grants)
                return try readiness(of: descriptor, reading: reading, grants: grants) != nil
            } catch {
                return true
            }
        case .httpBody(let body):
            return body.isReady
        case .clientBody(let call):
            // A revoked HTTP grant cuts the call: the body ends, the waiting ends.
            try? call.checkGrant()
            return call.responseBody.isReady
        case .outgoingBody(let body):
            return body.canTakeMore
        case .httpCall(let call):
            try? call.checkGrant()
            return call.isDone
        }
    }

    /// Blocks until at least one of `pollables` is ready and returns the indices of the ready
    /// ones. Waits in the kernel (`poll`) on host descriptors and until the earliest clock
    /// target; in-memory pipes are looked at every millisecond. Traps when the call's deadline
    /// (`deadline`) passes first.
    func waitForAny(_ pollables: [HostPollable], grants: WASIGrants, limit: WaitLimit) throws -> [UInt32] {
        while true {
            let ready = pollables.indices.filter { isReady(pollables[$0], grants: grants) }.map { UInt32($0) }
            if !ready.isEmpty { return ready }
            try wait(for: pollables, grants: grants, limit: limit)
        }
    }

    /// One wait of `waitForAny`: returns when something may have become ready.
    private func wait(for pollables: [HostPollable], grants: WASIGrants, limit: WaitLimit) throws {
        var timeout: Duration?
        var targets: [pollfd] = []
        let now = (try? Self.now(CLOCK_MONOTONIC)) ?? 0
        for pollable in pollables {
            switch pollable.source {
            case .always:
                return
            case .monotonic(let target):
                let remaining = Duration.nanoseconds(Int64(clamping: target &- min(target, now)))
                timeout = min(timeout ?? remaining, remaining)
            case .descriptor(let descriptor, let reading):
                let events = Int16(reading ? POLLIN : POLLOUT)
                switch descriptor.kind {
                case .socket(let owned):
                    targets.append(pollfd(fd: owned.rawValue, events: events, revents: 0))
                case .stdio(let stream):
                    if case .inherit = grants.stdio.route(for: stream) {
                        targets.append(pollfd(fd: Int32(stream.rawValue), events: events, revents: 0))
                    } else {
                        timeout = min(timeout ?? Self.pipePollInterval, Self.pipePollInterval)
                    }
                case .file, .directory:
                    return
                }
            case .httpBody, .clientBody, .outgoingBody, .httpCall:
                timeout = min(timeout ?? Self.pipePollInterval, Self.pipePollInterval)
            }
        }
        // Wake at least every 10 ms to honour the call's deadline (and interruption).
        let slice = Duration.milliseconds(10)
        let wait = min(timeout ?? slice, slice)
        try limit.check()
        let milliseconds = Int32(clamping: (wait.components.seconds * 1000) + wait.components.attoseconds / 1_000_000_000_000_000)
        if targets.isEmpty {
            try Self.sleep(for: wait, limit: limit)
        } else {
            _ = targets.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), max(milliseconds, 1)) }
        }
    }
}
