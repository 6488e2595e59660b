import Foundation
import SwiftProtobuf
import WcompDaemonProto

/// Fans instance lifecycle events out to the `WatchInstances` streams that are open.
/// Events are not stored: a watcher sees what happens while it watches.
public actor InstanceEventHub {
    private var watchers: [UUID: (instance: String?, continuation: AsyncStream<Wcomp_Daemon_V1_InstanceEvent>.Continuation)] = [:]

    /// A hub with no watchers.
    public init() {}

    /// Events of `instance` (or of all instances when nil) from now on, and the continuation
    /// that ends the stream. Finishing it (or the consumer going away) removes the watcher.
    public func watch(instance: String?) -> (
        events: AsyncStream<Wcomp_Daemon_V1_InstanceEvent>, end: AsyncStream<Wcomp_Daemon_V1_InstanceEvent>.Continuation
    ) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Wcomp_Daemon_V1_InstanceEvent.self, bufferingPolicy: .bufferingNewest(1024))
        watchers[id] = (instance, continuation)
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return (stream, continuation)
    }

    /// The number of open watchers.
    public var watcherCount: Int { watchers.count }

    /// Sends an event to every matching watcher.
    public func publish(_ kind: Wcomp_Daemon_V1_InstanceEvent.Kind, instance: String, detail: String = "", exitCode: Int32 = 0) {
        var event = Wcomp_Daemon_V1_InstanceEvent()
        event.time = Google_Protobuf_Timestamp(date: Date())
        event.instance = instance
        event.kind = kind
        event.detail = detail
        event.exitCode = exitCode
        for watcher in watchers.values where watcher.instance == nil || watcher.instance == instance {
            watcher.continuation.yield(event)
        }
    }

    private func remove(_ id: UUID) {
        watchers[id] = nil
    }
}
