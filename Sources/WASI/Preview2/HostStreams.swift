import ComponentModel

/// The object behind a `wasi:io/streams.input-stream`: a readable descriptor (stdin, a file
/// read at an offset, a socket), read through the host state's `read`, so stdio routes and
/// preopen grants are looked up at every call.
final class HostInputStream {
    let descriptor: Descriptor
    /// The file offset of the next read; nil for streams without one (stdio, sockets).
    var offset: UInt64?
    /// Set once a read saw the end: every later read reports `closed`.
    var isClosed = false

    init(descriptor: Descriptor, offset: UInt64?) {
        self.descriptor = descriptor
        self.offset = offset
    }
}

/// The object behind a `wasi:io/streams.output-stream`: a writable descriptor (stdout,
/// stderr, a file written at an offset or appended to, a socket).
final class HostOutputStream {
    let descriptor: Descriptor
    /// The file offset of the next write; nil to write at the descriptor's position (stdio,
    /// sockets, append streams).
    var offset: UInt64?
    /// Writes go to the end of the file (`append-via-stream`).
    var appends = false
    /// Set after a failed write: the stream is unusable and reports `closed`.
    var isClosed = false

    init(descriptor: Descriptor, offset: UInt64?) {
        self.descriptor = descriptor
        self.offset = offset
    }
}

/// The object behind a `wasi:io/error.error`: what went wrong, with the errno behind it so
/// `filesystem-error-code` and `network-error-code` can report it.
final class HostIOError: Sendable {
    let errno: WASIErrno?
    let message: String

    init(errno: WASIErrno?, message: String) {
        self.errno = errno
        self.message = message
    }
}

/// A `stream-error`, thrown by the stream helpers and turned into the WIT variant.
enum StreamError: Error {
    /// The stream is closed (end of file for readers, a broken pipe for writers).
    case closed
    /// The operation failed; the guest gets an `error` resource describing it.
    case failed(HostIOError)

    init(_ errno: WASIErrno, _ operation: String) {
        self = .failed(HostIOError(errno: errno, message: "\(operation) failed: \(errno)"))
    }
}
