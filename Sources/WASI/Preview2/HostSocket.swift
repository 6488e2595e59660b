#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the TCP and UDP socket objects share: a non-blocking host socket of one address
/// family, its addresses and its integer options.
class HostSocket {
    let descriptor: OwnedDescriptor
    let isIPv6: Bool
    /// The remote address the guest connected to (TCP) or streams with (UDP). Every later
    /// operation checks that the outbound grants still cover it, so a revocation cuts the
    /// connection at the guest's next call.
    var remote: SocketAddress?

    init(descriptor: OwnedDescriptor, isIPv6: Bool) {
        self.descriptor = descriptor
        self.isIPv6 = isIPv6
    }

    /// A new non-blocking, close-on-exec host socket of the family and `type` (`SOCK_STREAM`, `SOCK_DGRAM`).
    static func open(ipv6: Bool, type: Int32) throws(WASIErrno) -> OwnedDescriptor {
        let raw = socket(ipv6 ? AF_INET6 : AF_INET, type | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard raw >= 0 else { throw WASIErrno.current }
        let owned = OwnedDescriptor(raw)
        if ipv6 {
            // WASI: an IPv6 socket never carries IPv4 traffic.
            var only: Int32 = 1
            setsockopt(raw, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &only, socklen_t(MemoryLayout<Int32>.size))
        }
        return owned
    }

    /// The descriptor streams and pollables of the socket read and write through; it carries
    /// the remote address so the grant check of each read and write sees it.
    func streamDescriptor() -> Descriptor {
        Descriptor(kind: .socket(descriptor), outboundPeer: remote, isReadable: true, isWritable: true,
                   rightsBase: .socket, rightsInheriting: [])
    }

    /// Binds the socket to `local`.
    func bind(to local: SocketAddress) throws(WASIErrno) {
        let result = local.withSockaddr { address, length in
            #if canImport(Glibc)
            Glibc.bind(descriptor.rawValue, address, length)
            #elseif canImport(Musl)
            Musl.bind(descriptor.rawValue, address, length)
            #else
            Darwin.bind(descriptor.rawValue, address, length)
            #endif
        }
        guard result == 0 else { throw WASIErrno.current }
    }

    /// The local (or peer) address.
    func address(peer: Bool) throws(WASIErrno) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                peer ? getpeername(descriptor.rawValue, $0, &length) : getsockname(descriptor.rawValue, $0, &length)
            }
        }
        guard result == 0 else { throw WASIErrno.current }
        guard let address = SocketAddress(storage) else { throw WASIErrno.addressFamilyNotSupported }
        return address
    }

    /// An integer socket option.
    func option(_ level: Int32, _ name: Int32) throws(WASIErrno) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor.rawValue, level, name, &value, &length) == 0 else { throw WASIErrno.current }
        return value
    }

    func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws(WASIErrno) {
        var value = value
        guard setsockopt(descriptor.rawValue, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw WASIErrno.current
        }
    }

    /// The unicast hop limit (IPv4 TTL, IPv6 unicast hops).
    var hopLimitOption: (level: Int32, name: Int32) {
        isIPv6 ? (Int32(IPPROTO_IPV6), IPV6_UNICAST_HOPS) : (Int32(IPPROTO_IP), IP_TTL)
    }
}

/// The object behind a `wasi:sockets/tcp.tcp-socket`: the state machine of the WIT (bind,
/// connect and listen each start and finish).
final class HostTCPSocket: HostSocket {
    enum State {
        case unbound
        case bindStarted
        case bound
        case connecting
        case connected
        case listenStarted
        case listening
        /// A connection attempt failed: the socket is unusable.
        case closed
    }

    var state: State
    var backlog: Int32 = 128

    init(descriptor: OwnedDescriptor, isIPv6: Bool, state: State) {
        self.state = state
        super.init(descriptor: descriptor, isIPv6: isIPv6)
    }

    /// A new non-blocking TCP socket of the family.
    static func make(ipv6: Bool) throws(WASIErrno) -> HostTCPSocket {
        HostTCPSocket(descriptor: try open(ipv6: ipv6, type: Int32(SOCK_STREAM.rawValue)), isIPv6: ipv6, state: .unbound)
    }
}
