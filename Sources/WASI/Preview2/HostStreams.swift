import ComponentModel

/// The object behind a `wasi:io/streams.input-stream`: a readable descriptor (stdin, a file
/// read at an offset, a socket), read through the host state's `read`, so stdio routes and
/// preopen grants are looked up at every call; or the body of an HTTP request (served) or
/// response (client).
final class HostInputStream {
    enum Source {
        case descriptor(Descriptor)
        case httpBody(HTTPBodyReader)
        case clientBody(HTTPClientCall)
    }

    let source: Source
    /// The file offset of the next read; nil for streams without one (stdio, sockets).
    var offset: UInt64?
    /// Set once a read saw the end: every later read reports `closed`.
    var isClosed = false

    init(descriptor: Descriptor, offset: UInt64?) {
        source = .descriptor(descriptor)
        self.offset = offset
    }

    init(source: Source) {
        self.source = source
    }

    /// What `subscribe` waits for.
    var readiness: HostPollable.Source {
        if isClosed { return .always }
        switch source {
        case .descriptor(let descriptor): return .descriptor(descriptor, reading: true)
        case .httpBody(let body): return .httpBody(body)
        case .clientBody(let call): return .clientBody(call)
        }
    }
}

/// The object behind a `wasi:io/streams.output-stream`: a writable descriptor (stdout,
/// stderr, a file written at an offset or appended to, a socket), or the body of an HTTP
/// response.
final class HostOutputStream {
    enum Target {
        case descriptor(Descriptor)
        case httpBody(HTTPOutgoingBody)
    }

    let target: Target
    /// The file offset of the next write; nil to write at the descriptor's position (stdio,
    /// sockets, append streams).
    var offset: UInt64?
    /// Writes go to the end of the file (`append-via-stream`).
    var appends = false
    /// Set after a failed write: the stream is unusable and reports `closed`.
    var isClosed = false

    init(descriptor: Descriptor, offset: UInt64?) {
        target = .descriptor(descriptor)
        self.offset = offset
    }

    init(body: HTTPOutgoingBody) {
        target = .httpBody(body)
    }

    /// What `subscribe` waits for.
    var readiness: HostPollable.Source {
        guard !isClosed else { return .always }
        switch target {
        case .descriptor(let descriptor): return .descriptor(descriptor, reading: false)
        case .httpBody(let body): return .outgoingBody(body)
        }
    }
}

/// The object behind a `wasi:io/error.error`: what went wrong, with the errno behind it so
/// `filesystem-error-code` and `network-error-code` can report it, or the HTTP `error-code`
/// that ended an HTTP body, for `http-error-code`.
final class HostIOError: Sendable {
    let errno: WASIErrno?
    let message: String
    let httpError: HTTPErrorCode?

    init(errno: WASIErrno?, message: String, httpError: HTTPErrorCode? = nil) {
        self.errno = errno
        self.message = message
        self.httpError = httpError
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
