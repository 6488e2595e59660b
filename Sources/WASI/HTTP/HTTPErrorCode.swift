import AsyncHTTPClient
import ComponentModel
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A `wasi:http/types.error-code`: the case name and, for the cases that carry text, the
/// text. What the HTTP client reports for a failed request or response body, and what the
/// guest receives from `future-incoming-response.get` or `http-error-code`.
struct HTTPErrorCode: Error, Sendable, Equatable, CustomStringConvertible {
    /// The case name, as the WIT spells it (`connection-refused`, `TLS-certificate-error`).
    let name: String
    /// The text the case carries (`internal-error`, `TLS-alert-received`), if any.
    let detail: String?

    init(_ name: String, _ detail: String? = nil) {
        self.name = name
        self.detail = detail
    }

    var description: String { detail.map { "\(name): \($0)" } ?? name }

    static let dnsError = HTTPErrorCode("DNS-error")
    static let destinationUnavailable = HTTPErrorCode("destination-unavailable")
    static let connectionRefused = HTTPErrorCode("connection-refused")
    static let connectionTerminated = HTTPErrorCode("connection-terminated")
    static let connectionTimeout = HTTPErrorCode("connection-timeout")
    static let connectionReadTimeout = HTTPErrorCode("connection-read-timeout")
    static let connectionWriteTimeout = HTTPErrorCode("connection-write-timeout")
    static let tlsProtocolError = HTTPErrorCode("TLS-protocol-error")
    static let tlsCertificateError = HTTPErrorCode("TLS-certificate-error")
    static let requestDenied = HTTPErrorCode("HTTP-request-denied")
    static let requestBodySize = HTTPErrorCode("HTTP-request-body-size")
    static let requestURIInvalid = HTTPErrorCode("HTTP-request-URI-invalid")
    static let responseIncomplete = HTTPErrorCode("HTTP-response-incomplete")
    static let protocolError = HTTPErrorCode("HTTP-protocol-error")

    /// The `error-code` variant value, with the payload its case needs.
    var value: ComponentValue {
        switch name {
        case "DNS-error":
            .variant(caseName: name, payload: .record(["rcode": .option(detail.map { .string($0) }), "info-code": .option(nil)]))
        case "TLS-alert-received":
            .variant(caseName: name, payload: .record(["alert-id": .option(nil), "alert-message": .option(detail.map { .string($0) })]))
        case "internal-error", "HTTP-response-transfer-coding", "HTTP-response-content-coding":
            .variant(caseName: name, payload: .option(detail.map { .string($0) }))
        case "HTTP-request-body-size", "HTTP-response-body-size", "HTTP-request-header-section-size",
             "HTTP-request-header-size", "HTTP-request-trailer-section-size", "HTTP-response-header-section-size":
            .variant(caseName: name, payload: .option(nil))
        default:
            .variant(caseName: name, payload: nil)
        }
    }

    /// The code for a failure the HTTP client reported: before the response head arrived
    /// (`responseStarted` false) a closed connection is `connection-terminated`, afterwards the
    /// response is `HTTP-response-incomplete`.
    init(clientFailure error: any Error, responseStarted: Bool) {
        switch error {
        case let code as HTTPErrorCode:
            self = code
        case let error as HTTPClientError:
            self = Self(error, responseStarted: responseStarted)
        case let error as NIOConnectionError:
            self = Self(error)
        case let error as IOError:
            self = Self(errno: error.errnoCode) ?? HTTPErrorCode("internal-error", "\(error)")
        case let error as ChannelError:
            self = Self(error, responseStarted: responseStarted)
        case is SocketAddressError, is SocketAddressError.UnknownHost:
            self = .dnsError
        case let error as NIOSSLError:
            self = Self(error)
        case let error as NIOSSLExtraError where error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch:
            self = .tlsCertificateError
        case is NIOSSLExtraError, is NIOSSLCloseTimedOutError:
            self = .tlsProtocolError
        case is HTTPParserError:
            self = .protocolError
        default:
            self = HTTPErrorCode("internal-error", "\(error)")
        }
    }

    private init(_ error: HTTPClientError, responseStarted: Bool) {
        switch error {
        case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout: self = .connectionTimeout
        case .readTimeout: self = .connectionReadTimeout
        case .writeTimeout: self = .connectionWriteTimeout
        case .remoteConnectionClosed: self = responseStarted ? .responseIncomplete : .connectionTerminated
        case .bodyLengthMismatch: self = .requestBodySize
        case .invalidURL, .emptyHost, .emptyScheme: self = .requestURIInvalid
        case .contentLengthMissing: self = HTTPErrorCode("HTTP-request-length-required")
        case .identityCodingIncorrectlyPresent: self = .protocolError
        default: self = HTTPErrorCode("internal-error", "\(error)")
        }
    }

    /// A failed connection attempt: every address refused, unreachable or timed out, or the
    /// name did not resolve.
    private init(_ error: NIOConnectionError) {
        let codes = error.connectionErrors.map { Self(clientFailure: $0.error, responseStarted: false) }
        if let first = codes.first {
            // One address refusing while another timed out says the host is there: refused.
            self = codes.contains(.connectionRefused) ? .connectionRefused : first
        } else if error.dnsAError != nil || error.dnsAAAAError != nil {
            self = .dnsError
        } else {
            self = .destinationUnavailable
        }
    }

    private init(_ error: ChannelError, responseStarted: Bool) {
        switch error {
        case .connectTimeout: self = .connectionTimeout
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
            self = responseStarted ? .responseIncomplete : .connectionTerminated
        default: self = HTTPErrorCode("internal-error", "\(error)")
        }
    }

    /// A TLS failure: the peer's certificate refused, an alert from the peer, or another
    /// handshake or record failure.
    private init(_ error: NIOSSLError) {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || error == .unableToValidateCertificate || error == .noCertificateToValidate {
            self = .tlsCertificateError
        } else if text.contains("_ALERT_") {
            self = HTTPErrorCode("TLS-alert-received", text)
        } else {
            self = .tlsProtocolError
        }
    }

    /// The code for a socket error number, nil for one that has none.
    private init?(errno code: Int32) {
        switch code {
        case ECONNREFUSED: self = .connectionRefused
        case ECONNRESET, EPIPE, ECONNABORTED: self = .connectionTerminated
        case ETIMEDOUT: self = .connectionTimeout
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: self = .destinationUnavailable
        case EACCES, EPERM: self = HTTPErrorCode("destination-IP-prohibited")
        case EADDRNOTAVAIL: self = HTTPErrorCode("destination-IP-unroutable")
        default: return nil
        }
    }
}
