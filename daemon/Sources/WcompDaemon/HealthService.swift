import GRPCCore
import WcompDaemonProto

/// The standard `grpc.health.v1.Health` service. The daemon reports SERVING for the whole
/// server (empty service name) and for each of its services while it runs; other names are
/// NOT_FOUND, as the health protocol specifies.
public struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
    /// The service names the daemon reports on (besides the empty name, the whole server).
    public static let services: Set<String> = [
        "",
        Wcomp_Daemon_V1_ComponentService.descriptor.fullyQualifiedService,
        Wcomp_Daemon_V1_InstanceService.descriptor.fullyQualifiedService,
        Wcomp_Daemon_V1_GrantService.descriptor.fullyQualifiedService,
    ]

    private let openStreams: OpenStreams

    /// A health service whose watch streams end with `openStreams`.
    public init(openStreams: OpenStreams) {
        self.openStreams = openStreams
    }

    /// SERVING for known services; NOT_FOUND otherwise.
    public func check(
        request: Grpc_Health_V1_HealthCheckRequest,
        context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard Self.services.contains(request.service) else {
            throw RPCError(code: .notFound, message: "unknown service '\(request.service.prefix(200))'")
        }
        var response = Grpc_Health_V1_HealthCheckResponse()
        response.status = .serving
        return response
    }

    /// Sends the current status (SERVICE_UNKNOWN for unknown names), then keeps the stream
    /// open until the client cancels or the server shuts down.
    public func watch(
        request: Grpc_Health_V1_HealthCheckRequest,
        response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        var status = Grpc_Health_V1_HealthCheckResponse()
        status.status = Self.services.contains(request.service) ? .serving : .serviceUnknown
        try await response.write(status)
        let (untilClosed, end) = AsyncStream.makeStream(of: Void.self)
        try await openStreams.forward(untilClosed, ending: end) { _ in }
    }
}
