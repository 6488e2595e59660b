import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import Synchronization

/// The Prometheus scrape endpoint: `GET /metrics` on a plain HTTP/1.1 listener answers with
/// the registry in the text exposition format; other paths are 404, other methods 405. Every
/// response closes its connection.
final class MetricsEndpoint: Sendable {
    private enum State {
        case idle
        case bound(any Channel)
        case closed
    }

    private let host: String
    private let port: Int
    private let registry: PrometheusCollectorRegistry
    private let state = Mutex(State.idle)

    /// An endpoint for `registry` on `host`:`port` (nothing is bound until `run()`).
    init(host: String, port: Int, registry: PrometheusCollectorRegistry) {
        self.host = host
        self.port = port
        self.registry = registry
    }

    /// Binds and serves until `close()`.
    func run() async throws {
        let registry = self.registry
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScrapeHandler(registry: registry))
                }
            }
            .bind(host: host, port: port).get()
        let closedMeanwhile = state.withLock { state in
            if case .closed = state { return true }
            state = .bound(channel)
            return false
        }
        if closedMeanwhile { try await channel.close() }
        try await channel.closeFuture.get()
    }

    /// The bound port, once `run()` has bound it; nil before.
    var boundPort: Int? {
        state.withLock { state in
            if case .bound(let channel) = state { return channel.localAddress?.port }
            return nil
        }
    }

    /// Stops listening; `run()` returns.
    func close() {
        let channel = state.withLock { state -> (any Channel)? in
            defer { state = .closed }
            if case .bound(let channel) = state { return channel }
            return nil
        }
        channel?.close(promise: nil)
    }
}

/// Answers one request per connection.
private final class ScrapeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let registry: PrometheusCollectorRegistry
    private var head: HTTPRequestHead?

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let (status, contentType, body): (HTTPResponseStatus, String, [UInt8]) =
            if path != "/metrics" {
                (.notFound, "text/plain; charset=utf-8", Array("not found: the metrics are at /metrics\n".utf8))
            } else if head.method != .GET && head.method != .HEAD {
                (.methodNotAllowed, "text/plain; charset=utf-8", Array("only GET and HEAD\n".utf8))
            } else {
                (.ok, "text/plain; version=0.0.4; charset=utf-8", registry.emitToBuffer())
            }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: contentType)
        headers.add(name: "content-length", value: "\(body.count)")
        headers.add(name: "connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
