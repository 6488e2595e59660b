import Logging
import ServiceLifecycle

/// Runs a `DaemonServer` as a service of a `ServiceGroup`: a graceful shutdown (SIGTERM,
/// SIGINT) stops accepting calls and lets running ones finish.
public struct DaemonService: Service {
    /// The server to run.
    public let server: DaemonServer
    private let logger: Logger

    /// A service running `server`, logging to `logger`.
    public init(server: DaemonServer, logger: Logger) {
        self.server = server
        self.logger = logger
    }

    /// Serves until a graceful shutdown or cancellation.
    public func run() async throws {
        logger.info("wcompd listening", metadata: [
            "socket": "\(server.configuration.socketPath)",
            "state": "\(server.state.directory.path)",
            "tcp": "\(server.configuration.tcp.map { "\($0.host):\($0.port)" } ?? "off")",
        ])
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            logger.info("wcompd shutting down")
            server.shutdown()
        }
    }
}
