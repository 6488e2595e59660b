import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// `outgoing-request`: what the guest builds before handing it to `outgoing-handler.handle`.
final class HTTPOutgoingRequest {
    var method = "GET"
    /// `HTTP`, `HTTPS` or another scheme's name; nil when the guest set none (HTTPS is used).
    var scheme: String?
    var authority: String?
    var pathWithQuery: String?
    let headers: HTTPFields
    let body = HTTPOutgoingBody()
    var bodyTaken = false

    init(headers: HTTPFields) {
        self.headers = headers
    }
}

/// `request-options`: timeouts in nanoseconds.
final class HTTPRequestOptions {
    var connectTimeout: UInt64?
    var firstByteTimeout: UInt64?
    var betweenBytesTimeout: UInt64?
}

/// `incoming-response`: a response the client received; its body streams in behind it.
final class HTTPIncomingResponse {
    let status: UInt16
    let headers: [(name: String, value: [UInt8])]
    let call: HTTPClientCall
    var bodyTaken = false

    init(status: UInt16, headers: [(name: String, value: [UInt8])], call: HTTPClientCall) {
        self.status = status
        self.headers = headers
        self.call = call
    }
}

/// One outgoing request in flight on the process's HTTP client (`OutgoingHTTPClient`,
/// HTTP/1.1 and HTTPS): started by `handle`, its body streamed as the guest writes it
/// (`HTTPRequestBodyStream`). The response is known when its head arrived; its body streams
/// to the guest as it arrives (`responseBody`). `future-incoming-response` polls it.
///
/// The `request-options` timeouts run on the client's event loop: connect (until the head is
/// on the wire), first byte (until the response head arrived) and between bytes (while the
/// guest is not the one holding the body back). The HTTP grant is checked again whenever the
/// guest touches the request or response body: once revoked, the connection is cut.
final class HTTPClientCall: HTTPClientResponseDelegate, Sendable {
    typealias Response = Void

    /// The outcome: the response, or the `error-code`.
    enum Outcome: @unchecked Sendable {
        case response(HTTPIncomingResponse)
        case failure(HTTPErrorCode)
    }

    /// Timeouts in nanoseconds, from `request-options`.
    struct Timeouts: Sendable {
        var connect: UInt64?
        var firstByte: UInt64?
        var betweenBytes: UInt64?
    }

    private struct State {
        var outcome: Outcome?
        var taken = false
        var task: HTTPClient.Task<Void>?
        var timer: Scheduled<Void>?
        /// A failure that came before the task existed (it is failed once it does).
        var cutBeforeStart: HTTPErrorCode?
        /// What ended the exchange early, if something did.
        var failure: HTTPErrorCode?
    }

    private let state = Mutex(State())
    private let grants: GrantSet
    private let host: String
    private let port: UInt16
    private let timeouts: Timeouts
    /// The body of the response, streaming in.
    let responseBody = HTTPStreamedBody()
    /// The loop the request and its callbacks run on.
    let eventLoop: any EventLoop

    init(grants: GrantSet, host: String, port: UInt16, options: HTTPRequestOptions?) {
        self.grants = grants
        self.host = host
        self.port = port
        timeouts = Timeouts(connect: options?.connectTimeout, firstByte: options?.firstByteTimeout,
                            betweenBytes: options?.betweenBytesTimeout)
        eventLoop = OutgoingHTTPClient.shared.eventLoopGroup.next()
    }

    /// Sends `request`; the connect timeout starts now.
    func start(_ request: HTTPClient.Request) {
        arm(timeouts.connect, .connectionTimeout)
        let task = OutgoingHTTPClient.shared.execute(request: request, delegate: self, eventLoop: .delegate(on: eventLoop))
        let early = state.withLock { state in
            state.task = task
            return state.cutBeforeStart
        }
        if let early { task.fail(reason: early) }
    }

    /// Whether the outcome is known.
    var isDone: Bool { state.withLock { $0.outcome != nil } }

    /// The outcome once known: nil while in flight; `.none` inside when already taken.
    func take() -> Outcome?? {
        state.withLock { state in
            guard let outcome = state.outcome else { return nil }
            if state.taken { return .some(nil) }
            state.taken = true
            return .some(outcome)
        }
    }

    /// What ended the exchange early (the request body can no longer be sent), nil while it
    /// goes on or after it completed.
    var failure: HTTPErrorCode? { state.withLock { $0.failure } }

    /// Fails the request with `code` and cuts its connection (a response body in progress ends
    /// with `code` too).
    func cut(_ code: HTTPErrorCode) {
        settle(.failure(code))
        responseBody.complete(failure: code)
        let task: HTTPClient.Task<Void>? = state.withLock { state in
            state.timer?.cancel()
            state.timer = nil
            if state.failure == nil { state.failure = code }
            if state.task == nil { state.cutBeforeStart = code }
            return state.task
        }
        task?.fail(reason: code)
    }

    /// Throws (and cuts the connection) when the guest's HTTP grant for this request's
    /// authority was revoked.
    func checkGrant() throws(HTTPErrorCode) {
        guard grants.current.allowsHTTP(host: host, port: port) else {
            cut(.requestDenied)
            throw .requestDenied
        }
    }

    private func settle(_ outcome: Outcome) {
        state.withLock { state in
            if state.outcome == nil { state.outcome = outcome }
        }
    }

    /// Replaces the running timeout by one of `nanoseconds` (none when nil) that cuts the
    /// request with `code`.
    private func arm(_ nanoseconds: UInt64?, _ code: HTTPErrorCode) {
        let timer = nanoseconds.map { nanoseconds in
            eventLoop.scheduleTask(in: .nanoseconds(Int64(clamping: nanoseconds))) { [self] in cut(code) }
        }
        state.withLock { state in
            state.timer?.cancel()
            state.timer = timer
        }
    }

    // MARK: HTTPClientResponseDelegate (called on `eventLoop`)

    func didSendRequestHead(task: HTTPClient.Task<Void>, _ head: NIOHTTP1.HTTPRequestHead) {
        arm(timeouts.firstByte, .connectionReadTimeout)
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let headers = head.headers.map { (name: $0.name.lowercased(), value: Array($0.value.utf8)) }
        settle(.response(HTTPIncomingResponse(status: UInt16(clamping: head.status.code), headers: headers, call: self)))
        arm(timeouts.betweenBytes, .connectionReadTimeout)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        // While the guest holds the body back, the server is not the slow one: no timeout.
        arm(nil, .connectionReadTimeout)
        let room = responseBody.append(buffer, on: task.eventLoop)
        room.whenSuccess { [self] in arm(timeouts.betweenBytes, .connectionReadTimeout) }
        return room
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        let responseStarted = isDone
        let code = HTTPErrorCode(clientFailure: error, responseStarted: responseStarted)
        arm(nil, code)
        state.withLock { state in
            if state.failure == nil { state.failure = code }
        }
        settle(.failure(code))
        responseBody.complete(failure: code)
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        arm(nil, .protocolError)
        settle(.failure(.protocolError))
        responseBody.complete(failure: nil)
    }
}
