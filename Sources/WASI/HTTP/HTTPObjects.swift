/// The objects behind the `wasi:http/types` resources the host implements.

/// `fields`: header or trailer fields, names lower-cased, in order. Fields handed to the guest
/// as part of a request or response are immutable.
final class HTTPFields {
    var entries: [(name: String, value: [UInt8])]
    let isImmutable: Bool

    init(_ entries: [(name: String, value: [UInt8])] = [], immutable: Bool = false) {
        self.entries = entries
        self.isImmutable = immutable
    }

    func values(_ name: String) -> [[UInt8]] {
        let key = name.lowercased()
        return entries.filter { $0.name == key }.map(\.value)
    }

    /// Header names the guest may not set: the server front and client manage them.
    static let forbidden: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host",
        "http2-settings", "te", "trailer",
    ]

    /// The `header-error` for setting `name` to `values`, nil when allowed.
    func error(setting name: String, _ values: [[UInt8]]) -> String? {
        if isImmutable { return "immutable" }
        guard HTTPRequestHead.isToken(Array(name.utf8)),
              values.allSatisfy({ $0.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) } }) else { return "invalid-syntax" }
        if Self.forbidden.contains(name.lowercased()) { return "forbidden" }
        return nil
    }
}

/// `incoming-request`: a request the server front received.
final class HTTPIncomingRequest {
    let head: HTTPRequestHead
    let body: HTTPBodyReader
    var bodyTaken = false

    init(head: HTTPRequestHead, body: HTTPBodyReader) {
        self.head = head
        self.body = body
    }
}

/// `incoming-body`: the body of a request (served) or response (client), whose stream is
/// taken once.
final class HTTPIncomingBody {
    let source: HostInputStream.Source
    var streamTaken = false

    init(source: HostInputStream.Source) {
        self.source = source
    }
}

/// `future-trailers`: the trailers of a request body the server front received, known once
/// the body is read to its end (bodies without a trailer section, and client response bodies,
/// have none). A second `get` is an error, as specified.
final class HTTPFutureTrailers {
    let body: HTTPBodyReader?
    var taken = false

    init(body: HTTPBodyReader?) {
        self.body = body
    }
}

/// `outgoing-response`: status and headers the guest builds, and its body.
final class HTTPOutgoingResponse {
    var status: UInt16 = 200
    let headers: HTTPFields
    let body = HTTPOutgoingBody()
    var bodyTaken = false

    init(headers: HTTPFields) {
        self.headers = headers
    }
}

/// `outgoing-body`: bytes the guest writes before the body is attached to its sink (the
/// response being sent, or the request being streamed to a server) are kept until it is;
/// afterwards they go to the sink as they are written.
final class HTTPOutgoingBody: WASIClosable {
    private var pending: [UInt8] = []
    private(set) var sink: (any HTTPBodySink)?
    var streamTaken = false
    private(set) var isFinished = false
    /// Whether the guest dropped the body without finishing it.
    private(set) var isAbandoned = false
    /// The trailers `finish` was given, sent after the body.
    private var trailers: [(name: String, value: [UInt8])] = []
    /// The most bytes kept while the body is not attached yet.
    static let maximumPending = 16 << 20

    /// Sends the bytes kept so far (and the end, if the guest already finished or dropped the
    /// body) to `sink`, which carries the rest.
    func attach(_ sink: any HTTPBodySink) throws {
        self.sink = sink
        let kept = pending
        pending = []
        try sink.write(kept)
        if isFinished { try sink.finish(trailers: trailers) }
        if isAbandoned { sink.abandon() }
    }

    /// Whether nothing was written before the body was attached.
    var isEmpty: Bool { pending.isEmpty }

    /// Whether a write is taken now without growing a backlog.
    var canTakeMore: Bool { sink?.canTakeMore ?? (pending.count < Self.maximumPending) }

    func write(_ bytes: [UInt8]) throws {
        guard !isFinished else { throw HTTPProtocolError(status: nil, "the body is finished") }
        if let sink {
            try sink.write(bytes)
        } else {
            guard pending.count + bytes.count <= Self.maximumPending else {
                throw HTTPProtocolError(status: nil, "more than \(Self.maximumPending) bytes written before the body was sent")
            }
            pending += bytes
        }
    }

    /// Ends the body; `trailers` follow it where the sink can send them.
    func finish(trailers: [(name: String, value: [UInt8])] = []) throws {
        isFinished = true
        self.trailers = trailers
        try sink?.finish(trailers: trailers)
    }

    /// Dropped without `finish`: the body is incomplete (a response's connection is not
    /// reused, a request fails).
    func close() {
        guard !isFinished, !isAbandoned else { return }
        isAbandoned = true
        sink?.abandon()
    }
}

/// `response-outparam`: where the guest sets the response, once.
final class HTTPResponseOutparam {
    let writer: HTTPResponseWriter
    var isSet = false
    /// The guest answered with an `error-code` instead of a response.
    var guestError: String?

    init(writer: HTTPResponseWriter) {
        self.writer = writer
    }
}
