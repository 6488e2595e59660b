import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

@Suite("Persistence")
struct PersistenceTests {
    @Test("a new daemon on the same state directory has the components, instances, grants, counters and audit log")
    func restartResumes() async throws {
        let first = try await TestDaemon()
        let sha256 = try await first.createInstance("calc", of: "calculator", env: ["MODE": "test"])
        try await first.withClient { client in
            var invoke = Wcomp_Daemon_V1_InvokeInstanceRequest()
            invoke.name = "calc"
            invoke.wave = "add(2, 3)"
            let sum = try await client.instances.invokeInstance(invoke).wave
            #expect(sum == "5")
        }
        try await first.stop()

        let second = try await TestDaemon(root: first.root)
        try await second.withClient { client in
            let components = try await client.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest()).components
            #expect(components.map(\.sha256) == [sha256])
            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = "calc"
            let instance = try await client.instances.getInstance(get).instance
            #expect(instance.componentSha256 == sha256)
            #expect(instance.counters.calls == 1)
            var grants = Wcomp_Daemon_V1_ListGrantsRequest()
            grants.instance = "calc"
            let restoredGrants = try await client.grants.listGrants(grants).grants.map(\.grant)
            #expect(restoredGrants == [.environment("MODE", "test")])
            let audit = try await client.grants.listAuditEvents(Wcomp_Daemon_V1_ListAuditEventsRequest()).events
            #expect(audit.count == 1)
            var invoke = Wcomp_Daemon_V1_InvokeInstanceRequest()
            invoke.name = "calc"
            invoke.wave = "add(40, 2)"
            let answer = try await client.instances.invokeInstance(invoke).wave
            #expect(answer == "42")
        }
        try await second.stop()
    }

    @Test("blobs left without a record (a crash mid-upload) are removed at start")
    func leftoversRemoved() async throws {
        let first = try await TestDaemon()
        try await first.stop()
        let components = first.root + "/state/components"
        _ = FileManager.default.createFile(atPath: components + "/.abc.tmp", contents: Data([1, 2, 3]))
        _ = FileManager.default.createFile(atPath: components + "/" + String(repeating: "b", count: 64) + ".wasm", contents: Data([1]))
        let second = try await TestDaemon(root: first.root)
        #expect(try FileManager.default.contentsOfDirectory(atPath: components).isEmpty)
        try await second.stop()
    }

    @Test("a call in flight when the daemon is killed counts as a failed call after the restart")
    func interruptedCallIsRecordedAsFailed() async throws {
        let state = try TestDaemon.temporaryDirectory() + "/state"
        let daemon = try await DaemonProcess(stateDirectory: state)
        var get = Wcomp_Daemon_V1_GetInstanceRequest()
        get.name = "spinner"
        try await daemon.withClient { client in
            var create = Wcomp_Daemon_V1_CreateInstanceRequest()
            create.name = "spinner"
            create.componentSha256 = try await client.upload(try TestDaemon.fixture("calculator"), name: "calculator").component.sha256
            _ = try await client.instances.createInstance(create)
            #expect(try await client.instances.invokeInstance(InstanceServiceTests.invoke("spinner", "add(1, 2)")).wave == "3")
            let spinning = Task { _ = try? await client.instances.invokeInstance(InstanceServiceTests.invoke("spinner", "spin()")) }
            let deadline = ContinuousClock.now + .seconds(20)
            while try await client.instances.getInstance(get).instance.state != .running, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try await client.instances.getInstance(get).instance.state == .running)
            daemon.kill()
            await spinning.value
        }
        let restarted = try await DaemonProcess(stateDirectory: state)
        try await restarted.withClient { client in
            let instance = try await client.instances.getInstance(get).instance
            #expect(instance.state == .failed)
            #expect(instance.counters.calls == 2)
            #expect(instance.counters.failedCalls == 1)
            // The instance still works.
            #expect(try await client.instances.invokeInstance(InstanceServiceTests.invoke("spinner", "add(2, 2)")).wave == "4")
        }
        #expect(restarted.terminate() == 0)
        #expect(restarted.log.contains("calls interrupted by the previous run's end were recorded as failed"))
    }
}
