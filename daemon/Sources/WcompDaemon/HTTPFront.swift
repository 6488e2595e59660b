import Foundation
import Synchronization
import WASI

/// The daemon's inbound HTTP listener: the root package's `WASIHTTPServer` (an instance per
/// request or a pool of reused ones, as configured, on its own worker threads) with a routing
/// table built from the instances' `http_route` grants. See `HttpRouteGrant` in grants.proto
/// for the matching rules.
final class HTTPFront: Sendable {
    /// One route: the instance serving it, the grant that made it, and what it matches.
    struct Route: Sendable {
        var instance: String
        var grantID: Int64
        /// Lowercased host, nil for any host.
        var host: String?
        /// Path prefix without a trailing `/` ("" for every path).
        var pathPrefix: String
        var target: WASIHTTPTarget
    }

    /// The routes, shared with the server's workers.
    private final class Table: Sendable {
        let routes = Mutex<[Route]>([])
    }

    private let server: WASIHTTPServer
    private let table = Table()
    /// How the targets of routes use instances.
    let reuse: InstanceReuse

    /// Binds `host`:`port` (0 picks a free port) for `workers` request threads.
    init(host: String, port: Int, workers: Int = 8, reuse: InstanceReuse = .perRequest) throws(DaemonError) {
        self.reuse = reuse
        guard let listen = ListenerGrant(parsing: host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)") else {
            throw .invalid("'\(host):\(port)' is not an address to listen on")
        }
        let table = self.table
        do {
            server = try WASIHTTPServer(listen: listen, workers: workers) { head in
                table.routes.withLock { Self.match(head, in: $0)?.target }
            }
        } catch {
            throw DaemonError(.unavailable, "cannot serve HTTP on \(host):\(port): \(error.message)")
        }
    }

    /// The bound port.
    var port: Int { Int(server.port) }

    /// Serves on a thread of its own until `shutdown()`.
    func start() {
        let server = self.server
        let thread = Thread { try? server.run() }
        thread.name = "wcompd.http"
        thread.start()
    }

    /// Stops accepting connections; requests in progress finish on their worker threads.
    func shutdown() {
        server.shutdown()
    }

    /// Replaces the routes of `instance` with `routes` (none removes it from the table).
    func setRoutes(_ new: [Route], of instance: String) {
        table.routes.withLock { table in
            table.removeAll { $0.instance == instance }
            table.append(contentsOf: new)
        }
    }

    /// The route serving a request: the longest matching path prefix, then one naming the
    /// host, then the oldest grant.
    static func match(_ head: HTTPRequestHead, in routes: [Route]) -> Route? {
        let path = head.target.prefix { $0 != "?" && $0 != "#" }
        let host = head.headers.first { $0.name.lowercased() == "host" }.map { header in
            String(decoding: header.value, as: UTF8.self).lowercased().split(separator: ":").first.map(String.init) ?? ""
        }
        return routes.filter { route in
            (route.host == nil || route.host == host)
                && (route.pathPrefix.isEmpty || path == route.pathPrefix || path.hasPrefix(route.pathPrefix + "/"))
        }.min { a, b in
            if a.pathPrefix.count != b.pathPrefix.count { return a.pathPrefix.count > b.pathPrefix.count }
            if (a.host == nil) != (b.host == nil) { return a.host != nil }
            return a.grantID < b.grantID
        }
    }
}
