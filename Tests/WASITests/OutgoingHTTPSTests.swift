import Foundation
import Testing
import WASI

/// `wasi:http/outgoing-handler` over HTTPS to a local TLS server (TLS/server.py) whose
/// certificate is self-signed for these tests. URLSession on Linux takes its trusted
/// certificates from the system bundle only (it cannot be told to trust a test certificate),
/// so what is checked here is the handshake itself: it happens, the certificate is refused, and
/// the guest gets `TLS-certificate-error`, within the call's deadline (no hang).
@Suite(.enabled(if: HostTools.onPath("python3") != nil, "needs python3 for the TLS server"))
struct OutgoingHTTPSTests {
    /// The TLS server, stopped (killed) when released.
    final class TLSServer {
        let process: Process
        let port: UInt16

        init() throws {
            let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TLS")
            let log = try TemporaryDirectory()
            process = try HostTools.start(HostTools.onPath("python3")!, [directory.appendingPathComponent("server.py").path],
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

    @Test func anUntrustedCertificateFailsTheRequestWithTLSCertificateError() throws {
        let server = try TLSServer()
        let authority = "127.0.0.1:\(server.port)"
        let guest = try ComponentCommandTests.Guest(["https", authority, "/secret"]) { grants in
            grants.http = [NetworkRule(parsing: authority)!]
            grants.limits.deadlinePerCall = .seconds(60)
        }
        #expect(try guest.run() == 0)
        // error-code 13 is `TLS-certificate-error`.
        #expect(guest.lines == ["error: 13"])
    }

    @Test func httpsNeedsTheHTTPGrantLikeHTTP() throws {
        let server = try TLSServer()
        let guest = try ComponentCommandTests.Guest(["https", "127.0.0.1:\(server.port)", "/"]) { grants in
            grants.network = [NetworkRule(host: .any)]
        }
        #expect(try guest.run() == 0)
        // error-code 15 is `HTTP-request-denied`.
        #expect(guest.lines == ["error: 15"])
    }
}
