import AsyncHTTPClient
import NIOCore
import Synchronization

/// The body of an outgoing request, streamed to the server as the guest writes it: the client
/// starts the stream once the request head is on the wire; bytes written before that wait in
/// order. The guest may write while at most `maximumUnacknowledged` bytes are not yet taken by
/// the connection (`canTakeMore`), so a slow server holds the guest back instead of the host
/// buffering the body. Finishing ends the body; dropping it unfinished fails the request. Once
/// the exchange failed (or the server stopped taking the body), writes fail with its code.
final class HTTPRequestBodyStream: HTTPBodySink, Sendable {
    private struct State {
        var writer: HTTPClient.Body.StreamWriter?
        /// Bytes written before the stream started.
        var queued: [ByteBuffer] = []
        /// Bytes written whose write the connection has not completed yet.
        var unacknowledged = 0
        /// How the guest ended the body, once it did.
        var end: Result<Void, HTTPErrorCode>?
        /// Completed when the body ends: the client then ends the request.
        var done: EventLoopPromise<Void>?
        /// Why a write did not reach the connection, once one did not.
        var failure: HTTPErrorCode?
    }

    private let state = Mutex(State())
    private let call: HTTPClientCall
    /// The most bytes in flight before `canTakeMore` is false.
    static let maximumUnacknowledged = 1 << 20

    /// A body for `call`, whose grant every write checks.
    init(call: HTTPClientCall) {
        self.call = call
    }

    /// The request body the client sends: `length` bytes, or chunked when nil.
    func clientBody(length: Int64?) -> HTTPClient.Body {
        .stream(contentLength: length) { [self] writer in start(writer) }
    }

    /// Called by the client once the head is sent: sends what was written so far, and the end
    /// when the guest already ended the body.
    private func start(_ writer: HTTPClient.Body.StreamWriter) -> EventLoopFuture<Void> {
        let loop = call.eventLoop
        let done = loop.makePromise(of: Void.self)
        let (queued, end) = state.withLock { state in
            state.writer = writer
            state.done = done
            defer { state.queued = [] }
            return (state.queued, state.end)
        }
        for buffer in queued { send(buffer, through: writer) }
        if let end { conclude(done, end) }
        return done.futureResult
    }

    private func send(_ buffer: ByteBuffer, through writer: HTTPClient.Body.StreamWriter) {
        let count = buffer.readableBytes
        writer.write(.byteBuffer(buffer)).whenComplete { [self] result in
            state.withLock { state in
                state.unacknowledged -= count
                if case .failure(let error) = result, state.failure == nil {
                    state.failure = HTTPErrorCode(clientFailure: error, responseStarted: false)
                }
            }
        }
    }

    private func conclude(_ done: EventLoopPromise<Void>, _ end: Result<Void, HTTPErrorCode>) {
        switch end {
        case .success: done.succeed(())
        case .failure(let code): done.fail(code)
        }
    }

    /// True also once writes fail: the next one reports why.
    var canTakeMore: Bool {
        call.failure != nil || state.withLock { $0.failure != nil || $0.unacknowledged < Self.maximumUnacknowledged }
    }

    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try call.checkGrant()
        if let failure = call.failure ?? state.withLock({ $0.failure }) { throw failure }
        let buffer = ByteBuffer(bytes: bytes)
        let writer: HTTPClient.Body.StreamWriter? = state.withLock { state in
            state.unacknowledged += bytes.count
            if state.writer == nil { state.queued.append(buffer) }
            return state.writer
        }
        if let writer { send(buffer, through: writer) }
    }

    /// Ends the body. An outgoing request cannot carry trailers: with some, the request fails.
    func finish(trailers: [(name: String, value: [UInt8])]) throws {
        guard trailers.isEmpty else {
            end(.failure(HTTPErrorCode("HTTP-request-trailer-section-size")))
            throw HTTPProtocolError(status: nil, "trailers on an outgoing request are not supported")
        }
        try call.checkGrant()
        end(.success(()))
    }

    /// Dropped unfinished: the request fails with `HTTP-request-body-size`.
    func abandon() {
        end(.failure(.requestBodySize))
    }

    private func end(_ end: Result<Void, HTTPErrorCode>) {
        let done: EventLoopPromise<Void>? = state.withLock { state in
            guard state.end == nil else { return nil }
            state.end = end
            return state.done
        }
        // Completing the promise after the writes keeps them in order: both run on the loop.
        if let done { conclude(done, end) }
    }
}
