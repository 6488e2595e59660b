#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands connections between `HTTPServer`'s poller thread and its workers: connections with a
/// request waiting are queued for the next free worker; a worker done with a request hands an
/// idle kept-alive connection back (it is *parked*) instead of waiting for the client's next
/// request, and the poller watches it again. Parking wakes the poller through a pipe, so a
/// parked connection is watched at once. Stopping wakes everyone; after it, parked connections
/// are closed and queued ones are still served.
final class HTTPConnectionScheduler: @unchecked Sendable {
    // Every field below is guarded by `mutex`, except the pipe's descriptors (fixed at init).
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var ready: [HTTPConnection] = []
    private var readyStart = 0
    private var parked: [HTTPConnection] = []
    private var stopped = false
    private let wakeReader: Int32
    private let wakeWriter: Int32

    init() throws(WASIHostError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw WASIHostError("cannot create the server's wake-up pipe (error \(errno))") }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeReader = ends[0]
        wakeWriter = ends[1]
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        close(wakeReader)
        close(wakeWriter)
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    /// The descriptor the poller watches to learn that connections were parked or the
    /// scheduler stopped; `drainWakeUps` empties it.
    var wakeDescriptor: Int32 { wakeReader }

    var isStopped: Bool {
        locked { stopped }
    }

    /// Whether a connection waits for a worker.
    var hasReady: Bool {
        locked { readyStart < ready.count }
    }

    /// Queues `connection`, which has a request (or its end) to read, for the next free worker.
    func enqueue(_ connection: HTTPConnection) {
        locked {
            ready.append(connection)
            pthread_cond_signal(&condition)
        }
    }

    /// The next connection with a request to read; nil once stopped and nothing is queued.
    func next() -> HTTPConnection? {
        locked {
            while readyStart == ready.count && !stopped { pthread_cond_wait(&condition, &mutex) }
            guard readyStart < ready.count else { return nil }
            let connection = ready[readyStart]
            readyStart += 1
            if readyStart == ready.count {
                ready.removeAll(keepingCapacity: true)
                readyStart = 0
            }
            return connection
        }
    }

    /// Hands back `connection`, idle between requests, for the poller to watch; once stopped
    /// it is closed instead.
    func park(_ connection: HTTPConnection) {
        let kept = locked {
            if stopped { return false }
            parked.append(connection)
            return true
        }
        if kept { wake() }
    }

    /// The connections parked since the last call.
    func takeParked() -> [HTTPConnection] {
        locked {
            defer { parked.removeAll() }
            return parked
        }
    }

    /// Reads away the wake-up bytes.
    func drainWakeUps() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while bytes.withUnsafeMutableBytes({ read(wakeReader, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Stops parking, wakes the poller and every waiting worker; parked connections are closed.
    func stop() {
        locked {
            stopped = true
            parked.removeAll()
            pthread_cond_broadcast(&condition)
        }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
