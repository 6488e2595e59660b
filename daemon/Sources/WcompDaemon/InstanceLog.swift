import Foundation
import Synchronization
import SwiftProtobuf
import WcompDaemonProto

/// The recent output of one instance: the lines its guest wrote to stdout and stderr, in a
/// ring buffer bounded by bytes (the oldest lines are dropped first), and the `StreamLogs`
/// followers waiting for new ones. Logs live in memory only. Thread-safe.
final class InstanceLog: Sendable {
    /// The longest line kept as one entry; longer lines are split.
    static let maximumLineBytes = 16 * 1024
    /// What an entry costs the buffer beyond its bytes, so empty lines are bounded too.
    static let entryOverheadBytes = 64

    private struct State {
        /// Retained lines, oldest first, from `start`.
        var entries: [Wcomp_Daemon_V1_LogEntry] = []
        var start = 0
        var retainedBytes = 0
        var nextSequence: UInt64 = 0
        /// Bytes of an unfinished line, per stream.
        var partial: [Wcomp_Daemon_V1_LogEntry.Stream: [UInt8]] = [:]
        var followers: [UUID: AsyncStream<Wcomp_Daemon_V1_LogEntry>.Continuation] = [:]
        var isClosed = false
    }

    private let capacityBytes: Int
    private let state = Mutex(State())

    /// An empty log retaining at most `capacityBytes` of lines (each counted with a small overhead).
    init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
    }

    /// Appends what the guest wrote to `stream`: complete lines become entries, an unfinished
    /// one waits for its newline (or `flush()`).
    func append(_ bytes: some Collection<UInt8>, from stream: Wcomp_Daemon_V1_LogEntry.Stream) {
        guard !bytes.isEmpty else { return }
        state.withLock { state in
            var line = state.partial.removeValue(forKey: stream) ?? []
            for byte in bytes {
                if byte == UInt8(ascii: "\n") {
                    add(line, stream: stream, to: &state)
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                    if line.count == Self.maximumLineBytes {
                        add(line, stream: stream, to: &state)
                        line.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !line.isEmpty { state.partial[stream] = line }
        }
    }

    /// Turns unfinished lines into entries (a call ended without a final newline).
    func flush() {
        state.withLock { state in
            for (stream, line) in state.partial.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                add(line, stream: stream, to: &state)
            }
            state.partial.removeAll()
        }
    }

    /// What `StreamLogs` sends: the retained lines the request selects and, when following,
    /// the stream of lines written from now on (registered atomically with the snapshot, so
    /// nothing falls between them) with the continuation that ends it.
    struct Subscription: Sendable {
        var retained: [Wcomp_Daemon_V1_LogEntry]
        var following: (stream: AsyncStream<Wcomp_Daemon_V1_LogEntry>, end: AsyncStream<Wcomp_Daemon_V1_LogEntry>.Continuation)?
    }

    /// The retained lines at or after `since`, the last `tail` of them (all when 0), and new
    /// lines when `follow` (unless the log is closed).
    func subscribe(tail: Int, since: Date?, follow: Bool) -> Subscription {
        state.withLock { state in
            var retained = state.entries[state.start...].filter { entry in since.map { entry.time.date >= $0 } ?? true }
            if tail > 0, retained.count > tail { retained.removeFirst(retained.count - tail) }
            guard follow, !state.isClosed else { return Subscription(retained: retained, following: nil) }
            let id = UUID()
            let (stream, continuation) = AsyncStream.makeStream(of: Wcomp_Daemon_V1_LogEntry.self, bufferingPolicy: .bufferingNewest(4096))
            state.followers[id] = continuation
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { _ = $0.followers.removeValue(forKey: id) }
            }
            return Subscription(retained: retained, following: (stream, continuation))
        }
    }

    /// Ends every follower (the instance was deleted or the daemon stops); later
    /// subscriptions get the retained lines only.
    func close() {
        let followers = state.withLock { state in
            state.isClosed = true
            defer { state.followers.removeAll() }
            return Array(state.followers.values)
        }
        for follower in followers { follower.finish() }
    }

    private func add(_ line: [UInt8], stream: Wcomp_Daemon_V1_LogEntry.Stream, to state: inout State) {
        var entry = Wcomp_Daemon_V1_LogEntry()
        entry.time = Google_Protobuf_Timestamp(date: Date())
        entry.stream = stream
        entry.data = Data(line)
        entry.sequence = state.nextSequence
        state.nextSequence += 1
        state.entries.append(entry)
        state.retainedBytes += line.count + Self.entryOverheadBytes
        while state.retainedBytes > capacityBytes, state.start < state.entries.count {
            state.retainedBytes -= state.entries[state.start].data.count + Self.entryOverheadBytes
            state.start += 1
        }
        // Compact once the dropped prefix outweighs what is retained.
        if state.start > 64, state.start * 2 > state.entries.count {
            state.entries.removeFirst(state.start)
            state.start = 0
        }
        for follower in state.followers.values { follower.yield(entry) }
    }
}
