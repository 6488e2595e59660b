import NIOSSL

/// How the HTTP client behind `wasi:http/outgoing-handler` verifies the servers it reaches
/// over HTTPS: the system's trusted roots, plus the certificate authorities an embedder adds
/// (a private CA, or a test's own).
///
/// ```swift
/// wasi.httpClientTrust = try .system.adding(certificatesFromPEMFile: "/etc/wcomp/internal-ca.pem")
/// ```
public struct HTTPClientTrust: Sendable {
    /// The added certificate authorities.
    private let additionalRoots: [NIOSSLCertificate]

    /// The system's trusted roots only.
    public static let system = HTTPClientTrust(additionalRoots: [])

    private init(additionalRoots: [NIOSSLCertificate]) {
        self.additionalRoots = additionalRoots
    }

    /// This trust plus the certificates in the PEM file at `path`. Throws when the file cannot
    /// be read or holds no certificate.
    public func adding(certificatesFromPEMFile path: String) throws(HTTPClientTrustError) -> HTTPClientTrust {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw HTTPClientTrustError(path: path, reason: "\(error)")
        }
        guard !certificates.isEmpty else { throw HTTPClientTrustError(path: path, reason: "no certificate in the file") }
        return HTTPClientTrust(additionalRoots: additionalRoots + certificates)
    }

    /// The TLS configuration of requests under this trust; nil for the client's default
    /// (the system's roots).
    var tlsConfiguration: TLSConfiguration? {
        guard !additionalRoots.isEmpty else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.additionalTrustRoots = [.certificates(additionalRoots)]
        return configuration
    }
}

/// A certificate file `HTTPClientTrust` could not use.
public struct HTTPClientTrustError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// What was wrong with it.
    public let reason: String

    /// Says which file and why.
    public var description: String { "cannot trust the certificates in \(path): \(reason)" }
}
