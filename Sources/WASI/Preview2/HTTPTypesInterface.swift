import ComponentModel

/// `wasi:http/types`: fields; for serving, incoming requests and bodies, outgoing responses and
/// bodies, response outparams; for the client (`HTTPClientInterface.swift`), outgoing
/// requests, options, incoming responses and their futures.
extension WASIComponentHost {
    func httpTypesInterface() -> WASIInterface {
        var interface = interface("wasi:http/types")
        defineFields(&interface)
        defineIncoming(&interface)
        defineOutgoing(&interface)
        defineClient(&interface)
        interface.function("http-error-code") { [self] arguments in
            // Errors of bodies the client sends or receives carry the `error-code` that ended them.
            .option(try resources.get(try arguments.handle(0), as: HostIOError.self).httpError?.value)
        }
        return interface
    }

    private func defineFields(_ interface: inout WASIInterface) {
        interface.function("[constructor]fields") { [self] _ in try own(HTTPFields(), types.fields) }
        interface.function("[static]fields.from-list") { [self] arguments in
            guard case .list(let pairs) = arguments.values.first else { throw ComponentTrap("from-list: not a list") }
            let fields = HTTPFields()
            for pair in pairs {
                guard case .tuple(let parts) = pair, parts.count == 2, case .string(let name) = parts[0] else {
                    throw ComponentTrap("from-list: malformed entry")
                }
                let value = try WASIArguments(values: [parts[1]], function: "from-list").bytes(0)
                if let error = fields.error(setting: name, [value]) { return .error(.variant(caseName: error, payload: nil)) }
                fields.entries.append((name.lowercased(), value))
            }
            return .ok(try own(fields, types.fields))
        }
        interface.function("[method]fields.get") { [self] arguments in
            .list(try fields(arguments.handle(0)).values(try arguments.string(1)).map { .bytes($0) })
        }
        interface.function("[method]fields.has") { [self] arguments in
            .bool(!(try fields(arguments.handle(0)).values(try arguments.string(1)).isEmpty))
        }
        interface.function("[method]fields.set") { [self] arguments in
            let fields = try fields(arguments.handle(0))
            let name = try arguments.string(1)
            guard case .list(let list) = arguments.values[2] else { throw ComponentTrap("fields.set: not a list") }
            let values = try list.map { try WASIArguments(values: [$0], function: "fields.set").bytes(0) }
            if let error = fields.error(setting: name, values) { return .error(.variant(caseName: error, payload: nil)) }
            fields.entries.removeAll { $0.name == name.lowercased() }
            fields.entries += values.map { (name.lowercased(), $0) }
            return .ok()
        }
        interface.function("[method]fields.delete") { [self] arguments in
            let fields = try fields(arguments.handle(0))
            let name = try arguments.string(1)
            if let error = fields.error(setting: name, []) { return .error(.variant(caseName: error, payload: nil)) }
            fields.entries.removeAll { $0.name == name.lowercased() }
            return .ok()
        }
        interface.function("[method]fields.append") { [self] arguments in
            let fields = try fields(arguments.handle(0))
            let name = try arguments.string(1)
            let value = try arguments.bytes(2)
            if let error = fields.error(setting: name, [value]) { return .error(.variant(caseName: error, payload: nil)) }
            fields.entries.append((name.lowercased(), value))
            return .ok()
        }
        interface.function("[method]fields.entries") { [self] arguments in
            .list(try fields(arguments.handle(0)).entries.map { .tuple([.string($0.name), .bytes($0.value)]) })
        }
        interface.function("[method]fields.clone") { [self] arguments in
            try own(HTTPFields(try fields(arguments.handle(0)).entries), types.fields)
        }
    }

    private func defineIncoming(_ interface: inout WASIInterface) {
        interface.function("[method]incoming-request.method") { [self] arguments in
            Self.method(try resources.get(try arguments.handle(0), as: HTTPIncomingRequest.self).head.method)
        }
        interface.function("[method]incoming-request.path-with-query") { [self] arguments in
            .option(.string(try resources.get(try arguments.handle(0), as: HTTPIncomingRequest.self).head.target))
        }
        interface.function("[method]incoming-request.scheme") { [self] arguments in
            _ = try resources.get(try arguments.handle(0), as: HTTPIncomingRequest.self)
            return .option(.variant(caseName: "HTTP", payload: nil))
        }
        interface.function("[method]incoming-request.authority") { [self] arguments in
            let request = try resources.get(try arguments.handle(0), as: HTTPIncomingRequest.self)
            return .option(request.head.values("host").first.map { .string(String(decoding: $0, as: UTF8.self)) })
        }
        interface.function("[method]incoming-request.headers") { [self] arguments in
            let request = try resources.get(try arguments.handle(0), as: HTTPIncomingRequest.self)
            let entries = request.head.headers.map { (name: $0.name.lowercased(), value: $0.value) }
            return try own(HTTPFields(entries, immutable: true), types.fields)
        }
        interface.function("[method]incoming-request.consume") { [self] arguments in
            let request = try resources.get(try arguments.handle(0), as: HTTPIncomingRequest.self)
            guard !request.bodyTaken else { return .error() }
            request.bodyTaken = true
            return .ok(try own(HTTPIncomingBody(source: .httpBody(request.body)), types.incomingBody))
        }
        interface.function("[method]incoming-body.stream") { [self] arguments in
            let body = try resources.get(try arguments.handle(0), as: HTTPIncomingBody.self)
            guard !body.streamTaken else { return .error() }
            body.streamTaken = true
            return .ok(try own(HostInputStream(source: body.source), types.inputStream))
        }
        interface.function("[static]incoming-body.finish") { [self] arguments in
            let body = try resources.get(try arguments.handle(0), as: HTTPIncomingBody.self)
            resources.remove(try arguments.handle(0))
            guard case .httpBody(let reader) = body.source else { return try own(HTTPFutureTrailers(body: nil), types.futureTrailers) }
            return try own(HTTPFutureTrailers(body: reader), types.futureTrailers)
        }
        interface.function("[method]future-trailers.subscribe") { [self] arguments in
            let future = try resources.get(try arguments.handle(0), as: HTTPFutureTrailers.self)
            return try newPollable(future.body.map { .httpBody($0) } ?? .always)
        }
        interface.function("[method]future-trailers.get") { [self] arguments in
            let future = try resources.get(try arguments.handle(0), as: HTTPFutureTrailers.self)
            guard !future.taken else { return .option(.error()) }
            guard let body = future.body else {
                future.taken = true
                return .option(.ok(.ok(.option(nil))))
            }
            do {
                // The trailers follow the body: read what the guest left of it, without waiting.
                while !body.isFinished, let bytes = try body.read(upTo: 65536, blocking: false), !bytes.isEmpty {}
            } catch let error as HTTPProtocolError {
                future.taken = true
                return .option(.ok(.error(HTTPErrorCode("internal-error", error.message).value)))
            }
            guard body.isFinished else { return .option(nil) }
            future.taken = true
            let trailers = body.trailers.map { (name: $0.name.lowercased(), value: $0.value) }
            return .option(.ok(.ok(.option(trailers.isEmpty ? nil : try own(HTTPFields(trailers, immutable: true), types.fields)))))
        }
    }

    private func defineOutgoing(_ interface: inout WASIInterface) {
        interface.function("[constructor]outgoing-response") { [self] arguments in
            let headers = try fields(arguments.handle(0))
            resources.remove(try arguments.handle(0))
            return try own(HTTPOutgoingResponse(headers: HTTPFields(headers.entries, immutable: true)), types.outgoingResponse)
        }
        interface.function("[method]outgoing-response.status-code") { [self] arguments in
            .u16(try resources.get(try arguments.handle(0), as: HTTPOutgoingResponse.self).status)
        }
        interface.function("[method]outgoing-response.set-status-code") { [self] arguments in
            let response = try resources.get(try arguments.handle(0), as: HTTPOutgoingResponse.self)
            let status = try arguments.u16(1)
            guard (100...999).contains(status) else { return .error() }
            response.status = status
            return .ok()
        }
        interface.function("[method]outgoing-response.headers") { [self] arguments in
            try own(try resources.get(try arguments.handle(0), as: HTTPOutgoingResponse.self).headers, types.fields)
        }
        interface.function("[method]outgoing-response.body") { [self] arguments in
            let response = try resources.get(try arguments.handle(0), as: HTTPOutgoingResponse.self)
            guard !response.bodyTaken else { return .error() }
            response.bodyTaken = true
            return .ok(try own(response.body, types.outgoingBody))
        }
        interface.function("[method]outgoing-body.write") { [self] arguments in
            let body = try resources.get(try arguments.handle(0), as: HTTPOutgoingBody.self)
            guard !body.streamTaken else { return .error() }
            body.streamTaken = true
            return .ok(try own(HostOutputStream(body: body), types.outputStream))
        }
        interface.function("[static]outgoing-body.finish") { [self] arguments in
            let representation = try arguments.handle(0)
            let body = try resources.get(representation, as: HTTPOutgoingBody.self)
            var trailers: [(name: String, value: [UInt8])] = []
            if case .option(.resource(let handle)?)? = arguments.values.last {
                trailers = try fields(handle.index).entries
                resources.remove(handle.index)
            }
            // Finished before it is removed: removing an unfinished body abandons it.
            defer { resources.remove(representation) }
            do {
                try body.finish(trailers: trailers)
                return .ok()
            } catch let code as HTTPErrorCode {
                return .error(code.value)
            } catch {
                return .error(HTTPErrorCode("internal-error", "\(error)").value)
            }
        }
        interface.function("[method]response-outparam.send-informational") { [self] arguments in
            let outparam = try resources.get(try arguments.handle(0), as: HTTPResponseOutparam.self)
            let status = try arguments.u16(1)
            let headers = try fields(try arguments.handle(2))
            guard (100...199).contains(status) else { return .error(.variant(caseName: "HTTP-protocol-error", payload: nil)) }
            do {
                try outparam.writer.sendInformational(status: status, headers: headers.entries)
                return .ok()
            } catch let error as HTTPProtocolError {
                return .error(.variant(caseName: "internal-error", payload: .option(.string(error.message))))
            }
        }
        interface.function("[static]response-outparam.set") { [self] arguments in
            let representation = try arguments.handle(0)
            let outparam = try resources.get(representation, as: HTTPResponseOutparam.self)
            resources.remove(representation)
            outparam.isSet = true
            guard case .result(let result)? = arguments.values.last else { throw ComponentTrap("response-outparam.set: not a result") }
            switch result {
            case .ok(.resource(let handle)?):
                let response = try resources.get(handle.index, as: HTTPOutgoingResponse.self)
                resources.remove(handle.index)
                do {
                    try outparam.writer.sendHead(status: response.status, headers: response.headers.entries)
                    try response.body.attach(outparam.writer)
                } catch {
                    outparam.writer.keepAlive = false
                }
            case .error(let code):
                outparam.guestError = code.map { "\($0)" } ?? "error"
            default:
                throw ComponentTrap("response-outparam.set: malformed result")
            }
            return nil
        }
    }

    func fields(_ representation: UInt32) throws(ComponentTrap) -> HTTPFields {
        try resources.get(representation, as: HTTPFields.self)
    }

    /// The `method` variant of a request method.
    static func method(_ name: String) -> ComponentValue {
        let standard = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]
        if standard.contains(name) { return .variant(caseName: name.lowercased(), payload: nil) }
        return .variant(caseName: "other", payload: .string(name))
    }
}
