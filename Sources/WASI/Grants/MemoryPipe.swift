import Synchronization

/// An in-memory byte pipe for guest stdio: the host writes what the guest reads (stdin) or
/// reads what the guest wrote (stdout, stderr). Thread-safe.
public final class MemoryPipe: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        /// Bytes before this index have been read by the guest.
        var readIndex = 0
        var isClosed = false
    }

    private let state = Mutex(State())

    /// An empty, open pipe.
    public init() {}

    /// A pipe holding `bytes`; closed when `closed` (the reader sees end of file after them).
    public init(_ bytes: [UInt8], closed: Bool = true) {
        state.withLock { $0 = State(bytes: bytes, readIndex: 0, isClosed: closed) }
    }

    /// Appends bytes for the reader.
    public func write(_ bytes: some Sequence<UInt8>) {
        state.withLock { $0.bytes.append(contentsOf: bytes) }
    }

    /// Marks the end of the data: once the reader has consumed everything it sees end of file.
    public func close() {
        state.withLock { $0.isClosed = true }
    }

    /// Everything written so far (read or not).
    public var contents: [UInt8] {
        state.withLock { $0.bytes }
    }

    /// Everything written so far, as UTF-8 text (invalid sequences replaced).
    public var text: String {
        String(decoding: contents, as: UTF8.self)
    }

    /// What a read would see now.
    enum Availability: Equatable {
        /// This many unread bytes.
        case bytes(Int)
        /// Nothing unread and the pipe is closed.
        case endOfFile
        /// Nothing unread yet.
        case empty
    }

    /// What a read would see now.
    var availability: Availability {
        state.withLock { state in
            let unread = state.bytes.count - state.readIndex
            if unread > 0 { return .bytes(unread) }
            return state.isClosed ? .endOfFile : .empty
        }
    }

    /// Copies up to `buffer.count` unread bytes into `buffer`; returns how many.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        state.withLock { state in
            let count = min(buffer.count, state.bytes.count - state.readIndex)
            guard count > 0 else { return 0 }
            state.bytes.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + state.readIndex, byteCount: count)
            }
            state.readIndex += count
            return count
        }
    }
}
