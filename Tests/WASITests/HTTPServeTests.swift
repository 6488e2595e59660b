import ComponentModel
import Foundation
import Testing
import WASI

/// `WASIHTTPServer` serving the test handler (Components/proxy.c): an instance per request,
/// bodies streamed both ways, concurrent requests, bad input answered, graceful shutdown.
/// Everything listens on 127.0.0.1 only, on a port the system picks.
@Suite struct HTTPServeTests {
    /// A running server, shut down (and its thread joined) by `stop`.
    final class RunningServer: @unchecked Sendable {
        let server: WASIHTTPServer
        let target: WASIHTTPTarget
        private let finished = DispatchSemaphore(value: 0)

        init(reuse: InstanceReuse = .perRequest, workers: Int = 4, idleTimeout: Duration = .seconds(5)) throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Components/proxy.component.wasm")
            let component = try LoadedComponent(bytes: [UInt8](try Data(contentsOf: url)))
            let target = try WASIHTTPTarget(component: component, grants: GrantSet(WASIGrants()), reuse: reuse)
            self.target = target
            server = try WASIHTTPServer(listen: ListenerGrant(parsing: "127.0.0.1:0")!, workers: workers, idleTimeout: idleTimeout) { _ in target }
            Thread.detachNewThread { [self] in
                try? server.run()
                finished.signal()
            }
        }

        /// Shuts down; true when `run` returned within 10 seconds.
        func stop() -> Bool {
            server.shutdown()
            return finished.wait(timeout: .now() + 10) == .success
        }

        /// Sends `request` on a new connection and returns everything the server sent until it
        /// closed the connection (at most 10 seconds).
        func exchange(_ request: [UInt8]) throws -> String { try LoopbackHTTP.exchange(port: server.port, request) }

        func exchange(_ request: String) throws -> String { try exchange(Array(request.utf8)) }
    }

    static func dechunk(_ text: String) -> String { LoopbackHTTP.Reply(text).body }

    @Test func answersARequestWithStatusHeadersAndBody() throws {
        let running = try RunningServer()
        let response = try running.exchange("GET /hello?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.lowercased().contains("x-served-by: wcomp-test\r\n"))
        #expect(response.lowercased().contains("transfer-encoding: chunked\r\n"))
        #expect(Self.dechunk(response) == "GET /hello?x=1\n")
        #expect(running.stop())
    }

    @Test func streamsRequestBodiesOfBothFramings() throws {
        let running = try RunningServer()
        let fixed = try running.exchange("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 14\r\nConnection: close\r\n\r\nsome body data")
        #expect(Self.dechunk(fixed) == "POST /echo\nsome body data")
        let payload = String(repeating: "0123456789", count: 900)
        var chunked = "PUT /big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        var rest = Substring(payload)
        while !rest.isEmpty {
            let piece = rest.prefix(1234)
            chunked += String(piece.utf8.count, radix: 16) + ";ext=1\r\n" + piece + "\r\n"
            rest = rest.dropFirst(piece.count)
        }
        chunked += "0\r\nx-trailer: t\r\n\r\n"
        // The guest reads the request's trailers after its body and lists them.
        #expect(Self.dechunk(try running.exchange(chunked)) == "PUT /big\n" + payload + "trailer: x-trailer=t\n")
        #expect(running.stop())
    }

    @Test func passesTrailersBothWays() throws {
        let running = try RunningServer()
        let request = "POST /trailers HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "4\r\ndata\r\n0\r\nX-Checksum: abc\r\nX-Count: 1\r\n\r\n"
        let response = try running.exchange(request)
        #expect(Self.dechunk(response) == "POST /trailers\ndatatrailer: x-checksum=abc\ntrailer: x-count=1\n")
        #expect(response.hasSuffix("\r\n0\r\nx-response-trailer: done\r\n\r\n"))
        #expect(running.stop())
    }

    @Test func sendsInformationalResponsesBeforeTheFinalOne() throws {
        let running = try RunningServer()
        let response = try running.exchange("GET /early HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n"))
        #expect(Self.dechunk(String(response.dropFirst(response.range(of: "\r\n\r\n")!.upperBound.utf16Offset(in: response)))) == "GET /early\n")
        // An HTTP/1.0 client cannot take one: send-informational fails, the guest traps, 500.
        #expect(try running.exchange("GET /early HTTP/1.0\r\nHost: h\r\n\r\n").hasPrefix("HTTP/1.1 500 "))
        #expect(running.stop())
    }

    /// A request whose instance trapped is answered 500 and its connection closed at once (the
    /// released instance lets go of the connection its request object held).
    @Test func aTrappedRequestsConnectionClosesAtOnce() throws {
        let running = try RunningServer()
        let started = ContinuousClock.now
        let response = try LoopbackHTTP.exchange(port: running.server.port, "GET /early HTTP/1.0\r\nHost: h\r\n\r\n", timeout: 5)
        #expect(response.hasPrefix("HTTP/1.1 500 "))
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(running.stop())
    }

    @Test func keepsTheConnectionAliveBetweenRequests() throws {
        let running = try RunningServer()
        let response = try running.exchange("GET /one HTTP/1.1\r\nHost: h\r\n\r\nGET /two HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        #expect(response.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        // The guest writes method, path and newline separately: each is a chunk of its own.
        #expect(response.contains("/one\r\n") && response.contains("/two\r\n"))
        #expect(running.stop())
    }

    /// Requests that arrive one at a time on a kept-alive connection, shorter, as long as and
    /// longer than the one before (the connection's buffer is reset between them).
    @Test func servesRequestsSentOneAfterAnotherOnOneConnection() throws {
        let running = try RunningServer()
        let paths = ["/a-rather-long-first-path", "/b", "/c-a-longer-path-than-the-last-one", "/d-as-long-as-the-next", "/e-as-long-as-the-last"]
        let responses = try LoopbackHTTP.conversation(port: running.server.port, paths.map { "GET \($0) HTTP/1.1\r\nHost: h\r\n\r\n" })
        #expect(responses.count == paths.count)
        for (response, path) in zip(responses, paths) {
            #expect(response.hasPrefix("HTTP/1.1 200 OK") && response.contains("\(path)\r\n"))
        }
        #expect(running.stop())
    }

    /// Eight kept-alive connections on three workers, each asking in turn (all eight send a
    /// request, then all eight read the answer, three rounds): a worker waiting for one
    /// connection's next request would leave the other five unanswered past the deadline.
    @Test func servesMoreKeptAliveConnectionsThanWorkers() throws {
        let running = try RunningServer(workers: 3)
        let connections = try (0..<8).map { _ in try LoopbackHTTP.KeptAliveConnection(port: running.server.port, timeout: 3) }
        let started = ContinuousClock.now
        for round in 0..<3 {
            for (index, connection) in connections.enumerated() { connection.transmit("GET /c\(index)-r\(round) HTTP/1.1\r\nHost: h\r\n\r\n") }
            for (index, connection) in connections.enumerated() {
                let response = connection.response()
                #expect(response.map(HTTPServeTests.dechunk) == "GET /c\(index)-r\(round)\n", "connection \(index), round \(round)")
            }
        }
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(running.stop())
    }

    /// A kept-alive connection without a next request, and one that never sends a request,
    /// are closed after the idle timeout (not before, not much later).
    @Test func closesIdleConnectionsAfterTheIdleTimeout() throws {
        let running = try RunningServer(idleTimeout: .milliseconds(400))
        let kept = try LoopbackHTTP.KeptAliveConnection(port: running.server.port, timeout: 5)
        let silent = try LoopbackHTTP.KeptAliveConnection(port: running.server.port, timeout: 5)
        let started = ContinuousClock.now
        #expect(kept.ask("GET /once HTTP/1.1\r\nHost: h\r\n\r\n").map(HTTPServeTests.dechunk) == "GET /once\n")
        #expect(kept.waitForClose())
        #expect(silent.waitForClose())
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(350) && waited < .seconds(3), "\(waited)")
        #expect(running.stop())
    }

    /// Shutting down with idle kept-alive connections returns at once (not after their idle
    /// timeout) and closes them.
    @Test func shutdownClosesIdleConnectionsPromptly() throws {
        let running = try RunningServer(idleTimeout: .seconds(30))
        let connections = try (0..<6).map { _ in try LoopbackHTTP.KeptAliveConnection(port: running.server.port, timeout: 5) }
        for (index, connection) in connections.enumerated() {
            #expect(connection.ask("GET /idle\(index) HTTP/1.1\r\nHost: h\r\n\r\n") != nil)
        }
        let started = ContinuousClock.now
        #expect(running.stop())
        #expect(ContinuousClock.now - started < .seconds(2))
        for connection in connections { #expect(connection.waitForClose()) }
    }

    @Test func servesConcurrentRequestsEachWithItsOwnInstance() throws {
        let running = try RunningServer()
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let response = try? running.exchange("POST /r\(index) HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nConnection: close\r\n\r\nbody\(index % 10)")
            results.set(index, response.map(HTTPServeTests.dechunk) ?? "")
        }
        for index in 0..<16 {
            #expect(results.get(index) == "POST /r\(index)\nbody\(index % 10)")
        }
        #expect(running.stop())
    }

    @Test func aPoolReusesInstancesAndPerRequestDoesNot() throws {
        for (reuse, expectedInstances) in [(InstanceReuse.perRequest, 5), (.pool(size: 2), 1)] {
            let running = try RunningServer(reuse: reuse)
            for index in 0..<5 {
                let response = try running.exchange("POST /p\(index) HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nConnection: close\r\n\r\nb\(index)")
                #expect(HTTPServeTests.dechunk(response) == "POST /p\(index)\nb\(index)")
            }
            #expect(running.target.instantiationCount == expectedInstances, "\(reuse)")
            #expect(running.stop())
        }
    }

    @Test func answersBadInputWithClientErrors() throws {
        let running = try RunningServer()
        #expect(try running.exchange("GARBAGE\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        #expect(try running.exchange("GET / HTTP/1.1\r\nBad Header\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        #expect(try running.exchange("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n").hasPrefix("HTTP/1.1 413 "))
        #expect(try running.exchange("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        #expect(try running.exchange("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n").hasPrefix("HTTP/1.1 501 "))
        let longLine = "GET /" + String(repeating: "a", count: 10000) + " HTTP/1.1\r\n\r\n"
        #expect(try running.exchange(longLine).hasPrefix("HTTP/1.1 431 "))
        #expect(try running.exchange("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 200 "))
        #expect(running.stop())
    }

    /// Responses collected from several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: String] = [:]
        func set(_ index: Int, _ value: String) { lock.withLock { values[index] = value } }
        func get(_ index: Int) -> String? { lock.withLock { values[index] } }
    }
}
