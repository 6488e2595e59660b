import Foundation
import Testing

/// The componentize-py must-show: Python apps built into full-world WASI 0.2 components
/// (CPython imports every interface of wasi:cli/command and wasi:http/proxy) behave the same on
/// the `wcomp` CLI as on the `wasmtime` CLI. Needs componentize-py and wasmtime (scripts/setup).
@Suite(.serialized, .enabled(if: PythonComponents.canRunDifferential, "needs componentize-py, wasmtime and the built wcomp CLI"))
struct PythonComponentTests {
    /// A sandbox for the command app: data/ is preopened as /data, escape.txt lies outside it.
    static func sandbox() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.makeDirectory("data/sub")
        try directory.write("file contents here\n", to: "data/input.txt")
        try directory.write("x", to: "data/other.txt")
        try directory.write("outside", to: "escape.txt")
        return directory
    }

    @Test func commandAppPrintsTheSameAsOnWasmtime() throws {
        let component = try PythonComponents.component("command")
        let directory = try Self.sandbox()
        for extra in [[], ["--env", "WCOMP_FAIL=1"]] {
            let arguments = ["--dir", "\(directory.path)/data::/data", "--env", "WCOMP_A=1", "--env", "WCOMP_B=two words"]
                + extra + [component, "first", "second arg"]
            let wasmtime = try HostTools.run(HostTools.onPath("wasmtime")!, ["run"] + arguments, stdin: "some input\n")
            let wcomp = try HostTools.run(HostTools.wcomp!, ["run"] + arguments, stdin: "some input\n")
            #expect(wcomp == wasmtime)
            #expect(wcomp.stdout.contains("file: file contents here\n"))
            #expect(wcomp.stdout.contains("args: ['first', 'second arg']\n"))
            #expect(wcomp.stdout.contains("stdin: some input\n"))
            #expect(wcomp.stdout.contains("listing: ['input.txt', 'other.txt', 'sub']\n"))
            #expect(wcomp.stdout.contains("escape refused: PermissionError\n"))
            #expect(wcomp.stderr == "to stderr\n")
            #expect(wcomp.status == (extra.isEmpty ? 0 : 1))
        }
    }

    /// A server process listening on a port of 127.0.0.1.
    struct Server {
        let process: Process
        let port: UInt16
        let log: String

        /// Starts `executable serve --addr 127.0.0.1:PORT OPTIONS component` and waits (up to
        /// `patience` seconds: wasmtime compiles the component first) until it answers.
        init(_ executable: String, _ options: [String] = [], component: String, log: String, patience: TimeInterval = 300) throws {
            port = try LoopbackHTTP.freePort()
            self.log = log
            process = try HostTools.start(executable, ["serve", "--addr", "127.0.0.1:\(port)"] + options + [component], log: log)
            let giveUp = Date().addingTimeInterval(patience)
            while (try? LoopbackHTTP.exchange(port: port, "GET /ready HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")) == nil {
                guard process.isRunning, Date() < giveUp else {
                    stop()
                    throw ServerFailure(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }

        /// Kills the server and waits for it to end. (Graceful shutdown is not under test here;
        /// children of the test process may inherit a mask that blocks SIGINT and SIGTERM.)
        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        /// The reply to `request`, reduced to what both servers must agree on.
        func ask(_ request: String) throws -> LoopbackHTTP.Reply {
            var reply = LoopbackHTTP.Reply(try LoopbackHTTP.exchange(port: port, request, timeout: 60))
            reply.headers = reply.headers.filter { ["content-type", "x-echo-method"].contains($0.key) }
            return reply
        }
    }

    struct ServerFailure: Error, CustomStringConvertible {
        let log: String
        var description: String { "the server did not come up: \(log)" }
    }

    @Test func proxyAppAnswersTheSameAsOnWasmtime() throws {
        let component = try PythonComponents.component("proxy")
        let logs = try TemporaryDirectory()
        // componentize-py's runtime imports wasi:cli and friends, which `wasmtime serve` only
        // links with -S cli (wcomp serve links every WASI import it is asked for).
        let wasmtime = try Server(HostTools.onPath("wasmtime")!, ["-S", "cli"], component: component, log: logs.path + "/wasmtime.log")
        defer { wasmtime.stop() }
        let wcomp = try Server(HostTools.wcomp!, component: component, log: logs.path + "/wcomp.log")
        defer { wcomp.stop() }
        let large = String(repeating: "0123456789abcdef", count: 4096)
        var chunked = "PUT /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        for piece in ["first piece,", "second piece,", "end"] {
            chunked += String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n"
        }
        chunked += "0\r\n\r\n"
        let requests = [
            "GET /hello?x=1 HTTP/1.1\r\nHost: h\r\nX-Test-One: 1\r\nX-Test-Two: zwei\r\nConnection: close\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: \(large.utf8.count)\r\nConnection: close\r\n\r\n\(large)",
            chunked,
            "DELETE /missing/thing HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
        ]
        var replies: [LoopbackHTTP.Reply] = []
        for request in requests {
            let expected = try wasmtime.ask(request)
            replies.append(try wcomp.ask(request))
            #expect(replies.last == expected, "\(request.prefix(40))")
        }
        #expect(replies[0].status == 200)
        #expect(replies[0].body == "method=GET\npath=/hello?x=1\nheaders=[('x-test-one', '1'), ('x-test-two', 'zwei')]\nbody-length=0\n")
        #expect(replies[1].body.hasSuffix("body-length=65536\n" + large))
        #expect(replies[2].body.hasSuffix("first piece,second piece,end"))
        #expect(replies[3].status == 404)
    }
}
