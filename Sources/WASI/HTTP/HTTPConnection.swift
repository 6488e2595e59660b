#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error of the HTTP/1.1 front: what was wrong with the peer's bytes, and the status the
/// server answers with (400 for malformed input, 413 for too large, 431 for too many headers).
public struct HTTPProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The status code to answer with, nil when the connection just ends (peer gone, timeout).
    public var status: UInt16?
    public var message: String

    /// Creates an error answered with `status`.
    public init(status: UInt16?, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// A buffered TCP connection: reads lines and byte ranges with limits and an idle timeout,
/// writes everything it is given. Used by one thread at a time.
final class HTTPConnection {
    let socket: OwnedDescriptor
    private var buffer: [UInt8] = []
    private var start = 0
    /// How long a read waits for the peer before the connection is given up.
    var idleTimeout: Duration

    init(socket: OwnedDescriptor, idleTimeout: Duration) {
        self.socket = socket
        self.idleTimeout = idleTimeout
    }

    /// Buffered bytes not consumed yet.
    var buffered: Int { buffer.count - start }

    /// Reads more bytes from the socket into the buffer; false at end of stream.
    /// Without `blocking`, returns true at once when nothing is there yet.
    @discardableResult
    func fill(blocking: Bool = true) throws(HTTPProtocolError) -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        var target = pollfd(fd: socket.rawValue, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: idleTimeout.components.seconds * 1000 + idleTimeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = poll(&target, 1, blocking ? milliseconds : 0)
        if ready == 0 {
            if blocking { throw HTTPProtocolError(status: nil, "timed out waiting for the client") }
            return true
        }
        if ready < 0 && errno != EINTR { throw HTTPProtocolError(status: nil, "poll failed: \(errno)") }
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = chunk.withUnsafeMutableBytes { recv(socket.rawValue, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return true }
            throw HTTPProtocolError(status: nil, "connection failed: \(errno)")
        }
        if count == 0 { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    /// Whether the peer can be read from without waiting (buffered bytes or socket readiness).
    var isReadable: Bool {
        if buffered > 0 { return true }
        var target = pollfd(fd: socket.rawValue, events: Int16(POLLIN), revents: 0)
        return poll(&target, 1, 0) > 0
    }

    /// Reads one line ending in CRLF (or LF), without the line ending; at most `limit` bytes.
    /// Returns nil at end of stream before any byte of the line.
    func readLine(limit: Int) throws(HTTPProtocolError) -> [UInt8]? {
        // Counted from `start`: `fill` moves the buffered bytes to the front of the buffer.
        var searched = 0
        while true {
            if let newline = buffer[(start + searched)...].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<newline])
                start = newline + 1
                if line.last == 0x0D { line.removeLast() }
                guard line.count <= limit else { throw HTTPProtocolError(status: 431, "header line longer than \(limit) bytes") }
                return line
            }
            searched = buffered
            guard buffered <= limit else { throw HTTPProtocolError(status: 431, "header line longer than \(limit) bytes") }
            guard try fill() else {
                if buffered == 0 { return nil }
                throw HTTPProtocolError(status: 400, "connection closed in the middle of a line")
            }
        }
    }

    /// Takes up to `count` buffered bytes, reading once from the socket when none are buffered.
    /// Returns an empty array at end of stream (only when `blocking`, else when nothing is there).
    func read(upTo count: Int, blocking: Bool) throws(HTTPProtocolError) -> [UInt8]? {
        if buffered == 0 {
            let open = try fill(blocking: blocking)
            if !open { return nil }
            if buffered == 0 { return [] }
        }
        let taken = min(count, buffered)
        defer { start += taken }
        return Array(buffer[start..<(start + taken)])
    }

    /// Writes all of `bytes`; throws when the peer is gone.
    func write(_ bytes: [UInt8]) throws(HTTPProtocolError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                send(socket.rawValue, raw.baseAddress! + written, raw.count - written, WASIHost.noSignal)
            }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    var target = pollfd(fd: socket.rawValue, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&target, 1, 1000)
                    continue
                }
                throw HTTPProtocolError(status: nil, "write to the client failed: \(errno)")
            }
            written += count
        }
    }
}
