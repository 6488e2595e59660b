#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WasmRuntime

/// Reading and writing descriptors: files through the host descriptor, stdio through the
/// route its grant names at the time of the call.
extension WASIHost {
    /// How long a read of an empty in-memory pipe sleeps between looks.
    static let pipePollInterval: Duration = .milliseconds(1)

    /// Reads into `buffers` (at `offset` when given, else at the current position); returns
    /// the byte count, 0 at end of file. Waits for data on an empty open pipe until the
    /// call's `deadline`, which traps.
    func read(_ descriptor: Descriptor, into buffers: [UnsafeMutableRawBufferPointer], at offset: UInt64?,
              grants: WASIGrants, limit: WaitLimit) throws -> Int {
        guard descriptor.isReadable else { throw WASIErrno.badDescriptor }
        guard descriptor.rightsBase.contains(.fdRead) || isDirectory(descriptor) else { throw WASIErrno.notCapable }
        switch descriptor.kind {
        case .directory:
            throw WASIErrno.isDirectory
        case .file(let owned):
            return try Self.vectored(buffers) { vectors, count in
                if let offset { preadv(owned.rawValue, vectors, count, off_t(offset)) } else { readv(owned.rawValue, vectors, count) }
            }
        case .socket(let owned):
            guard offset == nil else { throw WASIErrno.invalidSeek }
            try Self.waitUntilReady(owned.rawValue, reading: true, nonblocking: descriptor.flags.contains(.nonblock), limit: limit)
            return try Self.vectored(buffers) { readv(owned.rawValue, $0, $1) }
        case .stdio(let stream):
            guard offset == nil else { throw WASIErrno.invalidSeek }
            switch grants.stdio.route(for: stream) {
            case .inherit:
                return try Self.vectored(buffers) { readv(STDIN_FILENO, $0, $1) }
            case .null:
                return 0
            case .file(let file):
                return try Self.vectored(buffers) { readv(file.descriptor, $0, $1) }
            case .pipe(let pipe):
                return try readPipe(pipe, into: buffers, nonblocking: descriptor.flags.contains(.nonblock), limit: limit)
            }
        }
    }

    /// Writes `buffers` (at `offset` when given, else at the current position or the end for
    /// append descriptors); returns the byte count.
    func write(_ descriptor: Descriptor, from buffers: [UnsafeMutableRawBufferPointer], at offset: UInt64?,
               grants: WASIGrants, limit: WaitLimit) throws -> Int {
        guard descriptor.isWritable else { throw WASIErrno.badDescriptor }
        guard descriptor.rightsBase.contains(.fdWrite) else { throw WASIErrno.notCapable }
        switch descriptor.kind {
        case .directory:
            throw WASIErrno.isDirectory
        case .file(let owned):
            return try Self.vectored(buffers) { vectors, count in
                if let offset { pwritev(owned.rawValue, vectors, count, off_t(offset)) } else { writev(owned.rawValue, vectors, count) }
            }
        case .socket(let owned):
            guard offset == nil else { throw WASIErrno.invalidSeek }
            try Self.waitUntilReady(owned.rawValue, reading: false, nonblocking: descriptor.flags.contains(.nonblock), limit: limit)
            return try Self.vectored(buffers) { vectors, count in
                var message = msghdr()
                message.msg_iov = UnsafeMutablePointer(mutating: vectors)
                message.msg_iovlen = Int(count)
                return sendmsg(owned.rawValue, &message, Self.noSignal)
            }
        case .stdio(let stream):
            guard offset == nil else { throw WASIErrno.invalidSeek }
            switch grants.stdio.route(for: stream) {
            case .inherit:
                return try Self.vectored(buffers) { writev(stream == .stderr ? STDERR_FILENO : STDOUT_FILENO, $0, $1) }
            case .null:
                return Self.limited(buffers).reduce(0) { $0 + $1.count }
            case .file(let file):
                return try Self.vectored(buffers) { writev(file.descriptor, $0, $1) }
            case .pipe(let pipe):
                let accepted = Self.limited(buffers)
                for buffer in accepted { pipe.write(buffer) }
                return accepted.reduce(0) { $0 + $1.count }
            }
        }
    }

    private func readPipe(_ pipe: MemoryPipe, into buffers: [UnsafeMutableRawBufferPointer], nonblocking: Bool,
                          limit: WaitLimit) throws -> Int {
        while true {
            switch pipe.availability {
            case .endOfFile:
                return 0
            case .bytes:
                var total = 0
                for buffer in buffers where buffer.count > 0 {
                    let count = pipe.read(into: buffer)
                    total += count
                    if count < buffer.count { break }
                }
                return total
            case .empty:
                if nonblocking { throw WASIErrno.again }
                try Self.sleep(for: Self.pipePollInterval, limit: limit)
            }
        }
    }

    private func isDirectory(_ descriptor: Descriptor) -> Bool {
        if case .directory = descriptor.kind { true } else { false }
    }

    /// `MSG_NOSIGNAL`: a write to a closed connection fails with `EPIPE` instead of killing the host.
    static var noSignal: Int32 {
        #if os(Linux)
        Int32(MSG_NOSIGNAL)
        #else
        0
        #endif
    }

    /// Waits until the host descriptor is readable or writable, checking the call's deadline
    /// and interruption between short waits; `EAGAIN` at once for a non-blocking descriptor that is not ready.
    static func waitUntilReady(_ descriptor: Int32, reading: Bool, nonblocking: Bool,
                               limit: WaitLimit) throws {
        while true {
            var target = pollfd(fd: descriptor, events: Int16(reading ? POLLIN : POLLOUT), revents: 0)
            let ready = poll(&target, 1, nonblocking ? 0 : 10)
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw WASIErrno.current }
            if nonblocking { throw WASIErrno.again }
            try limit.check()
        }
    }

    /// Sleeps for `duration` in slices of at most 10 ms, trapping when the call's deadline
    /// passes or its store is interrupted first.
    static func sleep(for duration: Duration, limit: WaitLimit) throws(Trap) {
        let wake = ContinuousClock.now.advanced(by: duration)
        while true {
            try limit.check()
            let now = ContinuousClock.now
            guard now < wake else { return }
            var until = min(wake, now.advanced(by: .milliseconds(10)))
            if let deadline = limit.deadline { until = min(until, deadline) }
            sleep(until: until)
        }
    }

    private static func sleep(until instant: ContinuousClock.Instant) {
        while true {
            let remaining = ContinuousClock.now.duration(to: instant)
            guard remaining > .zero else { return }
            let (seconds, attoseconds) = remaining.components
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            _ = nanosleep(&request, nil)
        }
    }

    /// The most one write to a null or in-memory stream accepts (a partial write, as the
    /// kernel does for large writes). Overlapping `iovec`s can name far more bytes than the
    /// guest's memory holds; a hostile guest must not make the host copy terabytes.
    static let maxInMemoryWrite = 16 << 20

    /// The prefix of `buffers` totalling at most `maxInMemoryWrite` bytes.
    private static func limited(_ buffers: [UnsafeMutableRawBufferPointer]) -> [UnsafeMutableRawBufferPointer] {
        var remaining = maxInMemoryWrite
        var accepted: [UnsafeMutableRawBufferPointer] = []
        for buffer in buffers where remaining > 0 {
            let count = min(buffer.count, remaining)
            accepted.append(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
            remaining -= count
        }
        return accepted
    }

    /// Runs a vectored system call over `buffers`, retrying on EINTR.
    static func vectored(_ buffers: [UnsafeMutableRawBufferPointer],
                         _ call: (UnsafePointer<iovec>, Int32) -> Int) throws(WASIErrno) -> Int {
        guard !buffers.isEmpty else { return 0 }
        let vectors = buffers.map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
        return try vectors.withUnsafeBufferPointer { pointer throws(WASIErrno) in
            try OwnedDescriptor.retrying { call(pointer.baseAddress!, Int32(pointer.count)) }
        }
    }
}

extension StdioGrants {
    /// The route of `stream`.
    func route(for stream: StdioStream) -> StdioRoute {
        switch stream {
        case .stdin: stdin
        case .stdout: stdout
        case .stderr: stderr
        }
    }
}
