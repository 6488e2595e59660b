import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import WcompDaemonProto

/// The daemon's gRPC front: the same services on the owner-only Unix socket and, when
/// configured, on TCP with TLS and authentication.
public final class DaemonServer: Sendable {
    /// The state the services work on.
    public let state: DaemonState
    /// The configuration it was started with.
    public let configuration: DaemonConfiguration
    private let unix: Listener
    private let tcp: Listener?
    private let metricsEndpoint: MetricsEndpoint?
    private let httpFront: HTTPFront?

    /// One bound transport and the server on it.
    private struct Listener: Sendable {
        let transport: HTTP2ServerTransport.Posix
        let server: GRPCServer<HTTP2ServerTransport.Posix>
    }

    /// Opens the state and prepares the listeners (nothing is bound until `run()`).
    /// `additionalServices` are served next to the daemon's own, on every listener and behind
    /// the same authentication (the benchmark adds its echo anchor this way).
    public init(configuration: DaemonConfiguration, additionalServices: [any RegistrableRPCService] = []) throws(DaemonError) {
        try configuration.validate()
        self.configuration = configuration
        state = try DaemonState(path: configuration.stateDirectory, logBytesPerInstance: configuration.logBytesPerInstance)
        try Self.prepareSocketPath(configuration.socketPath)
        let services: [any RegistrableRPCService] = [
            ComponentService(catalog: state.catalog),
            InstanceService(instances: state.instances, openStreams: state.openStreams),
            GrantService(instances: state.instances, database: state.database),
            HealthService(openStreams: state.openStreams),
        ] + additionalServices
        let transportConfig = HTTP2ServerTransport.Posix.Config.defaults { config in
            config.rpc.maxRequestPayloadSize = RequestLimits.messageBytes
        }
        let unixTransport = HTTP2ServerTransport.Posix(
            address: .unixDomainSocket(path: configuration.socketPath), transportSecurity: .plaintext, config: transportConfig)
        unix = Listener(
            transport: unixTransport,
            server: GRPCServer(transport: unixTransport, services: services,
                               interceptors: [AuthenticationInterceptor(mode: .unixSocket), MetricsInterceptor(metrics: state.metrics)]))
        httpFront = try configuration.http.map { http throws(DaemonError) in try HTTPFront(host: http.host, port: http.port, reuse: configuration.httpInstances) }
        let registry = state.metrics.registry
        metricsEndpoint = configuration.metrics.map { MetricsEndpoint(host: $0.host, port: $0.port, registry: registry) }
        if let settings = configuration.tcp {
            for path in [settings.certificatePath, settings.privateKeyPath] + (settings.clientCAPath.map { [$0] } ?? [])
            where !FileManager.default.isReadableFile(atPath: path) {
                throw DaemonError.invalid("cannot read \(path)")
            }
            let chain: [TLSConfig.CertificateSource] = [.file(path: settings.certificatePath, format: .pem)]
            let key = TLSConfig.PrivateKeySource.file(path: settings.privateKeyPath, format: .pem)
            let security: HTTP2ServerTransport.Posix.TransportSecurity
            if let clientCA = settings.clientCAPath {
                security = .mTLS(certificateChain: chain, privateKey: key) { tls in
                    tls.trustRoots = .certificates([.file(path: clientCA, format: .pem)])
                }
            } else {
                security = .tls(certificateChain: chain, privateKey: key)
            }
            let mode: AuthenticationInterceptor.Mode = settings.token.map { .bearerToken($0) } ?? .mutualTLS
            let address: SocketAddress = settings.host.contains(":")
                ? .ipv6(host: settings.host, port: settings.port) : .ipv4(host: settings.host, port: settings.port)
            let tcpTransport = HTTP2ServerTransport.Posix(address: address, transportSecurity: security, config: transportConfig)
            tcp = Listener(
                transport: tcpTransport,
                server: GRPCServer(transport: tcpTransport, services: services,
                                   interceptors: [AuthenticationInterceptor(mode: mode), MetricsInterceptor(metrics: state.metrics)]))
        } else {
            tcp = nil
        }
    }

    /// Serves until the task is cancelled or `shutdown()` is called; in-flight calls finish
    /// (or are interrupted by their cancellation) before it returns.
    public func run() async throws {
        if let httpFront {
            try await state.instances.serveHTTP(on: httpFront)
            httpFront.start()
        }
        try await withTaskCancellationHandler {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await self.unix.server.serve() }
                group.addTask {
                    _ = try await self.unix.transport.listeningAddress
                    guard chmod(self.configuration.socketPath, 0o600) == 0 else {
                        self.shutdown()
                        throw DaemonError(.unavailable, "cannot make \(self.configuration.socketPath) owner-only")
                    }
                }
                if let tcp = self.tcp {
                    group.addTask { try await tcp.server.serve() }
                }
                if let metricsEndpoint = self.metricsEndpoint {
                    group.addTask { try await metricsEndpoint.run() }
                }
            }
        } onCancel: {
            self.shutdown()
        }
    }

    /// Waits until the Unix socket is bound and owner-only.
    public func waitUntilListening() async throws {
        _ = try await unix.transport.listeningAddress
        while true {
            var status = stat()
            if stat(configuration.socketPath, &status) == 0, status.st_mode & 0o777 == 0o600 { return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The bound TCP port (useful when the configuration asked for port 0); nil without TCP.
    public func tcpPort() async throws -> Int? {
        guard let tcp else { return nil }
        let address = try await tcp.transport.listeningAddress
        return address.ipv4?.port ?? address.ipv6?.port
    }

    /// The bound port of the HTTP front; nil without one.
    public var httpPort: Int? { httpFront?.port }

    /// The bound port of the metrics endpoint, waiting until it is bound; nil without one.
    public func metricsPort() async throws -> Int? {
        guard let metricsEndpoint else { return nil }
        while true {
            if let port = metricsEndpoint.boundPort { return port }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Stops accepting calls, ends the streams that would stay open (watch, follow), and lets
    /// running calls finish.
    public func shutdown() {
        state.openStreams.closeAll()
        metricsEndpoint?.close()
        httpFront?.shutdown()
        unix.server.beginGracefulShutdown()
        tcp?.server.beginGracefulShutdown()
    }

    /// Whether something listens on the Unix socket at `path`.
    static func acceptsConnections(_ path: String) -> Bool {
        #if os(Linux)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    /// Makes the socket's directory owner-only (creating it when missing, refusing one other
    /// users can write to) and removes a stale socket a previous run left.
    static func prepareSocketPath(_ path: String) throws(DaemonError) {
        let directory = (path as NSString).deletingLastPathComponent
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw DaemonError(.unavailable, "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard stat(directory, &status) == 0 else { throw DaemonError(.unavailable, "cannot inspect \(directory)") }
        guard status.st_uid == getuid(), status.st_mode & 0o077 == 0 else {
            throw DaemonError(.permissionDenied, "the socket directory \(directory) must be owned by this user and not accessible to others (mode 0700)")
        }
        if lstat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFSOCK else {
                throw DaemonError(.alreadyExists, "\(path) exists and is not a socket")
            }
            guard !acceptsConnections(path) else {
                throw DaemonError(.alreadyExists, "another daemon is listening on \(path)")
            }
            unlink(path)
        }
    }
}
