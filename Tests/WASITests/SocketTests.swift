import Foundation
import Testing
import WASI
import WasmRuntime

@Suite struct SocketTests {
    /// Connects to 127.0.0.1:`port`, sends `message` and returns everything received until the peer closes.
    static func exchange(port: UInt16, message: String) -> String {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "connect failed: \(errno)" }
        _ = message.withCString { send(client, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    @Test func aGrantedListenerAcceptsAndServesAConnection() throws {
        let stdout = MemoryPipe()
        var grants = WASIGrants()
        grants.arguments = ["probe", "serve", "3"]
        grants.stdio.stdout = .pipe(stdout)
        grants.listeners = [try #require(ListenerGrant(parsing: "127.0.0.1:0"))]
        let host = try WASIHost(grants: GrantSet(grants))
        let port = try #require(host.listenerPorts.first)
        #expect(port != 0)
        let reply = Reply()
        let client = Thread { reply.set(Self.exchange(port: port, message: "hello over tcp")) }
        client.start()
        let store = Store()
        let instance = try host.instantiate(try TestPrograms.module("probe"), in: store)
        #expect(try host.runCommand(instance, in: store) == 0)
        #expect(reply.wait() == "HELLO OVER TCP")
        #expect(stdout.text.split(separator: "\n") == [
            "accept: 0", "recv: 0 hello over tcp", "send: 0 14", "shutdown: 0", "close: 0",
            "recv on a file: \(WASIErrno.notSocket.rawValue)",
        ])
    }

    @Test func aRevokedListenerAcceptsNothing() throws {
        let stdout = MemoryPipe()
        var grants = WASIGrants()
        grants.arguments = ["probe", "serve", "3"]
        grants.stdio.stdout = .pipe(stdout)
        grants.listeners = [ListenerGrant(address: try #require(IPAddress("127.0.0.1")), port: 0)]
        let set = GrantSet(grants)
        let host = try WASIHost(grants: set)
        set.update { $0.listeners = [] }
        let store = Store()
        let instance = try host.instantiate(try TestPrograms.module("probe"), in: store)
        #expect(try host.runCommand(instance, in: store) == 1)
        #expect(stdout.text == "accept: \(WASIErrno.notCapable.rawValue)\n")
    }

    @Test func listenerGrantsParse() {
        #expect(ListenerGrant(parsing: "0.0.0.0:8080")?.port == 8080)
        #expect(ListenerGrant(parsing: "[::1]:443")?.address == IPAddress("::1"))
        #expect(ListenerGrant(parsing: "localhost:80") == nil)
        #expect(ListenerGrant(parsing: "127.0.0.1") == nil)
    }
}

/// A value handed from a helper thread to the test.
final class Reply: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: String?

    func set(_ text: String) {
        condition.withLock {
            value = text
            condition.broadcast()
        }
    }

    func wait() -> String {
        condition.withLock {
            while value == nil { condition.wait() }
            return value!
        }
    }
}
