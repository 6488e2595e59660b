import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import WcompDaemon
import WcompDaemonProto

/// A daemon running in-process on a temporary owner-only directory, for one test.
final class TestDaemon: Sendable {
    let server: DaemonServer
    let root: String
    private let task: Task<Void, any Error>

    /// Starts a daemon whose state lives in `root` (a fresh temporary directory by default);
    /// `configure` adjusts the configuration first.
    init(root: String? = nil, tcp: DaemonConfiguration.TCPListener? = nil,
         configure: (inout DaemonConfiguration) -> Void = { _ in }) async throws {
        let root = try root ?? Self.temporaryDirectory()
        self.root = root
        var configuration = DaemonConfiguration(stateDirectory: root + "/state", tcp: tcp)
        configure(&configuration)
        server = try DaemonServer(configuration: configuration)
        let server = self.server
        task = Task { try await server.run() }
        try await server.waitUntilListening()
    }

    /// The Unix socket endpoint.
    var endpoint: DaemonEndpoint { DaemonEndpoint(address: .unixSocket(path: server.configuration.socketPath)) }

    /// Runs `body` with a client on the Unix socket.
    func withClient<Result: Sendable>(_ body: (DaemonClient<HTTP2ClientTransport.Posix>) async throws -> Result) async throws -> Result {
        try await withDaemonClient(endpoint, body)
    }

    /// Stops the daemon and waits until it has stopped.
    func stop() async throws {
        server.shutdown()
        try await task.value
    }

    /// A new owner-only temporary directory.
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/wcompd-test-XXXXXX".utf8CString)
        guard let path = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: path)
    }

    /// The bytes of a fixture component.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name).wasm")
        return [UInt8](try Data(contentsOf: url))
    }

    /// Uploads fixture `name` and creates instance `instance` of it.
    func createInstance(_ instance: String, of fixture: String, limits: Wcomp_Daemon_V1_Limits = .init(),
                        grants: [Wcomp_Daemon_V1_Grant] = [], env: [String: String] = [:]) async throws -> String {
        try await withClient { daemon in
            let sha256 = try await daemon.upload(try Self.fixture(fixture), name: fixture).component.sha256
            var request = Wcomp_Daemon_V1_CreateInstanceRequest()
            request.name = instance
            request.componentSha256 = sha256
            request.limits = limits
            request.grants = grants
            request.env = env
            _ = try await daemon.instances.createInstance(request)
            return sha256
        }
    }
}

/// The gRPC status code `body` fails with, or nil when it succeeds.
func statusCode(of body: () async throws -> Void) async -> RPCError.Code? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error.code
    } catch {
        return .unknown
    }
}

/// The gRPC error `body` fails with, or nil when it succeeds.
func rpcError(of body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "\(error)")
    }
}

extension Wcomp_Daemon_V1_Grant {
    /// A directory grant.
    static func directory(_ hostPath: String, guestPath: String = "", readOnly: Bool = false) -> Self {
        var directory = Wcomp_Daemon_V1_DirectoryGrant()
        directory.hostPath = hostPath
        directory.guestPath = guestPath
        directory.readOnly = readOnly
        var grant = Self()
        grant.directory = directory
        return grant
    }

    /// An environment variable grant.
    static func environment(_ name: String, _ value: String) -> Self {
        var variable = Wcomp_Daemon_V1_EnvironmentGrant()
        variable.name = name
        variable.value = value
        var grant = Self()
        grant.environment = variable
        return grant
    }

    /// An outbound network grant.
    static func network(_ pattern: String) -> Self {
        var network = Wcomp_Daemon_V1_NetworkGrant()
        network.pattern = pattern
        var grant = Self()
        grant.network = network
        return grant
    }

    /// An inbound HTTP route grant.
    static func httpRoute(host: String = "", pathPrefix: String = "") -> Self {
        var route = Wcomp_Daemon_V1_HttpRouteGrant()
        route.host = host
        route.pathPrefix = pathPrefix
        var grant = Self()
        grant.httpRoute = route
        return grant
    }
}
