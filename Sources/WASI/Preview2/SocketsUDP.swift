import ComponentModel

/// `wasi:sockets/udp-create-socket` and `wasi:sockets/udp`. Binding a port other than 0 needs
/// a listener grant covering the address and port; sending needs an outbound grant for the
/// destination, and a datagram is only received from a source the outbound grants cover
/// (others are dropped). A socket streaming with one remote address fails every call with
/// `access-denied` once that address is no longer granted.
extension WASIComponentHost {
    /// The most datagrams one `receive` returns and one `check-send` permits.
    static let datagramBatch: UInt64 = 64

    func udpCreateSocketInterface() -> WASIInterface {
        var interface = interface("wasi:sockets/udp-create-socket")
        interface.function("create-udp-socket") { [self] arguments in
            try socketResult { try own(try HostUDPSocket.make(ipv6: try arguments.enumCase(0) == "ipv6"), types.udpSocket) }
        }
        return interface
    }

    func udpInterface() -> WASIInterface {
        var interface = interface("wasi:sockets/udp")
        func method(_ name: String, _ body: @escaping (HostUDPSocket, WASIArguments) throws -> ComponentValue?) {
            socketMethod(&interface, "udp-socket.\(name)", body)
        }
        method("start-bind") { [self] socket, arguments in
            let local = try bindAddress(of: socket, isUnbound: socket.state == .unbound, arguments)
            try socket.bind(to: local)
            socket.state = .bindStarted
            return nil
        }
        method("finish-bind") { socket, _ in
            guard socket.state == .bindStarted else { throw SocketFailure("not-in-progress") }
            socket.state = .bound
            return nil
        }
        method("stream") { [self] socket, arguments in
            guard socket.state == .bound else { throw SocketFailure("invalid-state") }
            var remote: SocketAddress?
            if case .option(let value?) = arguments.values[1] {
                let address = try SocketAddress(value)
                guard address.isIPv6 == socket.isIPv6, !address.isUnspecified, address.port != 0 else {
                    throw SocketFailure("invalid-argument")
                }
                guard grants.allowsOutbound(to: address) else { throw SocketFailure("access-denied") }
                remote = address
            }
            try socket.restream(to: remote)
            return .tuple([
                try own(HostIncomingDatagramStream(socket: socket), types.incomingDatagramStream),
                try own(HostOutgoingDatagramStream(socket: socket), types.outgoingDatagramStream),
            ])
        }
        method("local-address") { socket, _ in
            guard socket.state == .bound else { throw SocketFailure("invalid-state") }
            return try socket.address(peer: false).value
        }
        method("remote-address") { socket, _ in
            guard let remote = socket.remote else { throw SocketFailure("invalid-state") }
            return remote.value
        }
        interface.function("[method]udp-socket.address-family") { [self] arguments in
            .enum(try resources.get(try arguments.handle(0), as: HostUDPSocket.self).isIPv6 ? "ipv6" : "ipv4")
        }
        socketOptionMethods(&interface, resource: "udp-socket", hopLimit: "unicast-hop-limit", as: HostUDPSocket.self)
        interface.function("[method]udp-socket.subscribe") { [self] arguments in
            _ = try resources.get(try arguments.handle(0), as: HostUDPSocket.self)
            return try newPollable(.always)
        }

        interface.function("[method]incoming-datagram-stream.receive") { [self] arguments in
            let stream = try resources.get(try arguments.handle(0), as: HostIncomingDatagramStream.self)
            let limit = min(try arguments.u64(1), Self.datagramBatch)
            return try socketResult { .list(try receive(on: stream, upTo: limit)) }
        }
        interface.function("[method]incoming-datagram-stream.subscribe") { [self] arguments in
            let stream = try resources.get(try arguments.handle(0), as: HostIncomingDatagramStream.self)
            return try newPollable(.descriptor(stream.socket.streamDescriptor(), reading: true))
        }
        interface.function("[method]outgoing-datagram-stream.check-send") { [self] arguments in
            let stream = try resources.get(try arguments.handle(0), as: HostOutgoingDatagramStream.self)
            return try socketResult {
                try checkCurrent(stream.socket, isCurrent: stream.isCurrent)
                let pollable = HostPollable(.descriptor(stream.socket.streamDescriptor(), reading: false))
                stream.permitted = host.isReady(pollable, grants: grants) ? Self.datagramBatch : 0
                return .u64(stream.permitted)
            }
        }
        interface.function("[method]outgoing-datagram-stream.send") { [self] arguments in
            let stream = try resources.get(try arguments.handle(0), as: HostOutgoingDatagramStream.self)
            guard case .list(let datagrams) = arguments.values[1] else {
                throw ComponentTrap("wasi:sockets/udp#send: argument 1 is not a list of outgoing-datagram")
            }
            guard UInt64(datagrams.count) <= stream.permitted else {
                throw ComponentTrap("wasi:sockets/udp#send: \(datagrams.count) datagrams sent, check-send permitted \(stream.permitted)")
            }
            stream.permitted -= UInt64(datagrams.count)
            return try socketResult { .u64(try send(datagrams, on: stream)) }
        }
        interface.function("[method]outgoing-datagram-stream.subscribe") { [self] arguments in
            let stream = try resources.get(try arguments.handle(0), as: HostOutgoingDatagramStream.self)
            return try newPollable(.descriptor(stream.socket.streamDescriptor(), reading: false))
        }
        return interface
    }

    /// Fails a datagram stream operation on streams a later `stream` call replaced, and on a
    /// socket whose remote address is no longer granted.
    private func checkCurrent(_ socket: HostUDPSocket, isCurrent: Bool) throws(SocketFailure) {
        guard isCurrent else { throw SocketFailure("invalid-state") }
        if let remote = socket.remote, !grants.allowsOutbound(to: remote) { throw SocketFailure("access-denied") }
    }

    /// Up to `limit` queued datagrams from granted sources, as `incoming-datagram` records.
    private func receive(on stream: HostIncomingDatagramStream, upTo limit: UInt64) throws -> [ComponentValue] {
        try checkCurrent(stream.socket, isCurrent: stream.isCurrent)
        let grants = self.grants
        var datagrams: [ComponentValue] = []
        while UInt64(datagrams.count) < limit, let (data, source) = try stream.socket.receive() {
            guard grants.allowsOutbound(to: source) else { continue }
            datagrams.append(.record(["data": .bytes(data), "remote-address": source.value]))
        }
        return datagrams
    }

    /// Sends `datagrams` in order until one fails; the count sent, or the first failure when
    /// none was sent. A value that is not an `outgoing-datagram` traps before anything is sent.
    private func send(_ datagrams: [ComponentValue], on stream: HostOutgoingDatagramStream) throws -> UInt64 {
        let parsed = try datagrams.map(Self.outgoingDatagram)
        try checkCurrent(stream.socket, isCurrent: stream.isCurrent)
        var sent: UInt64 = 0
        for (data, target) in parsed {
            do {
                try send(data, to: target, on: stream.socket)
                sent += 1
            } catch where sent > 0 {
                break
            }
        }
        return sent
    }

    /// Sends one datagram to `target` (nil: the socket's remote address) after checking it
    /// against the socket's remote address and the outbound grants.
    private func send(_ data: [UInt8], to target: SocketAddress?, on socket: HostUDPSocket) throws {
        if let target {
            guard target.isIPv6 == socket.isIPv6, !target.isUnspecified, target.port != 0 else {
                throw SocketFailure("invalid-argument")
            }
            if let remote = socket.remote, remote != target { throw SocketFailure("invalid-argument") }
            guard grants.allowsOutbound(to: target) else { throw SocketFailure("access-denied") }
        } else if socket.remote == nil {
            throw SocketFailure("invalid-argument")
        }
        guard data.count <= HostUDPSocket.largestDatagram else { throw SocketFailure("datagram-too-large") }
        try socket.send(data, to: socket.remote == nil ? target : nil)
    }

    /// The data and destination of an `outgoing-datagram` record.
    private static func outgoingDatagram(_ value: ComponentValue) throws(ComponentTrap) -> ([UInt8], SocketAddress?) {
        guard case .record(let fields) = value,
              case .list(let elements)? = fields.first(where: { $0.name == "data" })?.value,
              case .option(let target)? = fields.first(where: { $0.name == "remote-address" })?.value else {
            throw ComponentTrap("wasi:sockets/udp#send: not an outgoing-datagram: \(value)")
        }
        var data: [UInt8] = []
        data.reserveCapacity(elements.count)
        for element in elements {
            guard case .u8(let byte) = element else { throw ComponentTrap("wasi:sockets/udp#send: datagram data is not a list<u8>") }
            data.append(byte)
        }
        return (data, try target.map { value throws(ComponentTrap) in try SocketAddress(value) })
    }
}
