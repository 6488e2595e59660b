import Foundation
import Testing
import WASI

/// `wasi:http/outgoing-handler` against a local HTTP peer (TLS/server.py, plain or over TLS):
/// HTTPS with and without the test CA trusted, request bodies streamed while the guest writes,
/// the `request-options` timeouts (the connect timeout against a listener that never accepts),
/// and a revoked grant cutting a response in progress.
@Suite(.enabled(if: HostTools.onPath("python3") != nil, "needs python3 for the HTTP peer"))
struct OutgoingHTTPClientTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TLS")

    /// The HTTP peer, stopped (killed) when released.
    final class Peer {
        let process: Process
        let port: UInt16
        var authority: String { "127.0.0.1:\(port)" }

        init(tls: Bool) throws {
            let log = try TemporaryDirectory()
            process = try HostTools.start(HostTools.onPath("python3")!,
                                          [OutgoingHTTPClientTests.directory.appendingPathComponent("server.py").path] + (tls ? ["--tls"] : []),
                                          log: log.path + "/server.log")
            let giveUp = Date().addingTimeInterval(30)
            var port: UInt16?
            while port == nil, process.isRunning, Date() < giveUp {
                port = (try? String(contentsOfFile: log.path + "/server.log", encoding: .utf8))?
                    .split(separator: "\n").first.flatMap { UInt16($0) }
                if port == nil { Thread.sleep(forTimeInterval: 0.1) }
            }
            guard let port else {
                kill(process.processIdentifier, SIGKILL)
                throw POSIXError(.ECONNREFUSED)
            }
            self.port = port
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A guest allowed to send HTTP requests to `peer`, each call bounded by 60 s.
    static func guest(_ arguments: [String], for peer: Peer) throws -> ComponentCommandTests.Guest {
        try ComponentCommandTests.Guest(arguments) { grants in
            grants.http = [NetworkRule(parsing: peer.authority)!]
            grants.limits.deadlinePerCall = .seconds(60)
        }
    }

    @Test func anUntrustedCertificateFailsTheRequestWithTLSCertificateError() throws {
        let peer = try Peer(tls: true)
        let guest = try Self.guest(["https", peer.authority, "/secret"], for: peer)
        #expect(try guest.run() == 0)
        // error-code 13 is `TLS-certificate-error`.
        #expect(guest.lines == ["error: 13"])
    }

    @Test func trustingTheTestCAMakesTheHTTPSRoundTripSucceed() throws {
        let peer = try Peer(tls: true)
        let guest = try Self.guest(["https", peer.authority, "/secret?q=1"], for: peer)
        guest.wasi.httpClientTrust = try HTTPClientTrust.system
            .adding(certificatesFromPEMFile: Self.directory.appendingPathComponent("ca.pem").path)
        #expect(try guest.run() == 0)
        #expect(guest.lines == ["status: 200", "secure /secret?q=1"])
    }

    @Test func aFileWithoutCertificatesIsRefusedAsTrust() throws {
        #expect(throws: HTTPClientTrustError.self) {
            try HTTPClientTrust.system.adding(certificatesFromPEMFile: Self.directory.appendingPathComponent("server.py").path)
        }
    }

    @Test func httpsNeedsTheHTTPGrantLikeHTTP() throws {
        let peer = try Peer(tls: true)
        let guest = try ComponentCommandTests.Guest(["https", peer.authority, "/"]) { grants in
            grants.network = [NetworkRule(host: .any)]
        }
        #expect(try guest.run() == 0)
        // error-code 15 is `HTTP-request-denied`.
        #expect(guest.lines == ["error: 15"])
    }

    /// The peer answers only once the first part of the body reached it, and the guest writes
    /// the second part only after that answer: a client that held the body back until the
    /// guest finished it would never get an answer (the call's deadline would end the test).
    @Test func theRequestBodyStreamsWhileTheGuestWrites() throws {
        let peer = try Peer(tls: false)
        let guest = try Self.guest(["http-post-streamed", peer.authority, "/echo"], for: peer)
        #expect(try guest.run() == 0)
        #expect(guest.lines == ["status before the body was finished: 200", "first part", "second part"])
    }

    @Test func aServerThatNeverAnswersHitsTheFirstByteTimeout() throws {
        let peer = try Peer(tls: false)
        let guest = try Self.guest(["http-timeout", peer.authority, "/stall-head", "300"], for: peer)
        let start = ContinuousClock.now
        #expect(try guest.run() == 0)
        // error-code 9 is `connection-read-timeout`.
        #expect(guest.lines == ["error: 9"])
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    /// A listener whose accept queue is full drops further connection attempts: the
    /// handshake never completes, and the connect timeout ends the request.
    @Test func aConnectionThatIsNeverAcceptedHitsTheConnectTimeout() throws {
        let (listener, port) = try LoopbackHTTP.boundSocket(Int32(SOCK_STREAM.rawValue))
        defer { close(listener) }
        #expect(listen(listener, 0) == 0)
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(filler, F_SETFL, O_NONBLOCK)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fillers.append(filler)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let authority = "127.0.0.1:\(port)"
        let guest = try ComponentCommandTests.Guest(["http-timeout", authority, "/", "300"]) { grants in
            grants.http = [NetworkRule(parsing: authority)!]
            grants.limits.deadlinePerCall = .seconds(60)
        }
        let start = ContinuousClock.now
        #expect(try guest.run() == 0)
        // error-code 8 is `connection-timeout`.
        #expect(guest.lines == ["error: 8"])
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func aBodyThatStallsHitsTheBetweenBytesTimeout() throws {
        let peer = try Peer(tls: false)
        let guest = try Self.guest(["http-timeout", peer.authority, "/stall-body", "300"], for: peer)
        #expect(try guest.run() == 0)
        #expect(guest.lines == ["status: 200", "12345body error: 9"])
    }

    /// The guest blocks reading a body the peer stalls; revoking the HTTP grant meanwhile cuts
    /// the request: the read fails with `HTTP-request-denied` (15).
    @Test func revokingTheGrantCutsAResponseInProgress() throws {
        let peer = try Peer(tls: false)
        let guest = try Self.guest(["http", peer.authority, "/stall-body"], for: peer)
        let (stdout, grants) = (guest.stdout, guest.grants)
        let revoker = Thread {
            let giveUp = Date().addingTimeInterval(30)
            while !stdout.text.contains("12345"), Date() < giveUp { Thread.sleep(forTimeInterval: 0.02) }
            grants.update { $0.http = [] }
        }
        revoker.start()
        #expect(try guest.run() == 0)
        #expect(guest.lines == ["status: 200", "12345body error: 15"])
    }
}
