import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Testing
import WcompDaemon
import WcompDaemonProto

@Suite("Health and security")
struct HealthAndSecurityTests {
    @Test("health reports SERVING for the server and its services, NOT_FOUND for others")
    func health() async throws {
        let daemon = try await TestDaemon()
        try await daemon.withClient { client in
            var request = Grpc_Health_V1_HealthCheckRequest()
            let serverStatus = try await client.health.check(request).status
            #expect(serverStatus == .serving)
            request.service = "wcomp.daemon.v1.InstanceService"
            let serviceStatus = try await client.health.check(request).status
            #expect(serviceStatus == .serving)
            request.service = "no.such.Service"
            #expect(await statusCode { _ = try await client.health.check(request) } == .notFound)
        }
        try await daemon.stop()
    }

    @Test("the state directory is 0700 and the socket 0600")
    func permissions() async throws {
        let daemon = try await TestDaemon()
        var status = stat()
        #expect(stat(daemon.root + "/state", &status) == 0)
        #expect(status.st_mode & 0o777 == 0o700)
        #expect(stat(daemon.server.configuration.socketPath, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        try await daemon.stop()
    }

    @Test("a socket directory others can write to is refused")
    func sharedSocketDirectoryRefused() throws {
        let root = try TestDaemon.temporaryDirectory()
        let shared = root + "/shared"
        #expect(mkdir(shared, 0o777) == 0)
        #expect(chmod(shared, 0o777) == 0)
        #expect(throws: DaemonError.self) {
            _ = try DaemonServer(configuration: DaemonConfiguration(stateDirectory: root + "/state", socketPath: shared + "/wcompd.sock"))
        }
    }

    @Test("TCP needs TLS and a token: calls without the right token are UNAUTHENTICATED")
    func tcpRequiresToken() async throws {
        let root = try TestDaemon.temporaryDirectory()
        let (certificate, key) = try Self.selfSignedCertificate(in: root)
        let token = "test-token-0123456789abcdef"
        let daemon = try await TestDaemon(root: root, tcp: DaemonConfiguration.TCPListener(
            host: "127.0.0.1", port: 0, certificatePath: certificate, privateKeyPath: key, token: token))
        let port = try #require(try await daemon.server.tcpPort())
        func check(token: String?) async -> RPCError.Code? {
            let endpoint = DaemonEndpoint(address: .tcp(host: "127.0.0.1", port: port), token: token,
                                          trustedCAPath: certificate, serverHostname: "localhost")
            return await statusCode {
                _ = try await withDaemonClient(endpoint) { try await $0.health.check(Grpc_Health_V1_HealthCheckRequest()) }
            }
        }
        #expect(await check(token: nil) == .unauthenticated)
        #expect(await check(token: "wrong-token-0123456789abcdef") == .unauthenticated)
        #expect(await check(token: token) == nil)
        try await daemon.stop()
    }

    @Test("TCP without a token or client CA is refused at start")
    func tcpWithoutAuthenticationRefused() throws {
        let root = try TestDaemon.temporaryDirectory()
        let (certificate, key) = try Self.selfSignedCertificate(in: root)
        #expect(throws: DaemonError.self) {
            _ = try DaemonServer(configuration: DaemonConfiguration(
                stateDirectory: root + "/state",
                tcp: DaemonConfiguration.TCPListener(host: "127.0.0.1", port: 0, certificatePath: certificate, privateKeyPath: key)))
        }
    }

    /// A self-signed certificate for localhost made with the openssl command.
    static func selfSignedCertificate(in directory: String) throws -> (certificate: String, key: String) {
        let certificate = directory + "/cert.pem", key = directory + "/key.pem"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EIO) }
        return (certificate, key)
    }
}
