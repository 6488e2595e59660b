import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WcompDaemon

/// `wcompd serve`: runs the daemon until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon: a Unix socket by default, TCP only with TLS and authentication.")

    @Option(help: "Unix socket path (default: STATE/wcompd.sock). Its directory must be owner-only.")
    var socket: String?

    @Option(help: "State directory (default: $WCOMPD_STATE or ~/.wcompd).")
    var state: String?

    @Option(help: "Also listen on TCP at HOST:PORT (needs --tls-cert, --tls-key and --token-file or --client-ca).")
    var tcp: String?

    @Option(help: "PEM certificate chain for TCP.")
    var tlsCert: String?

    @Option(help: "PEM private key for TCP.")
    var tlsKey: String?

    @Option(help: "File holding the bearer token TCP callers must present (at least 16 bytes).")
    var tokenFile: String?

    @Option(help: "PEM CA certificates: TCP callers must present a client certificate they signed (mTLS).")
    var clientCa: String?

    @Option(help: "Serve instances' HTTP routes (http_route grants, wasi:http/proxy components) at HOST:PORT.")
    var http: String?

    @Option(help: "With --http: keep up to this many idle instances per routed instance and reuse them for later requests (state in guest memory carries over); 0: a fresh instance per request.")
    var httpPool = 0

    @Option(help: "Serve Prometheus metrics (plain HTTP, GET /metrics) at HOST:PORT.")
    var metrics: String?

    @Option(help: "Bytes of recent stdout/stderr kept in memory per instance for `logs`.")
    var logBytes = 1 << 20

    func run() async throws {
        let stateDirectory = state ?? DaemonConfiguration.defaultStateDirectory
        var configuration = DaemonConfiguration(stateDirectory: stateDirectory, socketPath: socket)
        configuration.logBytesPerInstance = logBytes
        configuration.metrics = try metrics.map(ClientOptions.hostAndPort)
        configuration.http = try http.map(ClientOptions.hostAndPort)
        configuration.httpInstances = httpPool > 0 ? .pool(size: httpPool) : .perRequest
        if let tcp {
            let (host, port) = try ClientOptions.hostAndPort(tcp)
            guard let tlsCert, let tlsKey else { throw ValidationError("--tcp needs --tls-cert and --tls-key") }
            configuration.tcp = DaemonConfiguration.TCPListener(
                host: host, port: port, certificatePath: tlsCert, privateKeyPath: tlsKey,
                token: try tokenFile.map(ClientOptions.readToken), clientCAPath: clientCa)
        } else if tlsCert != nil || tlsKey != nil || tokenFile != nil || clientCa != nil {
            throw ValidationError("--tls-cert, --tls-key, --token-file and --client-ca only apply with --tcp")
        }
        let logger = Logger(label: "wcompd")
        let server: DaemonServer
        do {
            server = try DaemonServer(configuration: configuration)
        } catch {
            throw CommandFailure(error.message)
        }
        let interrupted = server.state.instancesWithInterruptedCalls
        if !interrupted.isEmpty {
            logger.warning("calls interrupted by the previous run's end were recorded as failed",
                           metadata: ["instances": .array(interrupted.map { .string($0) })])
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: DaemonService(server: server, logger: logger))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
