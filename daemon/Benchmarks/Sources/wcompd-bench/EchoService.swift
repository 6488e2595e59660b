import GRPCCore
import GRPCProtobuf
import WcompDaemonProto

/// The anchor RPC: `wcomp.bench.Echo/Echo` takes an invoke request and answers with its WAVE
/// text as the result, doing nothing else. Served by the daemon's own server next to its
/// services, it measures what the gRPC stack alone costs per call, so invoke can be compared
/// with it in the same process and run.
struct EchoService: RegistrableRPCService {
    /// The method's descriptor, shared by the server and the client.
    static let method = MethodDescriptor(fullyQualifiedService: "wcomp.bench.Echo", method: "Echo")

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: Self.method,
            deserializer: ProtobufDeserializer<Wcomp_Daemon_V1_InvokeInstanceRequest>(),
            serializer: ProtobufSerializer<Wcomp_Daemon_V1_InvokeInstanceResponse>()
        ) { request, _ in
            let message = try await ServerRequest(stream: request).message
            var response = Wcomp_Daemon_V1_InvokeInstanceResponse()
            response.wave = message.wave
            return StreamingServerResponse(single: ServerResponse(message: response))
        }
    }

    /// Calls the echo method on `client`.
    static func call(_ request: Wcomp_Daemon_V1_InvokeInstanceRequest,
                     on client: GRPCClient<some ClientTransport>) async throws -> Wcomp_Daemon_V1_InvokeInstanceResponse {
        try await client.unary(
            request: ClientRequest(message: request), descriptor: method,
            serializer: ProtobufSerializer<Wcomp_Daemon_V1_InvokeInstanceRequest>(),
            deserializer: ProtobufDeserializer<Wcomp_Daemon_V1_InvokeInstanceResponse>(),
            options: .defaults) { try $0.message }
    }
}
