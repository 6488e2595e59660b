import GRPCCore
import WcompDaemonProto

/// `wcomp.daemon.v1.GrantService`: add, revoke and list grants; read the audit log.
public struct GrantService: Wcomp_Daemon_V1_GrantService.ServiceProtocol {
    private let instances: InstanceManager
    private let database: StateDatabase

    /// A service changing grants through `instances` and reading them from `database`.
    public init(instances: InstanceManager, database: StateDatabase) {
        self.instances = instances
        self.database = database
    }

    /// Adds a grant; audited with the caller.
    public func addGrant(
        request: ServerRequest<Wcomp_Daemon_V1_AddGrantRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_AddGrantResponse> {
        let message = request.message
        guard message.hasGrant else { throw DaemonError.invalid("grant is missing") }
        let stored = try await instances.addGrant(message.grant, to: message.instance, caller: CallerIdentity.caller(of: request.metadata))
        var response = Wcomp_Daemon_V1_AddGrantResponse()
        response.grant = stored.proto
        return ServerResponse(message: response)
    }

    /// Revokes a grant; audited with the caller.
    public func revokeGrant(
        request: ServerRequest<Wcomp_Daemon_V1_RevokeGrantRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_RevokeGrantResponse> {
        let message = request.message
        _ = try await instances.revokeGrant(message.grantID, of: message.instance, caller: CallerIdentity.caller(of: request.metadata))
        return ServerResponse(message: Wcomp_Daemon_V1_RevokeGrantResponse())
    }

    /// Lists an instance's grants.
    public func listGrants(
        request: ServerRequest<Wcomp_Daemon_V1_ListGrantsRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_ListGrantsResponse> {
        try RequestValidation.name(request.message.instance, field: "instance")
        var response = Wcomp_Daemon_V1_ListGrantsResponse()
        let database = self.database
        let instance = request.message.instance
        response.grants = try await BlockingWork.run { () throws(DaemonError) in try database.grants(of: instance) }.map(\.proto)
        return ServerResponse(message: response)
    }

    /// Reads the audit log, oldest first.
    public func listAuditEvents(
        request: ServerRequest<Wcomp_Daemon_V1_ListAuditEventsRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_ListAuditEventsResponse> {
        let message = request.message
        if !message.instance.isEmpty { try RequestValidation.name(message.instance, field: "instance") }
        guard message.limit <= 1000 else { throw DaemonError.invalid("limit \(message.limit) is above 1000") }
        guard message.afterID >= 0 else { throw DaemonError.invalid("after_id is negative") }
        let database = self.database
        let events = try await BlockingWork.run { () throws(DaemonError) in
            try database.auditEvents(
                instance: message.instance.isEmpty ? nil : message.instance,
                afterID: message.afterID, limit: message.limit == 0 ? 100 : Int(message.limit))
        }
        var response = Wcomp_Daemon_V1_ListAuditEventsResponse()
        response.events = events.map(\.proto)
        return ServerResponse(message: response)
    }
}
