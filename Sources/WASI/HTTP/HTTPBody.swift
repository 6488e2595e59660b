/// The body of a request the server front received, decoded from its framing as the guest
/// reads it (streamed: nothing is read from the client before the guest asks).
final class HTTPBodyReader {
    private let connection: HTTPConnection
    private let limit: UInt64
    private var chunked: Bool
    /// Bytes left in the body (Content-Length) or in the current chunk.
    private var remaining: UInt64
    private var total: UInt64 = 0
    /// Set when the body (and, for chunked bodies, the trailer section) has been read.
    private(set) var isFinished: Bool
    /// The trailer fields of a chunked body (names lower-cased), once it is finished.
    private(set) var trailers: [(name: String, value: [UInt8])] = []
    /// The most trailer fields kept (more is a client error).
    static let maximumTrailers = 100

    init(connection: HTTPConnection, framing: HTTPRequestHead.BodyFraming, limit: UInt64) {
        self.connection = connection
        self.limit = limit
        switch framing {
        case .length(let length):
            chunked = false
            remaining = length
            isFinished = length == 0
        case .chunked:
            chunked = true
            remaining = 0
            isFinished = false
        }
    }

    /// Whether a read would not wait for the client.
    var isReady: Bool { isFinished || connection.isReadable }

    /// Up to `count` bytes of the body; nil at its end. Without `blocking`, an empty array
    /// when the client has sent nothing more yet.
    func read(upTo count: Int, blocking: Bool) throws(HTTPProtocolError) -> [UInt8]? {
        if isFinished { return nil }
        if chunked && remaining == 0 {
            if !blocking && !connection.isReadable { return [] }
            try startChunk()
            if isFinished { return nil }
        }
        guard let bytes = try connection.read(upTo: Int(min(UInt64(count), remaining)), blocking: blocking) else {
            throw HTTPProtocolError(status: 400, "connection closed in the middle of the body")
        }
        remaining -= UInt64(bytes.count)
        total += UInt64(bytes.count)
        if remaining == 0 {
            if chunked {
                guard try connection.readLine(limit: 2) == [] else { throw HTTPProtocolError(status: 400, "chunk not followed by CRLF") }
            } else {
                isFinished = true
            }
        }
        return bytes
    }

    /// Reads what is left, so the connection can carry the next request.
    func drain() throws(HTTPProtocolError) {
        while try read(upTo: 65536, blocking: true) != nil {}
    }

    /// Reads a chunk-size line; the last chunk is followed by the trailer section.
    private func startChunk() throws(HTTPProtocolError) {
        guard let line = try connection.readLine(limit: 1024) else {
            throw HTTPProtocolError(status: 400, "connection closed before a chunk")
        }
        let digits = line.prefix { $0 != 0x3B }
        guard !digits.isEmpty, digits.count <= 15,
              let size = UInt64(String(decoding: digits, as: UTF8.self).trimmingCharactersOfSpace(), radix: 16) else {
            throw HTTPProtocolError(status: 400, "malformed chunk size")
        }
        guard total + size <= limit else { throw HTTPProtocolError(status: 413, "request body too large") }
        if size == 0 {
            while let line = try connection.readLine(limit: 8192), !line.isEmpty {
                guard trailers.count < Self.maximumTrailers else { throw HTTPProtocolError(status: 431, "too many trailer fields") }
                trailers.append(try HTTPRequestHead.field(line))
            }
            isFinished = true
            return
        }
        remaining = size
    }
}

extension String {
    fileprivate func trimmingCharactersOfSpace() -> String {
        Substring(self).trimmingSpaces()
    }
}

/// The response the server front sends for one request: the head once the guest sets the
/// response, then the body as the guest writes it (chunked unless the guest gave a
/// Content-Length), then the end of the body.
final class HTTPResponseWriter {
    private let connection: HTTPConnection
    private let isHeadRequest: Bool
    private(set) var headSent = false
    private(set) var isFinished = false
    private var chunked = false
    /// Bytes of a Content-Length body still expected.
    private var remaining: UInt64?
    /// Whether the connection may carry another request afterwards.
    var keepAlive: Bool
    /// Whether the client understands informational (1xx) responses: HTTP/1.1 and later.
    let acceptsInformational: Bool

    init(connection: HTTPConnection, keepAlive: Bool, isHeadRequest: Bool, acceptsInformational: Bool = false) {
        self.connection = connection
        self.keepAlive = keepAlive
        self.isHeadRequest = isHeadRequest
        self.acceptsInformational = acceptsInformational
    }

    /// Sends an informational (1xx) response ahead of the final one; any number may be sent
    /// before `sendHead`. 101 (switching protocols) is not one the front can follow up on.
    func sendInformational(status: UInt16, headers: [(name: String, value: [UInt8])]) throws(HTTPProtocolError) {
        guard (100...199).contains(status), status != 101 else {
            throw HTTPProtocolError(status: nil, "\(status) is not an informational status this server can send")
        }
        guard !headSent else { throw HTTPProtocolError(status: nil, "the final response was already sent") }
        guard acceptsInformational else {
            throw HTTPProtocolError(status: nil, "the client speaks HTTP/1.0, which has no informational responses")
        }
        var text = Array("HTTP/1.1 \(status) \(Self.reason(status))\r\n".utf8)
        for header in headers where !Self.framingHeaders.contains(header.name.lowercased()) {
            text += Array(header.name.utf8) + Array(": ".utf8) + header.value + [0x0D, 0x0A]
        }
        text += [0x0D, 0x0A]
        try connection.write(text)
    }

    /// Sends the status line and header fields.
    func sendHead(status: UInt16, headers: [(name: String, value: [UInt8])]) throws(HTTPProtocolError) {
        precondition(!headSent, "the response head is sent once")
        headSent = true
        var text = Array("HTTP/1.1 \(status) \(Self.reason(status))\r\n".utf8)
        let lengths = headers.filter { $0.name.lowercased() == "content-length" }
        if let length = lengths.first, let value = UInt64(String(decoding: length.value, as: UTF8.self)) {
            remaining = value
        } else if status >= 200 && status != 204 && status != 304 {
            chunked = true
            text += Array("transfer-encoding: chunked\r\n".utf8)
        }
        for header in headers where !Self.framingHeaders.contains(header.name.lowercased()) || header.name.lowercased() == "content-length" {
            text += Array(header.name.utf8) + Array(": ".utf8) + header.value + [0x0D, 0x0A]
        }
        if !keepAlive { text += Array("connection: close\r\n".utf8) }
        text += [0x0D, 0x0A]
        try connection.write(text)
    }

    /// Sends body bytes.
    func write(_ bytes: [UInt8]) throws(HTTPProtocolError) {
        guard !bytes.isEmpty, !isHeadRequest else { return }
        if let remaining {
            guard UInt64(bytes.count) <= remaining else {
                throw HTTPProtocolError(status: nil, "the guest wrote more than its Content-Length")
            }
            self.remaining = remaining - UInt64(bytes.count)
            try connection.write(bytes)
        } else if chunked {
            try connection.write(Array(String(bytes.count, radix: 16).utf8) + [0x0D, 0x0A] + bytes + [0x0D, 0x0A])
        }
    }

    /// Ends the body, with `trailers` after a chunked one (a Content-Length body cannot carry
    /// them: an error). A Content-Length body that is short cannot be completed: the connection closes.
    func finish(trailers: [(name: String, value: [UInt8])] = []) throws(HTTPProtocolError) {
        guard !isFinished else { return }
        isFinished = true
        if !trailers.isEmpty && !chunked && !isHeadRequest {
            keepAlive = false
            throw HTTPProtocolError(status: nil, "trailers need a chunked response; this one has a Content-Length")
        }
        if chunked && !isHeadRequest {
            var end = Array("0\r\n".utf8)
            for field in trailers where !Self.framingHeaders.contains(field.name.lowercased()) {
                end += Array(field.name.utf8) + Array(": ".utf8) + field.value + [0x0D, 0x0A]
            }
            try connection.write(end + [0x0D, 0x0A])
        }
        if let remaining, remaining > 0, !isHeadRequest {
            keepAlive = false
            throw HTTPProtocolError(status: nil, "the guest wrote less than its Content-Length")
        }
    }

    /// Header fields the server front manages itself.
    static let framingHeaders: Set<String> = ["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"]

    static func reason(_ status: UInt16) -> String {
        switch status {
        case 100: "Continue"
        case 102: "Processing"
        case 103: "Early Hints"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
