import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
@testable import WASI

/// The `error-code` the guest gets for each kind of failure the HTTP client reports.
@Suite struct HTTPErrorCodeTests {
    func code(_ error: any Error, responseStarted: Bool = false) -> String {
        HTTPErrorCode(clientFailure: error, responseStarted: responseStarted).name
    }

    @Test func clientTimeoutsMapToTheirConnectionCodes() {
        #expect(code(HTTPClientError.connectTimeout) == "connection-timeout")
        #expect(code(HTTPClientError.tlsHandshakeTimeout) == "connection-timeout")
        #expect(code(ChannelError.connectTimeout(.seconds(1))) == "connection-timeout")
        #expect(code(HTTPClientError.readTimeout) == "connection-read-timeout")
        #expect(code(HTTPClientError.writeTimeout) == "connection-write-timeout")
    }

    @Test func aClosedConnectionIsTerminatedBeforeTheHeadAndIncompleteAfter() {
        #expect(code(HTTPClientError.remoteConnectionClosed) == "connection-terminated")
        #expect(code(HTTPClientError.remoteConnectionClosed, responseStarted: true) == "HTTP-response-incomplete")
        #expect(code(ChannelError.eof) == "connection-terminated")
        #expect(code(IOError(errnoCode: ECONNRESET, reason: "read")) == "connection-terminated")
    }

    @Test func socketErrorsMapByErrno() {
        #expect(code(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == "connection-refused")
        #expect(code(IOError(errnoCode: ENETUNREACH, reason: "connect")) == "destination-unavailable")
        #expect(code(IOError(errnoCode: ETIMEDOUT, reason: "connect")) == "connection-timeout")
        #expect(code(IOError(errnoCode: EADDRNOTAVAIL, reason: "connect")) == "destination-IP-unroutable")
        #expect(code(IOError(errnoCode: ENOMEM, reason: "read")) == "internal-error")
    }

    @Test func tlsFailuresAreTLSCodes() {
        #expect(code(NIOSSLExtraError.failedToValidateHostname) == "TLS-certificate-error")
        #expect(code(NIOSSLError.unableToValidateCertificate) == "TLS-certificate-error")
        #expect(code(NIOSSLError.uncleanShutdown) == "TLS-protocol-error")
    }

    @Test func framingAndBodyErrorsAreHTTPCodes() {
        #expect(code(HTTPClientError.bodyLengthMismatch) == "HTTP-request-body-size")
        #expect(code(HTTPParserError.invalidChunkSize) == "HTTP-protocol-error")
        #expect(code(HTTPClientError.invalidURL) == "HTTP-request-URI-invalid")
    }

    @Test func aCodeTheHostChoseIsKept() {
        #expect(code(HTTPErrorCode.requestDenied) == "HTTP-request-denied")
    }

    @Test func payloadsHaveTheShapeOfTheirCase() {
        #expect(HTTPErrorCode.dnsError.value == .variant(caseName: "DNS-error", payload: .record(["rcode": .option(nil), "info-code": .option(nil)])))
        #expect(HTTPErrorCode("internal-error", "boom").value == .variant(caseName: "internal-error", payload: .option(.string("boom"))))
        #expect(HTTPErrorCode.requestBodySize.value == .variant(caseName: "HTTP-request-body-size", payload: .option(nil)))
        #expect(HTTPErrorCode.connectionRefused.value == .variant(caseName: "connection-refused", payload: nil))
    }
}
