import GRPCCore

/// Who made a request, as the audit log records it: `<how>@<peer>`.
///
/// The server's interceptor (`AuthenticationInterceptor`) sets it in the request metadata
/// under `key`, replacing anything a client sent under that key, so services can trust it.
public enum CallerIdentity {
    /// Metadata key carrying the authenticated caller.
    public static let key = "x-wcomp-authenticated-caller"

    /// The caller recorded for `metadata`; `unknown` if no interceptor ran (never in a server
    /// built by `DaemonServer`).
    static func caller(of metadata: Metadata) -> String {
        metadata[stringValues: key].first(where: { _ in true }) ?? "unknown"
    }
}
