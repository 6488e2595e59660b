/// Where the bytes of an `outgoing-body` go once it is attached: the response the server front
/// sends (`HTTPResponseWriter`) or the request the client streams (`HTTPRequestBodyStream`).
protocol HTTPBodySink: AnyObject {
    /// Sends body bytes.
    func write(_ bytes: [UInt8]) throws
    /// Ends the body, with `trailers` after it where the sink can send them.
    func finish(trailers: [(name: String, value: [UInt8])]) throws
    /// The guest dropped the body without finishing it: the body is incomplete.
    func abandon()
    /// Whether the sink takes more bytes now (false while the peer is behind).
    var canTakeMore: Bool { get }
}

extension HTTPResponseWriter: HTTPBodySink {
    /// An incomplete response ends its connection.
    func abandon() {
        keepAlive = false
    }

    /// The server front writes to the connection as the guest writes.
    var canTakeMore: Bool { true }
}
