import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Testing
import WcompDaemon
import WcompDaemonProto

/// WatchInstances: lifecycle events as they happen.
@Suite("Instance events")
struct InstanceWatchTests {
    /// Collects `count` events of the watch `request` while `act` runs (started once the
    /// watcher is registered; a watch an earlier call ended must be gone first, or its
    /// registration would be taken for this one's and `act` could run before this watch sees it).
    static func events(_ daemon: TestDaemon, _ request: Wcomp_Daemon_V1_WatchInstancesRequest, count: Int,
                       during act: @escaping @Sendable (DaemonClient<HTTP2ClientTransport.Posix>) async throws -> Void) async throws
        -> [Wcomp_Daemon_V1_InstanceEvent] {
        while await daemon.server.state.instances.events.watcherCount != 0 { try await Task.sleep(for: .milliseconds(5)) }
        return try await daemon.withClient { client in
            async let collected = client.instances.watchInstances(request) { response in
                var events: [Wcomp_Daemon_V1_InstanceEvent] = []
                for try await event in response.messages {
                    events.append(event)
                    if events.count == count { break }
                }
                return events
            }
            while await daemon.server.state.instances.events.watcherCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
            try await act(client)
            return try await collected
        }
    }

    @Test("created, call started/finished, trapped, grant changed and deleted arrive in order")
    func lifecycle() async throws {
        let daemon = try await TestDaemon()
        let events = try await Self.events(daemon, Wcomp_Daemon_V1_WatchInstancesRequest(), count: 8) { client in
            _ = try await daemon.createInstance("calc", of: "calculator")
            _ = try await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "add(1, 2)"))
            _ = try? await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "boom()"))
            var add = Wcomp_Daemon_V1_AddGrantRequest()
            add.instance = "calc"
            add.grant = .environment("A", "1")
            let grant = try await client.grants.addGrant(add).grant
            var revoke = Wcomp_Daemon_V1_RevokeGrantRequest()
            revoke.instance = "calc"
            revoke.grantID = grant.id
            _ = try await client.grants.revokeGrant(revoke)
            var delete = Wcomp_Daemon_V1_DeleteInstanceRequest()
            delete.name = "calc"
            _ = try await client.instances.deleteInstance(delete)
        }
        #expect(events.map(\.kind) == [.created, .callStarted, .callFinished, .callStarted, .trapped,
                                       .grantChanged, .grantChanged, .deleted])
        #expect(events.allSatisfy { $0.instance == "calc" })
        #expect(events[1].detail == "add(1, 2)")
        #expect(events[4].detail.contains("unreachable"))
        #expect(events[5].detail.hasPrefix("granted "))
        #expect(events[6].detail.hasPrefix("revoked "))
        try await daemon.stop()
    }

    @Test("a watch of one instance sees only its events; exits carry the code, stops are STOPPED")
    func filteredExitAndStop() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("ok", of: "command-ok")
        _ = try await daemon.createInstance("fails", of: "command-fails")
        _ = try await daemon.createInstance("calc", of: "calculator")
        var request = Wcomp_Daemon_V1_WatchInstancesRequest()
        request.name = "fails"
        let exits = try await Self.events(daemon, request, count: 3) { client in
            var run = Wcomp_Daemon_V1_RunInstanceRequest()
            run.name = "ok"
            _ = try await client.instances.runInstance(run)
            run.name = "fails"
            _ = try await client.instances.runInstance(run)
        }
        #expect(exits.map(\.kind) == [.callStarted, .callFinished, .exited])
        #expect(exits.last?.exitCode == 1)
        #expect(exits.last?.detail == "1")

        request.name = "calc"
        let stops = try await Self.events(daemon, request, count: 2) { client in
            async let spinning = statusCode { _ = try await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "spin()")) }
            var stop = Wcomp_Daemon_V1_StopInstanceRequest()
            stop.name = "calc"
            while try await !client.instances.stopInstance(stop).wasRunning { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await spinning == .aborted)
        }
        #expect(stops.map(\.kind) == [.callStarted, .stopped])
        try await daemon.stop()
    }

    @Test("a malformed name is refused; a watch left open ends at shutdown")
    func validationAndShutdown() async throws {
        let daemon = try await TestDaemon()
        var request = Wcomp_Daemon_V1_WatchInstancesRequest()
        request.name = "no spaces"
        try await daemon.withClient { client in
            #expect(await statusCode { _ = try await client.instances.watchInstances(request) { response in
                for try await _ in response.messages {}
            } } == .invalidArgument)
        }
        request.name = ""
        let open = Task {
            try await daemon.withClient { client in
                try await client.instances.watchInstances(request) { response in
                    try await response.messages.reduce(0) { count, _ in count + 1 }
                }
            }
        }
        while await daemon.server.state.instances.events.watcherCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
        try await daemon.stop()
        #expect(try await open.value == 0)
    }
}
