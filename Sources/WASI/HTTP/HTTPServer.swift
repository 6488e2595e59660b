#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server front on POSIX sockets: one listening socket, a fixed pool of
/// worker threads each serving one connection at a time (keep-alive included), limits on
/// request heads and bodies, 400/413/431/500/501 answers to bad input, and a graceful
/// shutdown that stops accepting and lets requests in progress finish.
final class HTTPServer: @unchecked Sendable {
    /// Serves one request: reads what it needs of the body and writes the response.
    typealias Respond = @Sendable (HTTPRequestHead, HTTPBodyReader, HTTPResponseWriter) -> Void

    private let listener: OwnedDescriptor
    /// The port the server listens on (useful when it was asked for port 0).
    let port: UInt16
    private let limits: HTTPRequestHead.Limits
    private let idleTimeout: Duration
    private let respond: Respond
    private let queue = ConnectionQueue()
    private let workerCount: Int

    /// Binds and listens on the address and port of `listen`.
    init(listen: ListenerGrant, workers: Int, limits: HTTPRequestHead.Limits = .init(),
         idleTimeout: Duration = .seconds(5), respond: @escaping Respond) throws(WASIHostError) {
        let (socket, boundPort) = try SocketListener.open(listen)
        listener = socket
        self.port = boundPort
        self.limits = limits
        self.idleTimeout = idleTimeout
        self.respond = respond
        workerCount = max(1, workers)
    }

    /// Accepts connections until `shutdown`, then waits for the workers to finish.
    func run() throws(WASIHostError) {
        var workers: [Worker] = []
        defer {
            queue.close()
            for worker in workers { worker.join() }
        }
        for _ in 0..<workerCount { workers.append(try Worker.start { [self] in serveConnections() }) }
        while !queue.isClosed {
            var target = pollfd(fd: listener.rawValue, events: Int16(POLLIN), revents: 0)
            guard poll(&target, 1, 100) > 0 else { continue }
            let connection = accept(listener.rawValue, nil, nil)
            guard connection >= 0 else { continue }
            var enabled: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
            queue.push(OwnedDescriptor(connection))
        }
    }

    /// Stops accepting connections; `run` returns once the requests in progress are answered.
    /// Safe to call from any thread (a signal handler's dispatch, a test).
    func shutdown() {
        queue.close()
    }

    private func serveConnections() {
        while let socket = queue.pop() {
            serve(HTTPConnection(socket: socket, idleTimeout: idleTimeout))
        }
    }

    /// Serves requests on one connection until it closes, fails, or the server shuts down.
    private func serve(_ connection: HTTPConnection) {
        while true {
            let head: HTTPRequestHead
            do {
                guard let parsed = try HTTPRequestHead.read(from: connection, limits: limits) else { return }
                head = parsed
            } catch {
                if let status = error.status { answer(connection, status: status, message: error.message) }
                return
            }
            if head.values("expect").contains(where: { String(decoding: $0, as: UTF8.self).lowercased() == "100-continue" }) {
                try? connection.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            }
            let body = HTTPBodyReader(connection: connection, framing: head.framing, limit: limits.maximumBodyBytes)
            let writer = HTTPResponseWriter(connection: connection, keepAlive: head.keepAlive && !queue.isClosed,
                                            isHeadRequest: head.method == "HEAD", acceptsInformational: head.minorVersion >= 1)
            respond(head, body, writer)
            guard writer.headSent, writer.isFinished, writer.keepAlive, !queue.isClosed else { return }
            do { try body.drain() } catch { return }
        }
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

/// Accepted connections waiting for a worker; closing it wakes every waiting worker.
private final class ConnectionQueue: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var connections: [OwnedDescriptor] = []
    private var closed = false

    init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    var isClosed: Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return closed
    }

    func push(_ connection: OwnedDescriptor) {
        pthread_mutex_lock(&mutex)
        connections.append(connection)
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// The next connection; nil once the queue is closed and empty.
    func pop() -> OwnedDescriptor? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while connections.isEmpty && !closed { pthread_cond_wait(&condition, &mutex) }
        return connections.isEmpty ? nil : connections.removeFirst()
    }

    func close() {
        pthread_mutex_lock(&mutex)
        closed = true
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
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
