import Foundation
import GRPCCore
import SwiftProtobuf
import WcompDaemonProto

/// `wcomp.daemon.v1.InstanceService`: create, run, invoke, stop, delete, list, get and watch
/// instances. A call whose RPC is cancelled (client cancel or deadline) interrupts the guest.
public struct InstanceService: Wcomp_Daemon_V1_InstanceService.ServiceProtocol {
    private let instances: InstanceManager
    private let openStreams: OpenStreams

    /// A service over `instances`; its watch and follow streams end with `openStreams`.
    public init(instances: InstanceManager, openStreams: OpenStreams) {
        self.instances = instances
        self.openStreams = openStreams
    }

    /// Creates an instance; its initial grants are audited with the caller.
    public func createInstance(
        request: ServerRequest<Wcomp_Daemon_V1_CreateInstanceRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_CreateInstanceResponse> {
        let message = request.message
        let definition = InstanceManager.Definition(
            name: message.name, componentSHA256: message.componentSha256, grants: message.grants,
            environment: message.env, arguments: message.args, limits: InstanceLimits(message.limits))
        let instance = try await instances.create(definition, caller: CallerIdentity.caller(of: request.metadata))
        var response = Wcomp_Daemon_V1_CreateInstanceResponse()
        response.instance = instance.proto
        return ServerResponse(message: response)
    }

    /// Runs a command instance to completion.
    public func runInstance(
        request: ServerRequest<Wcomp_Daemon_V1_RunInstanceRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_RunInstanceResponse> {
        let name = request.message.name
        try RequestValidation.name(name, field: "name")
        let exitCode = try await interruptingOnCancel(name) { () async throws(DaemonError) -> Int32 in
            try await instances.run(name)
        }
        var response = Wcomp_Daemon_V1_RunInstanceResponse()
        response.exitCode = exitCode
        return ServerResponse(message: response)
    }

    /// Calls an export with WAVE or typed arguments.
    public func invokeInstance(
        request: ServerRequest<Wcomp_Daemon_V1_InvokeInstanceRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_InvokeInstanceResponse> {
        let message = request.message
        try RequestValidation.name(message.name, field: "name")
        let arguments: InstanceRuntime.Arguments
        switch message.call {
        case .wave(let text)?:
            try RequestValidation.text(text, field: "wave", limit: RequestLimits.waveBytes)
            arguments = .wave(text)
        case .typed(let call)?:
            guard !call.function.isEmpty else { throw DaemonError.invalid("typed.function is empty") }
            try RequestValidation.text(call.function, field: "typed.function", limit: RequestLimits.pathBytes)
            arguments = .typed(function: call.function, values: call.arguments)
        case nil:
            throw DaemonError.invalid("call is missing: set wave or typed")
        }
        let outcome = try await interruptingOnCancel(message.name) { () async throws(DaemonError) -> InstanceRuntime.CallOutcome in
            try await instances.invoke(message.name, arguments)
        }
        var response = Wcomp_Daemon_V1_InvokeInstanceResponse()
        response.fuelUsed = outcome.fuelUsed
        if let result = outcome.result {
            response.wave = result.waveDescription
            if case .typed = message.call {
                response.value = try TypedValueConversion.protoValue(result)
            } else if let value = try? TypedValueConversion.protoValue(result) {
                response.value = value
            }
        }
        return ServerResponse(message: response)
    }

    /// Interrupts a running call.
    public func stopInstance(
        request: ServerRequest<Wcomp_Daemon_V1_StopInstanceRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_StopInstanceResponse> {
        try RequestValidation.name(request.message.name, field: "name")
        var response = Wcomp_Daemon_V1_StopInstanceResponse()
        response.wasRunning = try await instances.stop(request.message.name)
        return ServerResponse(message: response)
    }

    /// Deletes an instance.
    public func deleteInstance(
        request: ServerRequest<Wcomp_Daemon_V1_DeleteInstanceRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_DeleteInstanceResponse> {
        try RequestValidation.name(request.message.name, field: "name")
        try await instances.delete(request.message.name)
        return ServerResponse(message: Wcomp_Daemon_V1_DeleteInstanceResponse())
    }

    /// Lists every instance.
    public func listInstances(
        request: ServerRequest<Wcomp_Daemon_V1_ListInstancesRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_ListInstancesResponse> {
        var response = Wcomp_Daemon_V1_ListInstancesResponse()
        response.instances = try await instances.instances().map(\.proto)
        return ServerResponse(message: response)
    }

    /// Describes one instance.
    public func getInstance(
        request: ServerRequest<Wcomp_Daemon_V1_GetInstanceRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Wcomp_Daemon_V1_GetInstanceResponse> {
        try RequestValidation.name(request.message.name, field: "name")
        var response = Wcomp_Daemon_V1_GetInstanceResponse()
        response.instance = try await instances.instance(request.message.name).proto
        return ServerResponse(message: response)
    }

    /// Streams lifecycle events until the client cancels or the daemon shuts down.
    public func watchInstances(
        request: ServerRequest<Wcomp_Daemon_V1_WatchInstancesRequest>,
        context: ServerContext
    ) async throws -> StreamingServerResponse<Wcomp_Daemon_V1_InstanceEvent> {
        let name = request.message.name
        if !name.isEmpty { try RequestValidation.name(name, field: "name") }
        let (events, end) = await instances.events.watch(instance: name.isEmpty ? nil : name)
        let openStreams = self.openStreams
        return StreamingServerResponse { writer in
            try await openStreams.forward(events, ending: end) { try await writer.write($0) }
            return [:]
        }
    }

    /// Streams an instance's retained output, then (with follow) new output as it is written.
    public func streamLogs(
        request: ServerRequest<Wcomp_Daemon_V1_StreamLogsRequest>,
        context: ServerContext
    ) async throws -> StreamingServerResponse<Wcomp_Daemon_V1_LogEntry> {
        let message = request.message
        try RequestValidation.name(message.name, field: "name")
        let subscription = try await instances.logs(
            of: message.name, tail: Int(message.tail), since: message.hasSince ? message.since.date : nil, follow: message.follow)
        let openStreams = self.openStreams
        return StreamingServerResponse { writer in
            try await writer.write(contentsOf: subscription.retained)
            if let (entries, end) = subscription.following {
                try await openStreams.forward(entries, ending: end) { try await writer.write($0) }
            }
            return [:]
        }
    }

    /// Runs `operation`; if the RPC is cancelled meanwhile (deadline, client cancel, server
    /// shutdown), interrupts the instance's running guest so the call ends promptly.
    private func interruptingOnCancel<T: Sendable>(_ name: String, _ operation: () async throws(DaemonError) -> T) async throws(DaemonError) -> T {
        let instances = self.instances
        return try await withRPCCancellationHandler(operation: operation, onCancelRPC: {
            Task { _ = try? await instances.stop(name) }
        })
    }
}
