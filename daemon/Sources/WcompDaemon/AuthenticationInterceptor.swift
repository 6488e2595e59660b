import GRPCCore

/// Authenticates every call on one listener and records the caller for the audit log.
///
/// On the Unix socket the file permissions are the authentication (the socket and its
/// directory are owner-only), so every call is accepted. On TCP a call needs
/// `authorization: Bearer <token>` matching the configured token, unless the listener
/// verifies client certificates (mTLS) and no token is configured. Anything else is
/// rejected with UNAUTHENTICATED before it reaches a service.
public struct AuthenticationInterceptor: ServerInterceptor {
    /// How callers on a listener prove who they are.
    public enum Mode: Sendable {
        /// The owner-only Unix socket: the kernel's permission check authenticated the peer.
        case unixSocket
        /// A bearer token (compared in constant time).
        case bearerToken(String)
        /// A client certificate the TLS handshake already verified.
        case mutualTLS
    }

    /// How this listener authenticates.
    public let mode: Mode

    /// An interceptor for a listener authenticating with `mode`.
    public init(mode: Mode) {
        self.mode = mode
    }

    /// Rejects unauthenticated calls; forwards the others with the caller in the metadata.
    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        var request = request
        let how: String
        switch mode {
        case .unixSocket:
            how = "socket"
        case .mutualTLS:
            how = "mtls"
        case .bearerToken(let expected):
            let presented = request.metadata[stringValues: "authorization"].first(where: { _ in true })
            guard let presented, let token = Self.bearerToken(presented), Self.constantTimeEquals(token, expected) else {
                throw RPCError(code: .unauthenticated, message: "a valid 'authorization: Bearer <token>' header is required")
            }
            how = "token"
        }
        request.metadata.removeAllValues(forKey: CallerIdentity.key)
        request.metadata.addString("\(how)@\(context.remotePeer)", forKey: CallerIdentity.key)
        return try await next(request, context)
    }

    /// The token of an `authorization` value of the form `Bearer <token>`.
    static func bearerToken(_ value: String) -> String? {
        let prefix = "bearer "
        guard value.count > prefix.count, value.prefix(prefix.count).lowercased() == prefix else { return nil }
        return String(value.dropFirst(prefix.count))
    }

    /// Compares without leaking the position of the first difference through timing.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for index in 0..<max(x.count, y.count) {
            let left = index < x.count ? x[index] : 0
            let right = index < y.count ? y[index] : 0
            difference |= left ^ right
        }
        return difference == 0 && x.count == y.count
    }
}
