#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server front on POSIX sockets: one listening socket, a fixed pool of
/// worker threads, limits on request heads and bodies, 400/413/431/500/501 answers to bad
/// input, and a graceful shutdown that stops accepting, lets requests in progress finish and
/// closes idle connections.
///
/// A worker never waits for a client's next request: after a response it goes on with the
/// same connection only when the next request is already there and no other connection
/// waits; otherwise a connection with a request waiting is queued behind the others, and an
/// idle kept-alive one is handed back to the poller (the thread in `run`), which watches the
/// idle connections together with the listening socket, queues each for a worker when it
/// becomes readable, and closes it after `idleTimeout` without a request. So any number of
/// kept-alive connections share the workers fairly.
final class HTTPServer: @unchecked Sendable {
    /// Serves one request: reads what it needs of the body and writes the response.
    typealias Respond = @Sendable (HTTPRequestHead, HTTPBodyReader, HTTPResponseWriter) -> Void

    private let listener: OwnedDescriptor
    /// The port the server listens on (useful when it was asked for port 0).
    let port: UInt16
    private let limits: HTTPRequestHead.Limits
    private let idleTimeout: Duration
    private let respond: Respond
    private let scheduler: HTTPConnectionScheduler
    private let workerCount: Int

    /// Binds and listens on the address and port of `listen`. A connection idle for
    /// `idleTimeout` (between requests, or in the middle of reading one) is closed.
    init(listen: ListenerGrant, workers: Int, limits: HTTPRequestHead.Limits = .init(),
         idleTimeout: Duration = .seconds(5), respond: @escaping Respond) throws(WASIHostError) {
        let (socket, boundPort) = try SocketListener.open(listen)
        listener = socket
        self.port = boundPort
        self.limits = limits
        self.idleTimeout = idleTimeout
        self.respond = respond
        scheduler = try HTTPConnectionScheduler()
        workerCount = max(1, workers)
    }

    /// Accepts connections and watches idle ones until `shutdown`, then closes the idle
    /// connections and waits for the workers to finish the requests in progress.
    func run() throws(WASIHostError) {
        var workers: [Worker] = []
        defer {
            scheduler.stop()
            for worker in workers { worker.join() }
        }
        for _ in 0..<workerCount { workers.append(try Worker.start { [self] in serveConnections() }) }
        var idle: [(connection: HTTPConnection, since: ContinuousClock.Instant)] = []
        while !scheduler.isStopped {
            let now = ContinuousClock.now
            idle += scheduler.takeParked().map { ($0, now) }
            idle.removeAll { now - $0.since >= idleTimeout }
            var targets = [pollfd(fd: listener.rawValue, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: scheduler.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            targets += idle.map { pollfd(fd: $0.connection.socket.rawValue, events: Int16(POLLIN), revents: 0) }
            guard poll(&targets, nfds_t(targets.count), 100) > 0 else { continue }
            if targets[1].revents != 0 { scheduler.drainWakeUps() }
            var stillIdle: [(connection: HTTPConnection, since: ContinuousClock.Instant)] = []
            for (entry, target) in zip(idle, targets.dropFirst(2)) {
                if target.revents != 0 { scheduler.enqueue(entry.connection) } else { stillIdle.append(entry) }
            }
            idle = stillIdle
            if targets[0].revents != 0, let connection = acceptConnection() {
                // Watched like an idle one until its first request arrives.
                idle.append((connection, ContinuousClock.now))
            }
        }
    }

    /// Stops accepting connections; `run` returns once the requests in progress are answered.
    /// Safe to call from any thread (a signal handler's dispatch, a test).
    func shutdown() {
        scheduler.stop()
    }

    /// A newly accepted connection, nil when the client was gone already.
    private func acceptConnection() -> HTTPConnection? {
        let raw = accept(listener.rawValue, nil, nil)
        guard raw >= 0 else { return nil }
        var enabled: Int32 = 1
        setsockopt(raw, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
        return HTTPConnection(socket: OwnedDescriptor(raw), idleTimeout: idleTimeout)
    }

    /// A worker: serves requests of queued connections until the scheduler closes.
    private func serveConnections() {
        while let connection = scheduler.next() {
            var open = serveRequest(on: connection)
            while open && connection.isReadable && !scheduler.hasReady {
                open = serveRequest(on: connection)
            }
            guard open else { continue }
            if connection.isReadable { scheduler.enqueue(connection) } else { scheduler.park(connection) }
        }
    }

    /// Serves one request on `connection`; true when the connection stays open for another.
    private func serveRequest(on connection: HTTPConnection) -> Bool {
        let head: HTTPRequestHead
        do {
            guard let parsed = try HTTPRequestHead.read(from: connection, limits: limits) else { return false }
            head = parsed
        } catch {
            if let status = error.status { answer(connection, status: status, message: error.message) }
            return false
        }
        if head.values("expect").contains(where: { String(decoding: $0, as: UTF8.self).lowercased() == "100-continue" }) {
            try? connection.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let body = HTTPBodyReader(connection: connection, framing: head.framing, limit: limits.maximumBodyBytes)
        let writer = HTTPResponseWriter(connection: connection, keepAlive: head.keepAlive && !scheduler.isStopped,
                                        isHeadRequest: head.method == "HEAD", acceptsInformational: head.minorVersion >= 1)
        respond(head, body, writer)
        guard writer.headSent, writer.isFinished, writer.keepAlive, !scheduler.isStopped else { return false }
        do { try body.drain() } catch { return false }
        return true
    }

    /// A complete plain-text error response; the connection closes afterwards.
    func answer(_ connection: HTTPConnection, status: UInt16, message: String) {
        let writer = HTTPResponseWriter(connection: connection, keepAlive: false, isHeadRequest: false)
        let text = Array("\(message)\n".utf8)
        try? writer.sendHead(status: status, headers: [("content-type", Array("text/plain; charset=utf-8".utf8)),
                                                       ("content-length", Array(String(text.count).utf8))])
        try? writer.write(text)
        try? writer.finish()
    }
}

/// A POSIX thread running one closure.
private final class Worker: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void

    private init(_ body: @escaping () -> Void) {
        self.body = body
    }

    static func start(_ body: @escaping () -> Void) throws(WASIHostError) -> Worker {
        let worker = Worker(body)
        let context = Unmanaged.passRetained(worker).toOpaque()
        let result = pthread_create(&worker.thread, nil, { context in
            let worker = Unmanaged<Worker>.fromOpaque(context!).takeRetainedValue()
            worker.body()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Worker>.fromOpaque(context).release()
            throw WASIHostError("cannot start a server thread (error \(result))")
        }
        return worker
    }

    func join() {
        pthread_join(thread, nil)
    }
}
