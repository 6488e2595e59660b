import AsyncHTTPClient
import NIOPosix

/// The process's HTTP client for `wasi:http/outgoing-handler`, made at the first outgoing
/// request (a process that sends none never starts its threads) and kept for the life of the
/// process, like any shared event loop group. Redirects and content decoding are the guest's
/// business, so the client does neither; failed connection attempts are reported at once, not
/// retried. Per-request timeouts (`request-options`) are enforced by `HTTPClientCall`; the
/// client's own connect timeout only bounds attempts nobody waits for any more.
enum OutgoingHTTPClient {
    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(600))
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()
}
