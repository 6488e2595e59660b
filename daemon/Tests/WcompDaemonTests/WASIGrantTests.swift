import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

/// Instances of components importing WASI 0.2 run on the WASI host with their grants as
/// capabilities; revoking a grant takes effect at the guest's next host call, in the same
/// instantiation (Fixtures/wasi-probe.c).
@Suite("WASI grants of live instances")
struct WASIGrantTests {
    static let probe = "wcomp:daemon-test/probe"

    /// Calls the probe's `function` on `instance` with `arguments` (WAVE); returns the result in WAVE.
    static func call(_ client: DaemonClient<some ClientTransport>, _ instance: String, _ function: String,
                     _ arguments: String = "") async throws -> String {
        try await client.instances.invokeInstance(InstanceServiceTests.invoke(instance, "\"\(probe)#\(function)\"(\(arguments))")).wave
    }

    /// Revokes the grant of `instance` that `matches` selects.
    static func revoke(_ client: DaemonClient<some ClientTransport>, _ instance: String,
                       where matches: (Wcomp_Daemon_V1_Grant) -> Bool) async throws {
        var list = Wcomp_Daemon_V1_ListGrantsRequest()
        list.instance = instance
        let grant = try #require(try await client.grants.listGrants(list).grants.first { matches($0.grant) })
        var revoke = Wcomp_Daemon_V1_RevokeGrantRequest()
        revoke.instance = instance
        revoke.grantID = grant.id
        _ = try await client.grants.revokeGrant(revoke)
    }

    @Test("revoking a directory makes the next file access fail with not-permitted, without re-instantiating")
    func directoryRevocation() async throws {
        let daemon = try await TestDaemon()
        let shared = try TestDaemon.temporaryDirectory()
        try "granted\n".write(toFile: shared + "/note.txt", atomically: false, encoding: .utf8)
        _ = try await daemon.createInstance("files", of: "wasi-probe", grants: [.directory(shared, guestPath: "/data")])
        try await daemon.withClient { client in
            #expect(try await Self.call(client, "files", "read-file", "\"note.txt\"") == "ok(\"granted\\n\")")
            #expect(try await Self.call(client, "files", "read-file", "\"missing.txt\"") == "err(no-entry)")
            let pages = try await Self.call(client, "files", "grow", "1")
            try await Self.revoke(client, "files") { $0.directory.hostPath == shared }
            #expect(try await Self.call(client, "files", "read-file", "\"note.txt\"") == "err(not-permitted)")
            // The memory grown before the revocation is still there: the same instantiation answered.
            #expect(try await Self.call(client, "files", "grow", "0") == "\(Int(pages)! + 1)")
        }
        try await daemon.stop()
    }

    @Test("revoking a network rule makes the next connect fail with access-denied, without re-instantiating")
    func networkRevocation() async throws {
        let listener = try TCPTestListener()
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("net", of: "wasi-probe", grants: [.network("127.0.0.1:\(listener.port)")])
        try await daemon.withClient { client in
            #expect(try await Self.call(client, "net", "connect", "\(listener.port)") == "ok")
            #expect(try await Self.call(client, "net", "connect", "\(listener.port &+ 1)") == "err(access-denied)")
            let pages = try await Self.call(client, "net", "grow", "1")
            try await Self.revoke(client, "net") { $0.network.pattern.hasPrefix("127.0.0.1") }
            #expect(try await Self.call(client, "net", "connect", "\(listener.port)") == "err(access-denied)")
            #expect(try await Self.call(client, "net", "grow", "0") == "\(Int(pages)! + 1)")
        }
        try await daemon.stop()
    }

    @Test("a WASI component without grants is linked and refused at the host call; a grant added later is seen")
    func nothingGrantedByDefault() async throws {
        let listener = try TCPTestListener()
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("bare", of: "wasi-probe")
        try await daemon.withClient { client in
            #expect(try await Self.call(client, "bare", "read-file", "\"note.txt\"") == "err(not-permitted)")
            #expect(try await Self.call(client, "bare", "connect", "\(listener.port)") == "err(access-denied)")
            var add = Wcomp_Daemon_V1_AddGrantRequest()
            add.instance = "bare"
            add.grant = .network("127.0.0.1")
            _ = try await client.grants.addGrant(add)
            #expect(try await Self.call(client, "bare", "connect", "\(listener.port)") == "ok")
        }
        try await daemon.stop()
    }
}
