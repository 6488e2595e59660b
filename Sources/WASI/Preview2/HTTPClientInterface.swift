import AsyncHTTPClient
import ComponentModel
import NIOHTTP1

/// The client half of `wasi:http/types` and `wasi:http/outgoing-handler`: requests go out
/// through `HTTPClientCall` (HTTP/1.1 and HTTPS) as soon as `handle` is called, if the HTTP
/// grants (`WASIGrants.http`) allow the authority; request bodies stream to the server as the
/// guest writes them, response bodies to the guest as they arrive.
extension WASIComponentHost {
    func defineClient(_ interface: inout WASIInterface) {
        interface.function("[constructor]outgoing-request") { [self] arguments in
            let headers = try fields(arguments.handle(0))
            resources.remove(try arguments.handle(0))
            return try own(HTTPOutgoingRequest(headers: HTTPFields(headers.entries, immutable: true)), types.outgoingRequest)
        }
        interface.function("[method]outgoing-request.body") { [self] arguments in
            let request = try outgoingRequest(arguments.handle(0))
            guard !request.bodyTaken else { return .error() }
            request.bodyTaken = true
            return .ok(try own(request.body, types.outgoingBody))
        }
        interface.function("[method]outgoing-request.method") { [self] arguments in
            Self.method(try outgoingRequest(arguments.handle(0)).method)
        }
        interface.function("[method]outgoing-request.set-method") { [self] arguments in
            let (name, payload) = try arguments.variant(1)
            let method: String
            if name == "other" {
                guard case .string(let text)? = payload, HTTPRequestHead.isToken(Array(text.utf8)) else { return .error() }
                method = text
            } else {
                method = name.uppercased()
            }
            try outgoingRequest(arguments.handle(0)).method = method
            return .ok()
        }
        interface.function("[method]outgoing-request.path-with-query") { [self] arguments in
            .option(try outgoingRequest(arguments.handle(0)).pathWithQuery.map { .string($0) })
        }
        interface.function("[method]outgoing-request.set-path-with-query") { [self] arguments in
            let value = try optionalString(arguments, 1)
            guard value?.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) ?? true else { return .error() }
            try outgoingRequest(arguments.handle(0)).pathWithQuery = value
            return .ok()
        }
        interface.function("[method]outgoing-request.scheme") { [self] arguments in
            .option(try outgoingRequest(arguments.handle(0)).scheme.map(Self.scheme))
        }
        interface.function("[method]outgoing-request.set-scheme") { [self] arguments in
            guard case .option(let value)? = arguments.values.last else { throw ComponentTrap("set-scheme: not an option") }
            var scheme: String?
            if case .variant(let name, let payload)? = value {
                if name == "other" {
                    guard case .string(let text)? = payload else { return .error() }
                    scheme = text
                } else {
                    scheme = name
                }
            }
            try outgoingRequest(arguments.handle(0)).scheme = scheme
            return .ok()
        }
        interface.function("[method]outgoing-request.authority") { [self] arguments in
            .option(try outgoingRequest(arguments.handle(0)).authority.map { .string($0) })
        }
        interface.function("[method]outgoing-request.set-authority") { [self] arguments in
            let value = try optionalString(arguments, 1)
            guard value?.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }) ?? true else { return .error() }
            try outgoingRequest(arguments.handle(0)).authority = value
            return .ok()
        }
        interface.function("[method]outgoing-request.headers") { [self] arguments in
            try own(try outgoingRequest(arguments.handle(0)).headers, types.fields)
        }
        interface.function("[constructor]request-options") { [self] _ in try own(HTTPRequestOptions(), types.requestOptions) }
        let timeouts: [(String, ReferenceWritableKeyPath<HTTPRequestOptions, UInt64?>)] = [
            ("connect-timeout", \.connectTimeout), ("first-byte-timeout", \.firstByteTimeout),
            ("between-bytes-timeout", \.betweenBytesTimeout),
        ]
        for (name, keyPath) in timeouts {
            interface.function("[method]request-options.\(name)") { [self] arguments in
                .option(try resources.get(try arguments.handle(0), as: HTTPRequestOptions.self)[keyPath: keyPath].map { .u64($0) })
            }
            interface.function("[method]request-options.set-\(name)") { [self] arguments in
                let options = try resources.get(try arguments.handle(0), as: HTTPRequestOptions.self)
                guard case .option(let value)? = arguments.values.last else { throw ComponentTrap("set-\(name): not an option") }
                if case .u64(let nanoseconds)? = value { options[keyPath: keyPath] = nanoseconds } else { options[keyPath: keyPath] = nil }
                return .ok()
            }
        }
        interface.function("[method]incoming-response.status") { [self] arguments in
            .u16(try incomingResponse(arguments.handle(0)).status)
        }
        interface.function("[method]incoming-response.headers") { [self] arguments in
            try own(HTTPFields(try incomingResponse(arguments.handle(0)).headers, immutable: true), types.fields)
        }
        interface.function("[method]incoming-response.consume") { [self] arguments in
            let response = try incomingResponse(arguments.handle(0))
            guard !response.bodyTaken else { return .error() }
            response.bodyTaken = true
            return .ok(try own(HTTPIncomingBody(source: .clientBody(response.call)), types.incomingBody))
        }
        interface.function("[method]future-incoming-response.subscribe") { [self] arguments in
            try newPollable(.httpCall(try resources.get(try arguments.handle(0), as: HTTPClientCall.self)))
        }
        interface.function("[method]future-incoming-response.get") { [self] arguments in
            let call = try resources.get(try arguments.handle(0), as: HTTPClientCall.self)
            guard let outcome = call.take() else { return .option(nil) }
            guard let outcome else { return .option(.error()) }
            switch outcome {
            case .response(let response):
                return .option(.ok(.ok(try own(response, types.incomingResponse))))
            case .failure(let code):
                return .option(.ok(.error(code.value)))
            }
        }
    }

    func httpOutgoingHandlerInterface() -> WASIInterface {
        var interface = interface("wasi:http/outgoing-handler")
        interface.function("handle") { [self] arguments in
            let representation = try arguments.handle(0)
            let request = try outgoingRequest(representation)
            resources.remove(representation)
            var options: HTTPRequestOptions?
            if case .option(.resource(let handle)?)? = arguments.values.last {
                options = try resources.get(handle.index, as: HTTPRequestOptions.self)
                resources.remove(handle.index)
            }
            guard let authority = request.authority, let (host, port) = Self.hostAndPort(authority, scheme: request.scheme) else {
                return .error(HTTPErrorCode.requestURIInvalid.value)
            }
            let scheme = (request.scheme ?? "HTTPS").lowercased()
            guard scheme == "http" || scheme == "https" else {
                return .error(HTTPErrorCode.protocolError.value)
            }
            guard grants.allowsHTTP(host: host, port: port) else {
                return .error(HTTPErrorCode.requestDenied.value)
            }
            let call = HTTPClientCall(grants: self.host.grants, host: host, port: port, options: options)
            do throws(HTTPErrorCode) {
                call.start(try clientRequest(request, url: "\(scheme)://\(authority)\(request.pathWithQuery ?? "/")", call: call))
            } catch {
                return .error(error.value)
            }
            return .ok(try own(call, types.futureIncomingResponse))
        }
        return interface
    }

    /// The client's request for the guest's `request`: its headers (a `content-length` the
    /// guest set becomes the body's length, the client frames the body), and its body: none
    /// for a GET or HEAD the guest finished empty, else the guest's body streamed.
    private func clientRequest(_ request: HTTPOutgoingRequest, url: String, call: HTTPClientCall) throws(HTTPErrorCode) -> HTTPClient.Request {
        var headers = HTTPHeaders()
        var length: Int64?
        for (name, value) in request.headers.entries {
            let text = String(decoding: value, as: UTF8.self)
            guard name != "content-length" else {
                guard let declared = Int64(text), declared >= 0, length == nil || length == declared else { throw .protocolError }
                length = declared
                continue
            }
            headers.add(name: name, value: text)
        }
        let hasNoBody = !request.bodyTaken || (request.body.isFinished && request.body.isEmpty)
        var body: HTTPClient.Body?
        if !hasNoBody || !["GET", "HEAD"].contains(request.method) {
            let stream = HTTPRequestBodyStream(call: call)
            body = stream.clientBody(length: length ?? (hasNoBody ? 0 : nil))
            if request.bodyTaken {
                do { try request.body.attach(stream) } catch { throw .requestBodySize }
            } else {
                try? stream.finish(trailers: [])
            }
        }
        do {
            return try HTTPClient.Request(url: url, method: HTTPMethod(rawValue: request.method), headers: headers, body: body,
                                          tlsConfiguration: httpClientTrust.tlsConfiguration)
        } catch {
            throw .requestURIInvalid
        }
    }

    private func outgoingRequest(_ representation: UInt32) throws(ComponentTrap) -> HTTPOutgoingRequest {
        try resources.get(representation, as: HTTPOutgoingRequest.self)
    }

    private func incomingResponse(_ representation: UInt32) throws(ComponentTrap) -> HTTPIncomingResponse {
        try resources.get(representation, as: HTTPIncomingResponse.self)
    }

    private func optionalString(_ arguments: WASIArguments, _ index: Int) throws(ComponentTrap) -> String? {
        guard index < arguments.values.count, case .option(let value) = arguments.values[index] else {
            throw ComponentTrap("\(arguments.function): argument \(index) is not an option<string>")
        }
        guard let value else { return nil }
        guard case .string(let text) = value else { throw ComponentTrap("\(arguments.function): argument \(index) is not an option<string>") }
        return text
    }

    /// The `scheme` variant.
    static func scheme(_ name: String) -> ComponentValue {
        switch name.uppercased() {
        case "HTTP": .variant(caseName: "HTTP", payload: nil)
        case "HTTPS": .variant(caseName: "HTTPS", payload: nil)
        default: .variant(caseName: "other", payload: .string(name))
        }
    }

    /// Host and port of an authority (`host`, `host:port`, `[v6]:port`), the port defaulting by scheme.
    static func hostAndPort(_ authority: String, scheme: String?) -> (String, UInt16)? {
        let defaultPort: UInt16 = scheme?.uppercased() == "HTTP" ? 80 : 443
        let hostPart = authority.split(separator: "@").last.map(String.init) ?? authority
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            let host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            let rest = hostPart[hostPart.index(after: close)...]
            if rest.isEmpty { return (host, defaultPort) }
            guard rest.first == ":", let port = UInt16(rest.dropFirst()) else { return nil }
            return (host, port)
        }
        let parts = hostPart.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 1 { return (String(host), defaultPort) }
        guard let port = UInt16(parts[1]) else { return nil }
        return (String(host), port)
    }
}
