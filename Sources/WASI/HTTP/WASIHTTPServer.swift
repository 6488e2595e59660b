import ComponentModel
import WasmRuntime

/// Serves a component that exports `wasi:http/incoming-handler` (the `wasi:http/proxy` world)
/// over HTTP/1.1: every request gets a fresh instance of the pre-loaded component, with the
/// WASI 0.2 host on the given grants, on one of the server's worker threads. Request and
/// response bodies are streamed between the client and the guest.
///
/// ```swift
/// let server = try WASIHTTPServer(component: component, grants: GrantSet(grants),
///                                 listen: ListenerGrant(parsing: "127.0.0.1:8080")!)
/// // on a signal: server.shutdown()
/// try server.run()
/// ```
public final class WASIHTTPServer: @unchecked Sendable {
    // The component is decoded, validated and prepared once and only read afterwards, from
    // every worker thread: instantiation does not mutate it (each instance has its own store).
    private let component: LoadedComponent
    private let handlerName: String
    private let grants: GrantSet
    private let storeConfiguration: StoreConfiguration
    private var server: HTTPServer!

    /// The port the server listens on.
    public var port: UInt16 { server.port }

    /// Prepares to serve `component` on `listen` (bound at once) with `workers` threads.
    /// Throws `WASIHostError` when the component exports no `wasi:http/incoming-handler`,
    /// imports something the host does not implement, or the address cannot be bound.
    public init(component: LoadedComponent, grants: GrantSet, listen: ListenerGrant,
                workers: Int = 8, storeConfiguration: StoreConfiguration = StoreConfiguration()) throws(WASIHostError) {
        guard let handler = component.exports.first(where: { WASIComponentHost.interfaceName(of: $0.name) == "wasi:http/incoming-handler" }) else {
            throw WASIHostError("the component exports no wasi:http/incoming-handler (it is not a wasi:http/proxy)")
        }
        let unsupported = component.imports.filter { !WASIComponentHost.implements($0.name) }.map(\.name)
        guard unsupported.isEmpty else {
            throw WASIHostError("the component imports \(unsupported.joined(separator: ", ")), which the host does not provide")
        }
        self.component = component
        handlerName = "\(handler.name)#handle"
        self.grants = grants
        var configuration = storeConfiguration
        grants.current.limits.apply(to: &configuration)
        self.storeConfiguration = configuration
        server = try HTTPServer(listen: listen, workers: workers) { [unowned self] head, body, writer in
            self.respond(head, body, writer)
        }
    }

    /// Serves until `shutdown`; returns once the requests in progress are answered.
    public func run() throws(WASIHostError) {
        try server.run()
    }

    /// Stops accepting connections (from any thread).
    public func shutdown() {
        server.shutdown()
    }

    /// One request: a fresh instance, the guest's handler, and a 500 when it set no response.
    private func respond(_ head: HTTPRequestHead, _ body: HTTPBodyReader, _ writer: HTTPResponseWriter) {
        do {
            let store = Store(configuration: storeConfiguration)
            let linker = ComponentLinker(store: store)
            let wasi = WASIComponentHost(host: try WASIHost(grants: grants), store: store)
            wasi.define(in: linker, for: component)
            let instance = try linker.instantiate(component)
            guard let handler = instance.function(handlerName) else {
                throw WASIHostError("no exported function \(handlerName)")
            }
            let request = try wasi.own(HTTPIncomingRequest(head: head, body: body), wasi.types.incomingRequest)
            let outparam = HTTPResponseOutparam(writer: writer)
            let response = try wasi.own(outparam, wasi.types.responseOutparam)
            _ = try wasi.call(handler, [request, response])
            if !writer.headSent {
                let reason = outparam.guestError.map { "the component answered with error \($0)" } ?? "the component set no response"
                throw WASIHostError(reason)
            }
            if !writer.isFinished { writer.keepAlive = false }
        } catch {
            if writer.headSent {
                writer.keepAlive = false
            } else {
                writer.keepAlive = false
                let text = Array("internal error: \(error)\n".utf8)
                try? writer.sendHead(status: 500, headers: [("content-type", Array("text/plain; charset=utf-8".utf8)),
                                                            ("content-length", Array(String(text.count).utf8))])
                try? writer.write(text)
                try? writer.finish()
            }
        }
    }
}
