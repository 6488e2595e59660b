import NIOCore
import Synchronization

/// The body of a response the HTTP client is receiving: bytes are appended as they arrive from
/// the network and read by the guest as soon as they are there (not after the whole body).
/// Appended on the client's event loop, read on the guest's thread. When the guest falls
/// behind by `maximumBuffered` bytes, the client stops reading from the server until the
/// guest caught up.
final class HTTPStreamedBody: Sendable {
    private struct State {
        var buffered: [UInt8] = []
        var position = 0
        var isComplete = false
        var failure: HTTPErrorCode?
        /// Succeeded when the guest made room, while the client waits for it.
        var room: EventLoopPromise<Void>?

        var unread: Int { buffered.count - position }
    }

    private let state = Mutex(State())
    /// The most unread bytes kept before the client pauses.
    static let maximumBuffered = 1 << 20

    /// Adds bytes that arrived; the future completes when the client may read more.
    func append(_ bytes: ByteBuffer, on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        state.withLock { state in
            if state.position > 0 && state.position == state.buffered.count {
                state.buffered.removeAll(keepingCapacity: true)
                state.position = 0
            }
            state.buffered.append(contentsOf: bytes.readableBytesView)
            guard state.unread >= Self.maximumBuffered else { return eventLoop.makeSucceededVoidFuture() }
            let room = eventLoop.makePromise(of: Void.self)
            state.room = room
            return room.futureResult
        }
    }

    /// The body ended, completely or (with `failure`) not.
    func complete(failure: HTTPErrorCode?) {
        let room = state.withLock { state in
            if !state.isComplete {
                state.isComplete = true
                state.failure = failure
            }
            defer { state.room = nil }
            return state.room
        }
        room?.succeed(())
    }

    /// Whether a read would not wait: bytes are there, or the body ended.
    var isReady: Bool { state.withLock { $0.unread > 0 || $0.isComplete } }

    /// Up to `count` of the bytes that arrived; an empty array when none is there yet, nil at
    /// the end of a complete body. Throws the failure that cut the body (after the bytes before it).
    func read(upTo count: Int) throws(HTTPErrorCode) -> [UInt8]? {
        let (result, room): (Result<[UInt8]?, HTTPErrorCode>, EventLoopPromise<Void>?) = state.withLock { state in
            guard state.unread > 0 else {
                if let failure = state.failure { return (.failure(failure), nil) }
                return (.success(state.isComplete ? nil : []), nil)
            }
            let end = min(state.buffered.count, state.position + count)
            let bytes = Array(state.buffered[state.position..<end])
            state.position = end
            guard state.unread < Self.maximumBuffered / 2, let room = state.room else { return (.success(bytes), nil) }
            state.room = nil
            return (.success(bytes), room)
        }
        room?.succeed(())
        return try result.get()
    }
}
