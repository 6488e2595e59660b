/// The head of an HTTP/1.1 request as the server front parsed it: request line and header
/// fields, validated, with the body's framing.
public struct HTTPRequestHead: Sendable {
    /// How the request body is delimited.
    public enum BodyFraming: Sendable, Equatable {
        /// `Content-Length` bytes (0 without a body).
        case length(UInt64)
        /// `Transfer-Encoding: chunked`.
        case chunked
    }

    public var method: String
    /// The request target (origin form: path and query).
    public var target: String
    /// HTTP/1.x minor version.
    public var minorVersion: Int
    /// Header fields in order, names as sent.
    public var headers: [(name: String, value: [UInt8])]
    public var framing: BodyFraming
    /// Whether the connection stays open after the response.
    public var keepAlive: Bool

    /// Limits on what a client may send.
    public struct Limits: Sendable {
        public var maximumLineBytes = 8192
        public var maximumHeaderCount = 100
        public var maximumHeaderBytes = 65536
        public var maximumBodyBytes: UInt64 = 64 << 20
        public init() {}
    }

    /// The values of header `name` (case-insensitive).
    public func values(_ name: String) -> [[UInt8]] {
        headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// Reads a request head from `connection`; nil when the client closed the connection
    /// before a new request (normal end of a keep-alive connection).
    static func read(from connection: HTTPConnection, limits: Limits) throws(HTTPProtocolError) -> HTTPRequestHead? {
        var line: [UInt8]?
        // RFC 9112: a server should ignore at least one empty line before the request line.
        repeat { line = try connection.readLine(limit: limits.maximumLineBytes) } while line?.isEmpty == true
        guard let requestLine = line else { return nil }
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, let method = String(validating: parts[0], as: UTF8.self), isToken(parts[0]),
              let target = String(validating: parts[1], as: UTF8.self), !target.isEmpty,
              target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPProtocolError(status: 400, "malformed request line")
        }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: Array("HTTP/1.".utf8)), (0x30...0x39).contains(version[7]) else {
            throw HTTPProtocolError(status: 400, "unsupported HTTP version")
        }
        let minorVersion = Int(version[7] - 0x30)
        var headers: [(name: String, value: [UInt8])] = []
        var headerBytes = 0
        while true {
            guard let field = try connection.readLine(limit: limits.maximumLineBytes) else {
                throw HTTPProtocolError(status: 400, "connection closed in the header section")
            }
            if field.isEmpty { break }
            headerBytes += field.count
            guard headers.count < limits.maximumHeaderCount, headerBytes <= limits.maximumHeaderBytes else {
                throw HTTPProtocolError(status: 431, "too many header fields")
            }
            headers.append(try Self.field(field))
        }
        var head = HTTPRequestHead(method: method, target: target, minorVersion: minorVersion, headers: headers,
                                   framing: .length(0), keepAlive: true)
        head.framing = try framing(of: head, limits: limits)
        let connectionTokens = head.values("connection").flatMap { String(decoding: $0, as: UTF8.self).lowercased().split(separator: ",") }
            .map { $0.trimmingSpaces() }
        head.keepAlive = minorVersion >= 1 ? !connectionTokens.contains("close") : connectionTokens.contains("keep-alive")
        return head
    }

    /// One `name: value` field line (a header or a trailer), the value trimmed.
    static func field(_ line: [UInt8]) throws(HTTPProtocolError) -> (name: String, value: [UInt8]) {
        guard let colon = line.firstIndex(of: 0x3A), colon > 0, isToken(line[..<colon]) else {
            throw HTTPProtocolError(status: 400, "malformed header field")
        }
        let value = trimmed(line[(colon + 1)...])
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw HTTPProtocolError(status: 400, "invalid byte in a header value")
        }
        return (String(decoding: line[..<colon], as: UTF8.self), value)
    }

    private static func framing(of head: HTTPRequestHead, limits: Limits) throws(HTTPProtocolError) -> BodyFraming {
        let encodings = head.values("transfer-encoding")
        if !encodings.isEmpty {
            guard head.values("content-length").isEmpty else {
                throw HTTPProtocolError(status: 400, "both Transfer-Encoding and Content-Length")
            }
            let codings = encodings.flatMap { String(decoding: $0, as: UTF8.self).lowercased().split(separator: ",") }
                .map { $0.trimmingSpaces() }
            guard codings == ["chunked"] else { throw HTTPProtocolError(status: 501, "unsupported transfer coding") }
            return .chunked
        }
        let lengths = Set(head.values("content-length").flatMap { $0.split(separator: 0x2C) }.map { trimmed($0) })
        guard let length = lengths.first else { return .length(0) }
        guard lengths.count == 1, !length.isEmpty, length.count <= 19, length.allSatisfy({ (0x30...0x39).contains($0) }),
              let value = UInt64(String(decoding: length, as: UTF8.self)) else {
            throw HTTPProtocolError(status: 400, "invalid Content-Length")
        }
        guard value <= limits.maximumBodyBytes else { throw HTTPProtocolError(status: 413, "request body too large") }
        return .length(value)
    }

    /// RFC 9110 `token`.
    static func isToken(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func trimmed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var result = Array(bytes)
        while let first = result.first, first == 0x20 || first == 0x09 { result.removeFirst() }
        while let last = result.last, last == 0x20 || last == 0x09 { result.removeLast() }
        return result
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
