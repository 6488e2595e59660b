import Foundation
import SwiftProtobuf
import WcompDaemonProto

/// Fans instance lifecycle events out to the `WatchInstances` streams that are open.
/// Events are not stored: a watcher sees what happens while it watches.
public actor InstanceEventHub {
    private var watchers: [UUID: (instance: String?, continuation: AsyncStream<Wcomp_Daemon_V1_InstanceEvent>.Continuation)] = [:]

    /// A hub with no watchers.
    public init() {}

    /// Events of `instance` (or of all instances when nil) from now on. The stream ends when
    /// the consumer stops iterating or cancels.
    public func watch(instance: String?) -> AsyncStream<Wcomp_Daemon_V1_InstanceEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Wcomp_Daemon_V1_InstanceEvent.self, bufferingPolicy: .bufferingNewest(1024))
        watchers[id] = (instance, continuation)
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    /// Sends an event to every matching watcher.
    public func publish(_ kind: Wcomp_Daemon_V1_InstanceEvent.Kind, instance: String, detail: String = "") {
        var event = Wcomp_Daemon_V1_InstanceEvent()
        event.time = Google_Protobuf_Timestamp(date: Date())
        event.instance = instance
        event.kind = kind
        event.detail = detail
        for watcher in watchers.values where watcher.instance == nil || watcher.instance == instance {
            watcher.continuation.yield(event)
        }
    }

    /// Ends every open watch stream (at shutdown).
    public func finishAll() {
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers.removeAll()
    }

    private func remove(_ id: UUID) {
        watchers[id] = nil
    }
}
