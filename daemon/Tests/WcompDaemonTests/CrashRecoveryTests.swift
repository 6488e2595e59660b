import Foundation
import GRDB
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

/// `kill -9` of a real `wcompd serve` process in the middle of concurrent uploads and grant
/// changes, several times over the same state directory: after every restart each
/// acknowledged operation is there and intact, and nothing half-written is visible.
@Suite("Crash recovery")
struct CrashRecoveryTests {
    static let rounds = 6
    static let uploaders = 3
    static let granters = 3

    @Test("kill -9 during concurrent uploads and grant changes loses nothing acknowledged and leaves nothing half-written")
    func killDuringWrites() async throws {
        let root = try TestDaemon.temporaryDirectory()
        let state = root + "/state"
        let granted = root + "/granted"
        #expect(mkdir(granted, 0o700) == 0)
        let base = try TestDaemon.fixture("calculator")
        let ledger = CrashLedger()
        var leftovers = 0
        for round in 0..<Self.rounds {
            let daemon = try await DaemonProcess(stateDirectory: state)
            try await Self.verify(daemon, against: ledger.snapshot())
            let instances = (0..<Self.granters).map { "round\(round)-instance\($0)" }
            try await daemon.withClient { client in
                let sha256 = try await client.upload(base, name: "calculator").component.sha256
                for instance in instances {
                    var request = Wcomp_Daemon_V1_CreateInstanceRequest()
                    request.name = instance
                    request.componentSha256 = sha256
                    _ = try await client.instances.createInstance(request)
                    await ledger.created(instance)
                }
            }
            let killAfter = Duration.milliseconds(Int.random(in: 500...2500))
            try await withTimeout(.seconds(60)) {
                try await daemon.withClient { client in
                    await withTaskGroup(of: Void.self) { group in
                        for _ in 0..<Self.uploaders {
                            group.addTask { await Self.uploadLoop(client, base: base, ledger: ledger) }
                        }
                        for instance in instances {
                            group.addTask { await Self.grantLoop(client, instance: instance, directory: granted, ledger: ledger) }
                        }
                        try? await Task.sleep(for: killAfter)
                        daemon.kill()
                        group.cancelAll()
                    }
                }
            }
            leftovers += try Self.halfWrittenFiles(in: state + "/components")
            try Self.checkDatabase(state + "/state.sqlite")
        }
        let daemon = try await DaemonProcess(stateDirectory: state)
        try await Self.verify(daemon, against: ledger.snapshot())
        #expect(daemon.terminate() == 0, "wcompd did not shut down cleanly:\n\(daemon.log)")
        try Self.checkDatabase(state + "/state.sqlite")

        let unexpected = await ledger.unexpectedErrors
        #expect(unexpected.isEmpty, "operations failed for another reason than the kill: \(unexpected)")
        let snapshot = await ledger.snapshot()
        let unanswered = await ledger.unanswered
        #expect(snapshot.uploads.count >= Self.rounds, "too few uploads were acknowledged to test anything")
        #expect(snapshot.grants.count >= Self.rounds, "too few grants were acknowledged to test anything")
        #expect(unanswered > 0, "no operation was in flight at any kill")
        print("crash recovery: \(Self.rounds) kills; acknowledged \(snapshot.uploads.count) uploads, \(snapshot.grants.count) grants, "
              + "\(snapshot.revoked.count) revocations; \(unanswered) operations unanswered; \(leftovers) half-written files left by the kills")
    }

    /// Checks the running daemon against everything the ledger says was acknowledged.
    static func verify(_ daemon: DaemonProcess, against ledger: CrashLedger.Snapshot) async throws {
        try await daemon.withClient { client in
            let listed = try await client.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest()).components
            let components = Dictionary(listed.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
            for (sha256, size) in ledger.uploads {
                #expect(components[sha256]?.sizeBytes == UInt64(size), "acknowledged upload \(sha256) is missing")
                var inspect = Wcomp_Daemon_V1_InspectComponentRequest()
                inspect.sha256 = sha256
                let error = await rpcError { _ = try await client.components.inspectComponent(inspect) }
                #expect(error == nil, "acknowledged upload \(sha256) does not read back: \(String(describing: error))")
            }
            let blobs = daemon.stateDirectory + "/components"
            let files = Set(try FileManager.default.contentsOfDirectory(atPath: blobs))
            #expect(files == Set(components.keys.map { $0 + ".wasm" }), "the blob files are not exactly the listed components")
            for component in listed {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: blobs + "/" + component.sha256 + ".wasm")))
                #expect(bytes.count == Int(component.sizeBytes) && ComponentCatalog.digest(bytes) == component.sha256,
                        "listed component \(component.sha256) is not intact on disk")
            }

            let names = Set(try await client.instances.listInstances(Wcomp_Daemon_V1_ListInstancesRequest()).instances.map(\.name))
            #expect(ledger.instances.isSubset(of: names), "acknowledged instances are missing: \(ledger.instances.subtracting(names))")
            var live: [Int64: Wcomp_Daemon_V1_InstanceGrant] = [:]
            for name in names {
                var request = Wcomp_Daemon_V1_ListGrantsRequest()
                request.instance = name
                for grant in try await client.grants.listGrants(request).grants { live[grant.id] = grant }
            }
            let audit = try await auditLog(client)
            let grantedEvents = Dictionary(grouping: audit.filter { $0.action == .granted }, by: \.grant.id)
            let revokedEvents = Dictionary(grouping: audit.filter { $0.action == .revoked }, by: \.grant.id)
            #expect(grantedEvents.values.allSatisfy { $0.count == 1 } && revokedEvents.values.allSatisfy { $0.count == 1 },
                    "a grant change is audited twice")
            for (id, grant) in live {
                let event = grantedEvents[id]?.first
                #expect(event?.grant.grant == grant.grant && event?.instance == grant.instance, "grant \(id) is listed without its audit row")
                #expect(revokedEvents[id] == nil, "grant \(id) is listed although its revocation was audited")
            }
            for id in revokedEvents.keys {
                #expect(grantedEvents[id] != nil, "grant \(id) was audited as revoked but never as granted")
            }
            for (id, record) in ledger.grants where !ledger.revocationsSent.contains(id) {
                #expect(live[id]?.grant == record.grant && live[id]?.instance == record.instance, "acknowledged grant \(id) is lost")
            }
            for id in ledger.revoked {
                #expect(live[id] == nil && revokedEvents[id] != nil, "acknowledged revocation of grant \(id) is lost")
            }
        }
    }

    /// The whole audit log, read page by page.
    static func auditLog(_ client: Client) async throws -> [Wcomp_Daemon_V1_AuditEvent] {
        var events: [Wcomp_Daemon_V1_AuditEvent] = []
        var request = Wcomp_Daemon_V1_ListAuditEventsRequest()
        request.limit = 1000
        while true {
            let page = try await client.grants.listAuditEvents(request).events
            events += page
            guard page.count == Int(request.limit), let last = page.last else { return events }
            request.afterID = last.id
        }
    }

    /// Opens the state database of a dead daemon (as the next one will) and checks that it is
    /// sound and that no grant exists without its audit row.
    static func checkDatabase(_ path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: path, configuration: configuration)
        try database.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let unaudited = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM grants WHERE NOT EXISTS
                (SELECT 1 FROM audit_events WHERE audit_events.grant_id = grants.id AND audit_events.action = 'granted')
                """)
            #expect(unaudited == 0, "grants without their audit row")
        }
        try database.close()
    }

    /// The number of temporary blob files a kill left mid-upload (the next start removes them).
    static func halfWrittenFiles(in directory: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }.count
    }
}
