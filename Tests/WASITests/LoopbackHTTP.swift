import Foundation

/// A plain HTTP/1.1 client for tests: raw bytes over a TCP connection to 127.0.0.1, so tests
/// see exactly what a server sent (framing included).
enum LoopbackHTTP {
    /// Sends `request` on a new connection to 127.0.0.1:`port` and returns everything the
    /// server sent until it closed the connection (giving up on a read after `timeout` seconds).
    static func exchange(port: UInt16, _ request: [UInt8], timeout: Int = 10) throws -> String {
        let socket = try connected(port: port, timeout: timeout)
        defer { close(socket) }
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    static func exchange(port: UInt16, _ request: String, timeout: Int = 10) throws -> String {
        try exchange(port: port, Array(request.utf8), timeout: timeout)
    }

    /// Sends `requests` one after another on one connection, each once the previous response
    /// has ended (its chunked body's last chunk), and returns the responses; a response cut
    /// short (the server closed or went quiet for `timeout` seconds) ends the list.
    static func conversation(port: UInt16, _ requests: [String], timeout: Int = 10) throws -> [String] {
        let connection = try KeptAliveConnection(port: port, timeout: timeout)
        var responses: [String] = []
        for request in requests {
            guard let response = connection.ask(request) else { break }
            responses.append(response)
        }
        return responses
    }

    /// A client connection kept open between requests, for interleaving several of them.
    final class KeptAliveConnection {
        private let socket: Int32
        private var buffer = [UInt8](repeating: 0, count: 65536)

        /// Connects to 127.0.0.1:`port`; reads give up after `timeout` seconds.
        init(port: UInt16, timeout: Int = 10) throws {
            socket = try LoopbackHTTP.connected(port: port, timeout: timeout)
        }

        deinit { close(socket) }

        /// Sends `request` (without waiting for anything).
        func transmit(_ request: String) {
            _ = Array(request.utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        }

        /// Reads one response with a chunked body, up to its last chunk; nil when the server
        /// closed the connection or went quiet for the timeout first.
        func response() -> String? {
            var received: [UInt8] = []
            while !received.suffix(7).elementsEqual("\r\n0\r\n\r\n".utf8) {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return nil }
                received += buffer[..<count]
            }
            return String(decoding: received, as: UTF8.self)
        }

        /// Transmits `request` and reads its response (see `response`).
        func ask(_ request: String) -> String? {
            transmit(request)
            return response()
        }

        /// Whether the server closes the connection (end of stream) before the timeout and
        /// without sending anything.
        func waitForClose() -> Bool {
            buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) } == 0
        }
    }

    /// A TCP connection to 127.0.0.1:`port` whose reads give up after `timeout` seconds.
    private static func connected(port: UInt16, timeout: Int) throws -> Int32 {
        let socket = newSocket(Int32(SOCK_STREAM.rawValue))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return socket
    }

    /// A new IPv4 socket of `type` (`SOCK_STREAM`, `SOCK_DGRAM`).
    static func newSocket(_ type: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.socket(AF_INET, type, 0)
        #else
        Darwin.socket(AF_INET, type, 0)
        #endif
    }

    /// A new socket of `type` bound to 127.0.0.1 on a port the system picks, and that port.
    static func boundSocket(_ type: Int32) throws -> (socket: Int32, port: UInt16) {
        let socket = newSocket(type)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else {
            close(socket)
            throw POSIXError(.EADDRINUSE)
        }
        return (socket, UInt16(bigEndian: address.sin_port))
    }

    /// A port on 127.0.0.1 nothing listens on right now (the system's pick).
    static func freePort() throws -> UInt16 {
        let (socket, port) = try boundSocket(Int32(SOCK_STREAM.rawValue))
        close(socket)
        return port
    }

    /// One response as read off the wire: status, headers (names lowercased) and the body
    /// (de-chunked when it was sent chunked).
    struct Reply: Equatable {
        var status: Int?
        var headers: [String: String] = [:]
        var body = ""

        init(_ text: String) {
            guard let split = text.range(of: "\r\n\r\n") else { return }
            let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
            status = head.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
            for line in head.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let rest = Substring(text[split.upperBound...])
            body = headers["transfer-encoding"]?.lowercased() == "chunked" ? Self.dechunk(rest) : String(rest)
        }

        private static func dechunk(_ text: Substring) -> String {
            var rest = text
            var body = ""
            while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
                let start = lineEnd.upperBound
                let end = rest.utf8.index(start, offsetBy: size)
                body += rest[start..<end]
                rest = rest[rest.utf8.index(end, offsetBy: 2)...]
            }
            return body
        }
    }
}
