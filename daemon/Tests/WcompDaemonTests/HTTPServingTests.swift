import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Instances of `wasi:http/proxy` components served on the daemon's HTTP listener by their
/// http_route grants, an instance per request.
@Suite("HTTP serving")
struct HTTPServingTests {
    /// The root package's incoming-handler test component (Tests/WASITests/Components/proxy.c):
    /// it answers 200 with "METHOD PATH\n" and the request body.
    static func proxyComponent() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Tests/WASITests/Components/proxy.component.wasm").standardized
        return [UInt8](try Data(contentsOf: url))
    }

    /// Sends `GET path` with `Host: host` to 127.0.0.1:`port`; returns the raw response.
    static func get(_ path: String, host: String, port: Int) throws -> String {
        let descriptor = try LoopbackTCP.socket()
        defer { close(descriptor) }
        var address = LoopbackTCP.address(port: UInt16(port))
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else { throw POSIXError(.EIO) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            response.append(contentsOf: buffer[..<count])
        }
        return String(decoding: response, as: UTF8.self)
    }

    /// The body of a chunked response.
    static func body(_ response: String) -> String {
        guard let start = response.range(of: "\r\n\r\n") else { return "" }
        var rest = Substring(response[start.upperBound...])
        var body = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let data = rest[lineEnd.upperBound...].utf8.prefix(size)
            body += String(decoding: data, as: UTF8.self)
            rest = Substring(rest[lineEnd.upperBound...].utf8.dropFirst(size + 2))
        }
        return body
    }

    @Test("requests reach the instance whose route matches; revoking the route ends it; non-proxies are refused; routes survive a restart")
    func routes() async throws {
        let daemon = try await TestDaemon { $0.http = (host: "127.0.0.1", port: 0) }
        let port = try #require(daemon.server.httpPort)
        try await daemon.withClient { client in
            let proxy = try await client.upload(try Self.proxyComponent(), name: "proxy").component.sha256
            var create = Wcomp_Daemon_V1_CreateInstanceRequest()
            create.name = "api"
            create.componentSha256 = proxy
            create.grants = [.httpRoute(pathPrefix: "/api/")]
            _ = try await client.instances.createInstance(create)
            create.name = "site"
            create.grants = [.httpRoute(host: "Example.test")]
            _ = try await client.instances.createInstance(create)

            let api = try Self.get("/api/hello?x=1", host: "anything", port: port)
            #expect(api.hasPrefix("HTTP/1.1 200 "))
            #expect(Self.body(api) == "GET /api/hello?x=1\n")
            #expect(try Self.get("/api", host: "anything", port: port).hasPrefix("HTTP/1.1 200 "))
            #expect(try Self.get("/apix", host: "anything", port: port).hasPrefix("HTTP/1.1 404 "))
            let site = try Self.get("/index.html", host: "example.test:\(port)", port: port)
            #expect(site.hasPrefix("HTTP/1.1 200 ") && Self.body(site) == "GET /index.html\n")

            var list = Wcomp_Daemon_V1_ListGrantsRequest()
            list.instance = "api"
            var revoke = Wcomp_Daemon_V1_RevokeGrantRequest()
            revoke.instance = "api"
            revoke.grantID = try #require(try await client.grants.listGrants(list).grants.first?.id)
            _ = try await client.grants.revokeGrant(revoke)
            #expect(try Self.get("/api/hello", host: "anything", port: port).hasPrefix("HTTP/1.1 404 "))
            // The site route still serves its host, whatever the path.
            #expect(try Self.get("/api/hello", host: "example.test", port: port).hasPrefix("HTTP/1.1 200 "))

            let calculator = try await client.upload(try TestDaemon.fixture("calculator"), name: "calculator").component.sha256
            create.name = "not-a-proxy"
            create.componentSha256 = calculator
            create.grants = []
            _ = try await client.instances.createInstance(create)
            var add = Wcomp_Daemon_V1_AddGrantRequest()
            add.instance = "not-a-proxy"
            add.grant = .httpRoute(pathPrefix: "/calc")
            #expect(await statusCode { _ = try await client.grants.addGrant(add) } == .failedPrecondition)
            add.grant = .httpRoute(pathPrefix: "no-slash")
            #expect(await statusCode { _ = try await client.grants.addGrant(add) } == .invalidArgument)
            create.name = "also-not"
            create.grants = [.httpRoute(pathPrefix: "/x")]
            #expect(await statusCode { _ = try await client.instances.createInstance(create) } == .failedPrecondition)
        }
        try await daemon.stop()

        // A restarted daemon serves the stored routes again.
        let restarted = try await TestDaemon(root: daemon.root) { $0.http = (host: "127.0.0.1", port: 0) }
        let newPort = try #require(restarted.server.httpPort)
        let again = try Self.get("/again", host: "example.test", port: newPort)
        #expect(again.hasPrefix("HTTP/1.1 200 ") && Self.body(again) == "GET /again\n")
        #expect(try Self.get("/api/hello", host: "anything", port: newPort).hasPrefix("HTTP/1.1 404 "))
        try await restarted.stop()
    }

    @Test("routes also serve with an instance pool configured (the reuse itself is tested in WASITests)")
    func pooledInstances() async throws {
        let daemon = try await TestDaemon {
            $0.http = (host: "127.0.0.1", port: 0)
            $0.httpInstances = .pool(size: 2)
        }
        let port = try #require(daemon.server.httpPort)
        try await daemon.withClient { client in
            var create = Wcomp_Daemon_V1_CreateInstanceRequest()
            create.name = "pooled"
            create.componentSha256 = try await client.upload(try Self.proxyComponent(), name: "proxy").component.sha256
            create.grants = [.httpRoute(pathPrefix: "/")]
            _ = try await client.instances.createInstance(create)
            for index in 0..<4 {
                let response = try Self.get("/r\(index)", host: "any", port: port)
                #expect(response.hasPrefix("HTTP/1.1 200 ") && Self.body(response) == "GET /r\(index)\n")
            }
        }
        try await daemon.stop()
    }
}
