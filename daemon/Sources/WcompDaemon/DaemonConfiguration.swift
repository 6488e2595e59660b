import WASI
import Foundation

/// Where and how `wcompd serve` listens and keeps its state.
public struct DaemonConfiguration: Sendable {
    /// The optional TCP listener: always TLS, and always authenticated.
    public struct TCPListener: Sendable {
        /// Address to bind, e.g. `127.0.0.1` or `::`.
        public var host: String
        /// Port to bind (0 picks a free port).
        public var port: Int
        /// PEM file with the server's certificate chain.
        public var certificatePath: String
        /// PEM file with the server's private key.
        public var privateKeyPath: String
        /// The bearer token callers must present; nil when only mTLS authenticates.
        public var token: String?
        /// PEM file with the CA certificates that sign accepted client certificates (mTLS);
        /// nil for TLS without client certificates (then a token is required).
        public var clientCAPath: String?

        /// Creates a listener description.
        public init(host: String, port: Int, certificatePath: String, privateKeyPath: String,
                    token: String? = nil, clientCAPath: String? = nil) {
            self.host = host
            self.port = port
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
            self.token = token
            self.clientCAPath = clientCAPath
        }
    }

    /// The state directory (database and component blobs), created owner-only.
    public var stateDirectory: String
    /// The Unix socket path; its directory is created owner-only and the socket is 0600.
    public var socketPath: String
    /// The TCP listener, off unless configured.
    public var tcp: TCPListener?
    /// Where the HTTP front listens for requests routed to instances by their `http_route`
    /// grants; off unless set.
    public var http: (host: String, port: Int)?
    /// Whether the HTTP front gives each request a fresh instance (the default) or reuses a
    /// pool of idle ones per routed instance.
    public var httpInstances: InstanceReuse = .perRequest
    /// Where the Prometheus endpoint (`GET /metrics`, plain HTTP) listens; off unless set.
    public var metrics: (host: String, port: Int)?
    /// How much of each instance's recent stdout and stderr the daemon keeps in memory for
    /// `StreamLogs` (older lines are dropped first).
    public var logBytesPerInstance = 1 << 20

    /// A configuration; the socket defaults to `wcompd.sock` inside the state directory.
    public init(stateDirectory: String, socketPath: String? = nil, tcp: TCPListener? = nil) {
        self.stateDirectory = stateDirectory
        self.socketPath = socketPath ?? (stateDirectory + "/wcompd.sock")
        self.tcp = tcp
    }

    /// The default state directory: `$WCOMPD_STATE`, else `$HOME/.wcompd`.
    public static var defaultStateDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let state = environment["WCOMPD_STATE"], !state.isEmpty { return state }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.wcompd"
    }

    /// Checks what can be checked before binding: TCP needs a token or a client CA, and a
    /// token must be long enough to resist guessing.
    public func validate() throws(DaemonError) {
        guard socketPath.utf8.count < 104 else {
            throw .invalid("socket path \(socketPath) is longer than a Unix socket address allows (103 bytes)")
        }
        guard logBytesPerInstance >= 1024 else { throw .invalid("the log buffer must hold at least 1024 bytes per instance") }
        if let http, !(0...65535).contains(http.port) { throw .invalid("HTTP port \(http.port) is out of range") }
        if let metrics, !(0...65535).contains(metrics.port) { throw .invalid("metrics port \(metrics.port) is out of range") }
        guard let tcp else { return }
        guard tcp.token != nil || tcp.clientCAPath != nil else {
            throw .invalid("TCP needs a bearer token (--token-file) or client certificate verification (--client-ca)")
        }
        if let token = tcp.token, token.utf8.count < 16 {
            throw .invalid("the bearer token must be at least 16 bytes long")
        }
        guard (0...65535).contains(tcp.port) else { throw .invalid("TCP port \(tcp.port) is out of range") }
    }
}
