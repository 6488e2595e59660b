import GRPCCore

/// Counts every RPC by method and final status and times it (for streaming responses, until
/// the stream ends), into `DaemonMetrics`.
struct MetricsInterceptor: ServerInterceptor {
    let metrics: DaemonMetrics

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let method = context.descriptor.fullyQualifiedMethod
        let started = ContinuousClock.now
        let metrics = self.metrics
        let response: StreamingServerResponse<Output>
        do {
            response = try await next(request, context)
        } catch {
            metrics.recordRPC(method: method, code: Self.code(of: error), duration: ContinuousClock.now - started)
            throw error
        }
        switch response.accepted {
        case .success(var contents):
            let producer = contents.producer
            contents.producer = { writer in
                do {
                    let trailers = try await producer(writer)
                    metrics.recordRPC(method: method, code: "\(Status.Code.ok)", duration: ContinuousClock.now - started)
                    return trailers
                } catch {
                    metrics.recordRPC(method: method, code: Self.code(of: error), duration: ContinuousClock.now - started)
                    throw error
                }
            }
            return StreamingServerResponse(accepted: .success(contents))
        case .failure(let error):
            metrics.recordRPC(method: method, code: "\(error.code)", duration: ContinuousClock.now - started)
            return response
        }
    }

    /// The status code name an error ends an RPC with.
    private static func code(of error: any Error) -> String {
        if let error = error as? any RPCErrorConvertible { return "\(error.rpcErrorCode)" }
        if let error = error as? RPCError { return "\(error.code)" }
        return "\(RPCError.Code.unknown)"
    }
}
