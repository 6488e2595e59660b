import Foundation
import GRPCCore
import Synchronization

/// The server-streaming RPCs that stay open until their client leaves (WatchInstances,
/// StreamLogs with follow, health Watch). grpc-swift neither cancels a handler's task when its
/// RPC is cancelled nor ends open streams at a graceful shutdown, so each such stream ends
/// here on RPC cancellation (client cancel, deadline) or at `closeAll()` (shutdown); without
/// it, one follower would keep the daemon from ever shutting down.
public final class OpenStreams: Sendable {
    private struct State {
        var isClosed = false
        var finishers: [UUID: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// No open streams.
    public init() {}

    /// The number of streams open now.
    public var count: Int { state.withLock { $0.finishers.count } }

    /// Passes each element of `stream` to `write` until the stream finishes, the RPC is
    /// cancelled or `closeAll()` is called (the last two finish `continuation`). Returns at once
    /// after `closeAll()`.
    func forward<Element: Sendable>(
        _ stream: AsyncStream<Element>, ending continuation: AsyncStream<Element>.Continuation,
        _ write: (Element) async throws -> Void
    ) async throws {
        let id = UUID()
        let registered = state.withLock { state in
            guard !state.isClosed else { return false }
            state.finishers[id] = { continuation.finish() }
            return true
        }
        guard registered else {
            continuation.finish()
            return
        }
        defer { state.withLock { _ = $0.finishers.removeValue(forKey: id) } }
        try await withRPCCancellationHandler {
            for await element in stream { try await write(element) }
        } onCancelRPC: {
            continuation.finish()
        }
    }

    /// Ends every open stream and refuses new ones (the daemon is shutting down).
    public func closeAll() {
        let finishers = state.withLock { state in
            state.isClosed = true
            defer { state.finishers.removeAll() }
            return Array(state.finishers.values)
        }
        for finish in finishers { finish() }
    }
}
