#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// `wasi:sockets/tcp-create-socket` and `wasi:sockets/tcp`. Connecting needs an outbound
/// network grant for the remote address and port; listening needs a listener grant for the
/// bound address and port (binding port 0 without one is allowed: it only serves connecting).
extension WASIComponentHost {
    func tcpCreateSocketInterface() -> WASIInterface {
        var interface = interface("wasi:sockets/tcp-create-socket")
        interface.function("create-tcp-socket") { [self] arguments in
            try socketResult { try own(try HostTCPSocket.make(ipv6: try arguments.enumCase(0) == "ipv6"), types.tcpSocket) }
        }
        return interface
    }

    func tcpInterface() -> WASIInterface {
        var interface = interface("wasi:sockets/tcp")
        func method(_ name: String, _ body: @escaping (HostTCPSocket, WASIArguments) throws -> ComponentValue?) {
            socketMethod(&interface, "tcp-socket.\(name)", body)
        }
        method("start-bind") { [self] socket, arguments in
            let local = try bindAddress(of: socket, isUnbound: socket.state == .unbound, arguments)
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            try socket.bind(to: local)
            socket.state = .bindStarted
            return nil
        }
        method("finish-bind") { socket, _ in
            guard socket.state == .bindStarted else { throw SocketFailure("not-in-progress") }
            socket.state = .bound
            return nil
        }
        method("start-connect") { [self] socket, arguments in
            _ = try resources.get(try arguments.handle(1), as: HostNetwork.self)
            let remote = try SocketAddress(arguments.values[2])
            guard socket.state == .unbound || socket.state == .bound else { throw SocketFailure("invalid-state") }
            guard remote.isIPv6 == socket.isIPv6, remote.port != 0 else { throw SocketFailure("invalid-argument") }
            guard grants.allowsOutbound(to: remote) else { throw SocketFailure("access-denied") }
            socket.remote = remote
            let result = remote.withSockaddr { connect(socket.descriptor.rawValue, $0, $1) }
            guard result == 0 || errno == EINPROGRESS else { throw WASIErrno.current }
            socket.state = .connecting
            return nil
        }
        method("finish-connect") { [self] socket, _ in
            guard socket.state == .connecting else { throw SocketFailure("not-in-progress") }
            var target = pollfd(fd: socket.descriptor.rawValue, events: Int16(POLLOUT), revents: 0)
            guard poll(&target, 1, 0) > 0 else { throw SocketFailure("would-block") }
            let failure = try socket.option(SOL_SOCKET, SO_ERROR)
            guard failure == 0 else {
                socket.state = .closed
                throw WASIErrno(hostErrno: failure)
            }
            socket.state = .connected
            return .tuple(try streams(socket))
        }
        method("start-listen") { [self] socket, _ in
            guard socket.state == .bound else { throw SocketFailure("invalid-state") }
            guard grants.allowsBinding(try socket.address(peer: false)) else { throw SocketFailure("access-denied") }
            guard listen(socket.descriptor.rawValue, socket.backlog) == 0 else { throw WASIErrno.current }
            socket.state = .listenStarted
            return nil
        }
        method("finish-listen") { socket, _ in
            guard socket.state == .listenStarted else { throw SocketFailure("not-in-progress") }
            socket.state = .listening
            return nil
        }
        method("accept") { [self] socket, _ in
            guard socket.state == .listening else { throw SocketFailure("invalid-state") }
            let raw = accept(socket.descriptor.rawValue, nil, nil)
            guard raw >= 0 else { throw WASIErrno.current }
            guard fcntl(raw, F_SETFL, fcntl(raw, F_GETFL) | O_NONBLOCK) == 0, fcntl(raw, F_SETFD, FD_CLOEXEC) == 0 else {
                close(raw)
                throw WASIErrno.current
            }
            let accepted = HostTCPSocket(descriptor: OwnedDescriptor(raw), isIPv6: socket.isIPv6, state: .connected)
            return .tuple([try own(accepted, types.tcpSocket)] + (try streams(accepted)))
        }
        method("local-address") { socket, _ in
            guard socket.state != .unbound else { throw SocketFailure("invalid-state") }
            return try socket.address(peer: false).value
        }
        method("remote-address") { socket, _ in
            guard socket.state == .connected else { throw SocketFailure("invalid-state") }
            return try socket.address(peer: true).value
        }
        interface.function("[method]tcp-socket.is-listening") { [self] arguments in
            .bool(try resources.get(try arguments.handle(0), as: HostTCPSocket.self).state == .listening)
        }
        interface.function("[method]tcp-socket.address-family") { [self] arguments in
            .enum(try resources.get(try arguments.handle(0), as: HostTCPSocket.self).isIPv6 ? "ipv6" : "ipv4")
        }
        method("set-listen-backlog-size") { socket, arguments in
            let size = try arguments.u64(1)
            guard size > 0 else { throw SocketFailure("invalid-argument") }
            socket.backlog = Int32(clamping: size)
            if socket.state == .listening { guard listen(socket.descriptor.rawValue, socket.backlog) == 0 else { throw WASIErrno.current } }
            return nil
        }
        method("keep-alive-enabled") { socket, _ in .bool(try socket.option(SOL_SOCKET, SO_KEEPALIVE) != 0) }
        method("set-keep-alive-enabled") { socket, arguments in
            try socket.setOption(SOL_SOCKET, SO_KEEPALIVE, try arguments.bool(1) ? 1 : 0)
            return nil
        }
        for (name, option) in [("keep-alive-idle-time", TCP_KEEPIDLE), ("keep-alive-interval", TCP_KEEPINTVL)] {
            // Durations in nanoseconds; the host option is in whole seconds.
            method(name) { socket, _ in .u64(UInt64(try socket.option(Int32(IPPROTO_TCP), option)) * 1_000_000_000) }
            method("set-\(name)") { socket, arguments in
                let nanoseconds = try arguments.u64(1)
                guard nanoseconds > 0 else { throw SocketFailure("invalid-argument") }
                try socket.setOption(Int32(IPPROTO_TCP), option, Int32(clamping: max(1, nanoseconds / 1_000_000_000)))
                return nil
            }
        }
        method("keep-alive-count") { socket, _ in .u32(UInt32(try socket.option(Int32(IPPROTO_TCP), TCP_KEEPCNT))) }
        method("set-keep-alive-count") { socket, arguments in
            let count = try arguments.u32(1)
            guard count > 0 else { throw SocketFailure("invalid-argument") }
            try socket.setOption(Int32(IPPROTO_TCP), TCP_KEEPCNT, Int32(clamping: count))
            return nil
        }
        socketOptionMethods(&interface, resource: "tcp-socket", hopLimit: "hop-limit", as: HostTCPSocket.self)
        interface.function("[method]tcp-socket.subscribe") { [self] arguments in
            let socket = try resources.get(try arguments.handle(0), as: HostTCPSocket.self)
            switch socket.state {
            case .connecting: return try newPollable(.descriptor(socket.streamDescriptor(), reading: false))
            case .listening: return try newPollable(.descriptor(socket.streamDescriptor(), reading: true))
            default: return try newPollable(.always)
            }
        }
        method("shutdown") { socket, arguments in
            guard socket.state == .connected else { throw SocketFailure("invalid-state") }
            let how: Int32 = switch try arguments.enumCase(1) {
            case "receive": Int32(SHUT_RD)
            case "send": Int32(SHUT_WR)
            default: Int32(SHUT_RDWR)
            }
            guard shutdown(socket.descriptor.rawValue, how) == 0 else { throw WASIErrno.current }
            return nil
        }
        return interface
    }

    /// The input and output streams of a connected socket.
    private func streams(_ socket: HostTCPSocket) throws -> [ComponentValue] {
        let descriptor = socket.streamDescriptor()
        return [
            try own(HostInputStream(source: .descriptor(descriptor)), types.inputStream),
            try own(HostOutputStream(descriptor: descriptor, offset: nil), types.outputStream),
        ]
    }
}
