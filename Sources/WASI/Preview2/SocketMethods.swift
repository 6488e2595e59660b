#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// What the `tcp-socket` and `udp-socket` resources share: method plumbing (the socket looked
/// up, the grant of its remote address checked, failures as `error-code`s) and the options
/// both have (hop limit, buffer sizes).
extension WASIComponentHost {
    /// Defines `[method]QUALIFIED` (e.g. `udp-socket.local-address`) on a socket resource of
    /// type `Socket`, returning `result<T, error-code>`. A socket whose remote address the
    /// outbound grants no longer cover fails with `access-denied`.
    func socketMethod<Socket: HostSocket>(_ interface: inout WASIInterface, _ qualified: String,
                                          _ body: @escaping (Socket, WASIArguments) throws -> ComponentValue?) {
        interface.function("[method]\(qualified)") { [self] arguments in
            let socket = try resources.get(try arguments.handle(0), as: Socket.self)
            return try socketResult {
                if let remote = socket.remote, !grants.allowsOutbound(to: remote) { throw SocketFailure("access-denied") }
                return try body(socket, arguments)
            }
        }
    }

    /// Defines the hop-limit (`hopLimit` is its WIT name) and buffer-size getters and setters
    /// of the socket resource `resource`.
    func socketOptionMethods<Socket: HostSocket>(_ interface: inout WASIInterface, resource: String, hopLimit: String,
                                                 as type: Socket.Type) {
        socketMethod(&interface, "\(resource).\(hopLimit)") { (socket: Socket, _) in
            let option = socket.hopLimitOption
            return .u8(UInt8(clamping: try socket.option(option.level, option.name)))
        }
        socketMethod(&interface, "\(resource).set-\(hopLimit)") { (socket: Socket, arguments) in
            let limit = try arguments.u8(1)
            guard limit > 0 else { throw SocketFailure("invalid-argument") }
            let option = socket.hopLimitOption
            try socket.setOption(option.level, option.name, Int32(limit))
            return nil
        }
        for (name, option) in [("receive-buffer-size", SO_RCVBUF), ("send-buffer-size", SO_SNDBUF)] {
            socketMethod(&interface, "\(resource).\(name)") { (socket: Socket, _) in
                .u64(UInt64(try socket.option(SOL_SOCKET, option)))
            }
            socketMethod(&interface, "\(resource).set-\(name)") { (socket: Socket, arguments) in
                let size = try arguments.u64(1)
                guard size > 0 else { throw SocketFailure("invalid-argument") }
                try socket.setOption(SOL_SOCKET, option, Int32(clamping: size))
                return nil
            }
        }
    }

    /// The local address a `start-bind` call (arguments: socket, network, address) asks for,
    /// after the checks both socket kinds make: the socket is still unbound, the address has
    /// its family, and a port other than 0 is covered by a listener grant.
    func bindAddress(of socket: HostSocket, isUnbound: Bool, _ arguments: WASIArguments) throws -> SocketAddress {
        _ = try resources.get(try arguments.handle(1), as: HostNetwork.self)
        let local = try SocketAddress(arguments.values[2])
        guard isUnbound else { throw SocketFailure("invalid-state") }
        guard local.isIPv6 == socket.isIPv6 else { throw SocketFailure("invalid-argument") }
        guard local.port == 0 || grants.allowsBinding(local) else { throw SocketFailure("access-denied") }
        return local
    }

    /// Wraps a socket operation's value (or its failure, as an `error-code`) in a `result`.
    func socketResult(_ body: () throws -> ComponentValue?) throws -> ComponentValue {
        do {
            return .ok(try body())
        } catch let errno as WASIErrno {
            return .error(.enum(errno.socketErrorCode))
        } catch let failure as SocketFailure {
            return .error(.enum(failure.code))
        }
    }
}

/// A socket operation refused by the WIT state machine or the grants: its `error-code` case.
struct SocketFailure: Error {
    let code: String
    init(_ code: String) { self.code = code }
}
