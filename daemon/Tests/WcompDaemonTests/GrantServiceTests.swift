import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

@Suite("Grants and audit log")
struct GrantServiceTests {
    @Test("grants are added, listed, revoked, reach the live grant set and are audited with the caller")
    func grantLifecycle() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("calc", of: "calculator", env: ["GREETING": "hello"])
        let shared = try TestDaemon.temporaryDirectory()
        try await daemon.withClient { client in
            var add = Wcomp_Daemon_V1_AddGrantRequest()
            add.instance = "calc"
            add.grant = .directory(shared, guestPath: "/data", readOnly: true)
            let added = try await client.grants.addGrant(add).grant
            #expect(added.grant == .directory(shared, guestPath: "/data", readOnly: true))

            var list = Wcomp_Daemon_V1_ListGrantsRequest()
            list.instance = "calc"
            let grants = try await client.grants.listGrants(list).grants
            #expect(grants.map(\.grant) == [.environment("GREETING", "hello"), .directory(shared, guestPath: "/data", readOnly: true)])

            var live = try await daemon.server.state.instances.effectiveGrants(of: "calc")
            #expect(live.directories.map(\.guestPath) == ["/data"])
            #expect(live.environment.map(\.name) == ["GREETING"])

            var revoke = Wcomp_Daemon_V1_RevokeGrantRequest()
            revoke.instance = "calc"
            revoke.grantID = added.id
            _ = try await client.grants.revokeGrant(revoke)
            let remaining = try await client.grants.listGrants(list).grants.map(\.id)
            #expect(remaining == [grants[0].id])
            live = try await daemon.server.state.instances.effectiveGrants(of: "calc")
            #expect(live.directories.isEmpty)
            #expect(await statusCode { _ = try await client.grants.revokeGrant(revoke) } == .notFound)

            var audit = Wcomp_Daemon_V1_ListAuditEventsRequest()
            audit.instance = "calc"
            let events = try await client.grants.listAuditEvents(audit).events
            #expect(events.map(\.action) == [.granted, .granted, .revoked])
            #expect(events.map(\.grant.id) == [grants[0].id, added.id, added.id])
            #expect(events.allSatisfy { $0.caller.hasPrefix("socket@") })
            #expect(events.map(\.id) == events.map(\.id).sorted())
            audit.afterID = events[1].id
            let later = try await client.grants.listAuditEvents(audit).events.map(\.id)
            #expect(later == [events[2].id])
        }
        try await daemon.stop()
    }

    @Test("grant paths must be absolute, existing directories outside the state directory")
    func grantPathsValidated() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("calc", of: "calculator")
        let file = daemon.root + "/plain-file"
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        try await daemon.withClient { client in
            for path in ["relative/dir", "/no/such/directory", file, daemon.root + "/state", daemon.root + "/state/components", daemon.root, "/"] {
                var add = Wcomp_Daemon_V1_AddGrantRequest()
                add.instance = "calc"
                add.grant = .directory(path)
                #expect(await statusCode { _ = try await client.grants.addGrant(add) } == .invalidArgument, "\(path)")
            }
            var add = Wcomp_Daemon_V1_AddGrantRequest()
            add.instance = "calc"
            add.grant = .environment("A=B", "x")
            #expect(await statusCode { _ = try await client.grants.addGrant(add) } == .invalidArgument)
            add.grant = Wcomp_Daemon_V1_Grant()
            #expect(await statusCode { _ = try await client.grants.addGrant(add) } == .invalidArgument)
            add.instance = "nobody"
            add.grant = .environment("A", "B")
            #expect(await statusCode { _ = try await client.grants.addGrant(add) } == .notFound)
            var audit = Wcomp_Daemon_V1_ListAuditEventsRequest()
            audit.instance = "calc"
            let untouched = try await client.grants.listAuditEvents(audit).events
            #expect(untouched.isEmpty)
        }
        try await daemon.stop()
    }
}
