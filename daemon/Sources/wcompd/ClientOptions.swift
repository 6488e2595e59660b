import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import WcompDaemon

/// How a control subcommand reaches the daemon.
struct ClientOptions: ParsableArguments {
    @Option(help: "The daemon's Unix socket (default: $WCOMPD_STATE/wcompd.sock or ~/.wcompd/wcompd.sock).")
    var socket: String?

    @Option(help: "Reach the daemon over TLS at HOST:PORT instead of the socket.")
    var tcp: String?

    @Option(help: "File holding the bearer token (TCP).")
    var tokenFile: String?

    @Option(help: "PEM CA certificate that signed the daemon's certificate (TCP).")
    var caCert: String?

    @Option(help: "PEM client certificate for mTLS (TCP).")
    var clientCert: String?

    @Option(help: "PEM client key for mTLS (TCP).")
    var clientKey: String?

    /// The endpoint these options describe.
    func endpoint() throws -> DaemonEndpoint {
        guard let tcp else {
            return DaemonEndpoint(address: .unixSocket(path: socket ?? DaemonConfiguration.defaultStateDirectory + "/wcompd.sock"))
        }
        let (host, port) = try Self.hostAndPort(tcp)
        var endpoint = DaemonEndpoint(address: .tcp(host: host, port: port), token: try tokenFile.map(Self.readToken), trustedCAPath: caCert)
        switch (clientCert, clientKey) {
        case (let certificate?, let key?): endpoint.clientCertificate = (certificate, key)
        case (nil, nil): break
        default: throw ValidationError("--client-cert and --client-key go together")
        }
        return endpoint
    }

    /// Connects, runs `body`, and turns gRPC errors into readable messages.
    func withClient<Result: Sendable>(_ body: (DaemonClient<HTTP2ClientTransport.Posix>) async throws -> Result) async throws -> Result {
        do {
            return try await withDaemonClient(try endpoint(), body)
        } catch let error as RPCError {
            throw CommandFailure("\(error.code): \(error.message)")
        }
    }

    /// Splits `HOST:PORT` (`[v6]:PORT` for IPv6).
    static func hostAndPort(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("'\(text)' is not HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("'\(text)' names no host") }
        return (host, port)
    }

    /// The token in `path`, surrounding whitespace removed.
    static func readToken(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read the token file \(path)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ValidationError("the token file \(path) is empty") }
        return token
    }
}

/// A failed control command: ArgumentParser prints the message and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    /// What failed.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
