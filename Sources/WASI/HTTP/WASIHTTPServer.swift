import ComponentModel
import WasmRuntime

/// Serves a component that exports `wasi:http/incoming-handler` (the `wasi:http/proxy` world)
/// over HTTP/1.1: every request gets an instance of the pre-loaded component (a fresh one, or
/// one from the target's pool: see `InstanceReuse`), with the WASI 0.2 host on the given
/// grants, on one of the server's worker threads. Request and response bodies are streamed
/// between the client and the guest.
///
/// ```swift
/// let server = try WASIHTTPServer(component: component, grants: GrantSet(grants),
///                                 listen: ListenerGrant(parsing: "127.0.0.1:8080")!)
/// // on a signal: server.shutdown()
/// try server.run()
/// ```
public final class WASIHTTPServer: @unchecked Sendable {
    /// Chooses what serves a request; nil answers 404.
    public typealias Route = @Sendable (HTTPRequestHead) -> WASIHTTPTarget?

    private let route: Route
    private var server: HTTPServer!

    /// The port the server listens on.
    public var port: UInt16 { server.port }

    /// Prepares to serve `component` on `listen` (bound at once) with `workers` threads; a
    /// connection without a request for `idleTimeout` is closed. Throws `WASIHostError` when
    /// the component exports no `wasi:http/incoming-handler`, imports something the host does
    /// not implement, or the address cannot be bound.
    public convenience init(component: LoadedComponent, grants: GrantSet, listen: ListenerGrant,
                            workers: Int = 8, storeConfiguration: StoreConfiguration = StoreConfiguration(),
                            reuse: InstanceReuse = .perRequest, idleTimeout: Duration = .seconds(5)) throws(WASIHostError) {
        let target = try WASIHTTPTarget(component: component, grants: grants, storeConfiguration: storeConfiguration, reuse: reuse)
        try self.init(listen: listen, workers: workers, idleTimeout: idleTimeout) { _ in target }
    }

    /// Prepares to serve, on `listen` (bound at once) with `workers` threads, each request
    /// with the target `route` picks for its head (several components behind one listener,
    /// chosen by host or path); requests no target takes are answered 404. A connection
    /// without a request for `idleTimeout` is closed.
    public init(listen: ListenerGrant, workers: Int = 8, idleTimeout: Duration = .seconds(5),
                route: @escaping Route) throws(WASIHostError) {
        self.route = route
        server = try HTTPServer(listen: listen, workers: workers, idleTimeout: idleTimeout) { [unowned self] head, body, writer in
            self.respond(head, body, writer)
        }
    }

    /// Serves until `shutdown`; returns once the requests in progress are answered.
    public func run() throws(WASIHostError) {
        try server.run()
    }

    /// Stops accepting connections and closes idle ones (from any thread); `run` returns once
    /// the requests in progress are answered.
    public func shutdown() {
        server.shutdown()
    }

    /// One request: an instance, the guest's handler, and a 500 when it set no response. The
    /// instance goes back to the target's pool (if it has one) only after a clean answer.
    private func respond(_ head: HTTPRequestHead, _ body: HTTPBodyReader, _ writer: HTTPResponseWriter) {
        guard let target = route(head) else {
            writer.keepAlive = false
            let text = Array("no component serves this host and path\n".utf8)
            try? writer.sendHead(status: 404, headers: [("content-type", Array("text/plain; charset=utf-8".utf8)),
                                                        ("content-length", Array(String(text.count).utf8))])
            try? writer.write(text)
            try? writer.finish()
            return
        }
        var served: ServedInstance?
        do {
            let instance = try target.takeInstance()
            served = instance
            let wasi = instance.wasi
            let request = try wasi.own(HTTPIncomingRequest(head: head, body: body), wasi.types.incomingRequest)
            let outparam = HTTPResponseOutparam(writer: writer)
            let response = try wasi.own(outparam, wasi.types.responseOutparam)
            _ = try wasi.call(instance.handler, [request, response])
            if !writer.headSent {
                let reason = outparam.guestError.map { "the component answered with error \($0)" } ?? "the component set no response"
                throw WASIHostError(reason)
            }
            if !writer.isFinished { writer.keepAlive = false }
            target.giveBack(instance)
        } catch {
            served?.release()
            writer.keepAlive = false
            if !writer.headSent {
                let text = Array("internal error: \(error)\n".utf8)
                try? writer.sendHead(status: 500, headers: [("content-type", Array("text/plain; charset=utf-8".utf8)),
                                                            ("content-length", Array(String(text.count).utf8))])
                try? writer.write(text)
                try? writer.finish()
            }
        }
    }
}

/// A `wasi:http/proxy` component prepared for serving: each request gets an instance of it
/// (see `InstanceReuse`) with the WASI 0.2 host on `grants` (read at every host call, so a
/// revocation applies to requests in progress too).
public struct WASIHTTPTarget: @unchecked Sendable {
    // Decoded, validated and prepared once and only read afterwards, from every worker
    // thread: instantiation does not mutate it (each instance has its own store).
    /// The component.
    public let component: LoadedComponent
    /// The grants of its instances.
    public let grants: GrantSet
    /// The configuration of each request's store (with the grants' memory limit applied).
    public let storeConfiguration: StoreConfiguration
    /// Whether requests get fresh instances or reuse pooled ones.
    public let reuse: InstanceReuse
    let handlerName: String
    private let pool: ServedInstancePool

    /// Instances made so far for this target's requests (pooled ones are made once and reused).
    public var instantiationCount: Int { pool.instantiationCount }

    /// Prepares `component`. Throws `WASIHostError` when it exports no
    /// `wasi:http/incoming-handler` or imports something the host does not implement.
    public init(component: LoadedComponent, grants: GrantSet, storeConfiguration: StoreConfiguration = StoreConfiguration(),
                reuse: InstanceReuse = .perRequest) throws(WASIHostError) {
        guard let handler = component.exports.first(where: { WASIComponentHost.interfaceName(of: $0.name) == "wasi:http/incoming-handler" }) else {
            throw WASIHostError("the component exports no wasi:http/incoming-handler (it is not a wasi:http/proxy)")
        }
        let unsupported = component.imports.filter { !WASIComponentHost.implements($0.name) }.map(\.name)
        guard unsupported.isEmpty else {
            throw WASIHostError("the component imports \(unsupported.joined(separator: ", ")), which the host does not provide")
        }
        self.component = component
        self.grants = grants
        var configuration = storeConfiguration
        grants.current.limits.apply(to: &configuration)
        self.storeConfiguration = configuration
        handlerName = "\(handler.name)#handle"
        self.reuse = reuse
        pool = ServedInstancePool(capacity: reuse.poolCapacity)
    }

    /// An idle pooled instance, or a fresh one.
    func takeInstance() throws -> ServedInstance {
        if let idle = pool.take() { return idle }
        let store = Store(configuration: storeConfiguration)
        let linker = ComponentLinker(store: store)
        let wasi = WASIComponentHost(host: try WASIHost(grants: grants), store: store)
        wasi.define(in: linker, for: component)
        let instance = try linker.instantiate(component)
        pool.countInstantiation()
        guard let handler = instance.function(handlerName) else {
            throw WASIHostError("no exported function \(handlerName)")
        }
        return ServedInstance(wasi: wasi, handler: handler)
    }

    /// Keeps `instance`, which answered a request cleanly, for a later request when the pool
    /// has room; otherwise it is released.
    func giveBack(_ instance: ServedInstance) {
        if !pool.put(instance) { instance.release() }
    }
}
