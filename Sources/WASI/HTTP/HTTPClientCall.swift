import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `outgoing-request`: what the guest builds before handing it to `outgoing-handler.handle`.
final class HTTPOutgoingRequest {
    var method = "GET"
    /// `HTTP`, `HTTPS` or another scheme's name; nil when the guest set none (HTTPS is used).
    var scheme: String?
    var authority: String?
    var pathWithQuery: String?
    let headers: HTTPFields
    let body = HTTPOutgoingBody()
    var bodyTaken = false

    init(headers: HTTPFields) {
        self.headers = headers
    }
}

/// `request-options`: timeouts in nanoseconds.
final class HTTPRequestOptions {
    var connectTimeout: UInt64?
    var firstByteTimeout: UInt64?
    var betweenBytesTimeout: UInt64?
}

/// `incoming-response`: a response the client received; its body streams in behind it.
final class HTTPIncomingResponse {
    let status: UInt16
    let headers: [(name: String, value: [UInt8])]
    let body: HTTPStreamedBody
    var bodyTaken = false

    init(status: UInt16, headers: [(name: String, value: [UInt8])], body: HTTPStreamedBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// One outgoing request in flight on URLSession (HTTP/1.1 and HTTPS through the toolchain's
/// libcurl): started once the request body is complete. The response is known when its head
/// arrived; its body streams to the guest as it arrives. `future-incoming-response` polls it.
final class HTTPClientCall: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// The outcome: the response, or the `error-code` case name (and its payload as text).
    enum Outcome {
        case response(HTTPIncomingResponse)
        case failure(code: String, detail: String?)
    }

    private let lock = NSLock()
    private var outcome: Outcome?
    private var taken = false
    private let request: HTTPOutgoingRequest
    private let options: HTTPRequestOptions?
    private let url: URL
    private let body = HTTPStreamedBody()

    init(request: HTTPOutgoingRequest, options: HTTPRequestOptions?, url: URL) {
        self.request = request
        self.options = options
        self.url = url
    }

    /// Whether the outcome is known.
    var isDone: Bool { lock.withLock { outcome != nil } }

    /// The outcome once known: nil while in flight; `.none` inside when already taken.
    func take() -> Outcome?? {
        lock.withLock {
            guard let outcome else { return nil }
            if taken { return .some(nil) }
            taken = true
            return .some(outcome)
        }
    }

    func fail(_ code: String, _ detail: String? = nil) {
        settle(.failure(code: code, detail: detail))
    }

    private func settle(_ result: Outcome) {
        lock.withLock { if outcome == nil { outcome = result } }
    }

    /// Sends the request with the body written so far (the guest finished it), on a session
    /// of its own whose delegate is this call (the session is invalidated when the transfer ends).
    func start() {
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers.entries {
            urlRequest.addValue(String(decoding: value, as: UTF8.self), forHTTPHeaderField: name)
        }
        let bytes = request.body.bufferedBytes
        if !bytes.isEmpty || !["GET", "HEAD"].contains(request.method) { urlRequest.httpBody = Data(bytes) }
        let timeout = [options?.connectTimeout, options?.firstByteTimeout].compactMap { $0 }.min()
        urlRequest.timeoutInterval = timeout.map { Double($0) / 1e9 } ?? 60
        let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)
        session.dataTask(with: urlRequest).resume()
        session.finishTasksAndInvalidate()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            settle(.failure(code: "HTTP-protocol-error", detail: nil))
            completionHandler(.cancel)
            return
        }
        let headers = http.allHeaderFields.compactMap { key, value -> (name: String, value: [UInt8])? in
            guard let name = key as? String else { return nil }
            return (name.lowercased(), Array("\(value)".utf8))
        }
        settle(.response(HTTPIncomingResponse(status: UInt16(clamping: http.statusCode), headers: headers, body: body)))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        body.append(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            settle(Self.failure(error))
            body.complete(failure: "the response body was cut: \((error as NSError).localizedDescription)")
        } else {
            settle(.failure(code: "HTTP-protocol-error", detail: nil))
            body.complete(failure: nil)
        }
    }

    /// The `error-code` for a URLSession failure.
    private static func failure(_ error: Error) -> Outcome {
        let code = (error as? URLError)?.code
        switch code {
        case .timedOut?: return .failure(code: "connection-timeout", detail: nil)
        case .cannotConnectToHost?, .networkConnectionLost?: return .failure(code: "connection-refused", detail: nil)
        case .cannotFindHost?, .dnsLookupFailed?: return .failure(code: "DNS-error", detail: nil)
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
             .serverCertificateNotYetValid?, .serverCertificateHasUnknownRoot?:
            return .failure(code: "TLS-certificate-error", detail: nil)
        case .unsupportedURL?: return .failure(code: "HTTP-request-URI-invalid", detail: nil)
        default:
            // libcurl's TLS failures arrive as unknown URL errors; only their text tells them apart.
            let text = (error as NSError).localizedDescription
            if text.contains("SSL certificate") { return .failure(code: "TLS-certificate-error", detail: nil) }
            if text.contains("SSL") || text.contains("TLS") { return .failure(code: "TLS-protocol-error", detail: nil) }
            return .failure(code: "internal-error", detail: text)
        }
    }
}
