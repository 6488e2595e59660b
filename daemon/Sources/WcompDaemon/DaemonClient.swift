import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import WcompDaemonProto

/// Where a control client finds the daemon and how it proves who it is.
public struct DaemonEndpoint: Sendable {
    /// The daemon's address.
    public enum Address: Sendable {
        /// The daemon's Unix socket.
        case unixSocket(path: String)
        /// The daemon's TCP listener (always TLS).
        case tcp(host: String, port: Int)
    }

    /// The address.
    public var address: Address
    /// The bearer token sent as `authorization: Bearer <token>` (TCP).
    public var token: String?
    /// PEM file with the CA that signed the daemon's certificate (TCP); nil trusts the system roots.
    public var trustedCAPath: String?
    /// PEM files with this client's certificate and key, for mTLS (TCP).
    public var clientCertificate: (certificatePath: String, privateKeyPath: String)?
    /// The name to verify the server certificate against, when it differs from the host.
    public var serverHostname: String?

    /// An endpoint at `address`.
    public init(address: Address, token: String? = nil, trustedCAPath: String? = nil,
                clientCertificate: (certificatePath: String, privateKeyPath: String)? = nil, serverHostname: String? = nil) {
        self.address = address
        self.token = token
        self.trustedCAPath = trustedCAPath
        self.clientCertificate = clientCertificate
        self.serverHostname = serverHostname
    }
}

/// Clients of every daemon service over one connection.
public struct DaemonClient<Transport: ClientTransport>: Sendable {
    /// `wcomp.daemon.v1.ComponentService`.
    public let components: Wcomp_Daemon_V1_ComponentService.Client<Transport>
    /// `wcomp.daemon.v1.InstanceService`.
    public let instances: Wcomp_Daemon_V1_InstanceService.Client<Transport>
    /// `wcomp.daemon.v1.GrantService`.
    public let grants: Wcomp_Daemon_V1_GrantService.Client<Transport>
    /// `grpc.health.v1.Health`.
    public let health: Grpc_Health_V1_Health.Client<Transport>

    /// Clients wrapping `client`.
    public init(wrapping client: GRPCClient<Transport>) {
        components = Wcomp_Daemon_V1_ComponentService.Client(wrapping: client)
        instances = Wcomp_Daemon_V1_InstanceService.Client(wrapping: client)
        grants = Wcomp_Daemon_V1_GrantService.Client(wrapping: client)
        health = Grpc_Health_V1_Health.Client(wrapping: client)
    }

    /// Uploads a component in chunks of `chunkSize` bytes.
    public func upload(_ bytes: [UInt8], name: String, expectedSHA256: String = "", chunkSize: Int = 1 << 20) async throws -> Wcomp_Daemon_V1_UploadComponentResponse {
        try await components.uploadComponent { writer in
            var metadata = Wcomp_Daemon_V1_UploadMetadata()
            metadata.name = name
            metadata.expectedSha256 = expectedSHA256
            var offset = 0
            repeat {
                var message = Wcomp_Daemon_V1_UploadComponentRequest()
                if offset == 0 { message.metadata = metadata }
                let end = min(bytes.count, offset + max(1, chunkSize))
                message.chunk = Data(bytes[offset..<end])
                try await writer.write(message)
                offset = end
            } while offset < bytes.count
        }
    }
}

/// Connects to the daemon at `endpoint`, runs `body` with the clients, then closes the connection.
public func withDaemonClient<Result: Sendable>(
    _ endpoint: DaemonEndpoint,
    _ body: (DaemonClient<HTTP2ClientTransport.Posix>) async throws -> Result
) async throws -> Result {
    let transport: HTTP2ClientTransport.Posix
    switch endpoint.address {
    case .unixSocket(let path):
        transport = try HTTP2ClientTransport.Posix(target: .unixDomainSocket(path: path), transportSecurity: .plaintext)
    case .tcp(let host, let port):
        let trustRoots: TLSConfig.TrustRootsSource = endpoint.trustedCAPath.map { .certificates([.file(path: $0, format: .pem)]) } ?? .systemDefault
        let security: HTTP2ClientTransport.Posix.TransportSecurity = if let certificate = endpoint.clientCertificate {
            .mTLS(certificateChain: [.file(path: certificate.certificatePath, format: .pem)],
                  privateKey: .file(path: certificate.privateKeyPath, format: .pem)) { $0.trustRoots = trustRoots }
        } else {
            .tls { $0.trustRoots = trustRoots }
        }
        var config = HTTP2ClientTransport.Posix.Config.defaults
        if let serverHostname = endpoint.serverHostname { config.http2.authority = serverHostname }
        let target: any ResolvableTarget = host.contains(":") ? .ipv6(address: host, port: port) : .dns(host: host, port: port)
        transport = try HTTP2ClientTransport.Posix(target: target, transportSecurity: security, config: config)
    }
    let interceptors: [any ClientInterceptor] = endpoint.token.map { [BearerTokenInterceptor(token: $0)] } ?? []
    return try await withGRPCClient(transport: transport, interceptors: interceptors) { client in
        try await body(DaemonClient(wrapping: client))
    }
}

/// Adds `authorization: Bearer <token>` to every call.
struct BearerTokenInterceptor: ClientInterceptor {
    let token: String

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>,
        context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        request.metadata.addString("Bearer \(token)", forKey: "authorization")
        return try await next(request, context)
    }
}
