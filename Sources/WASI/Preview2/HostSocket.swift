#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The object behind a `wasi:sockets/tcp.tcp-socket`: a non-blocking host socket and the
/// state machine of the WIT (bind, connect and listen each start and finish).
final class HostTCPSocket {
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

    let descriptor: OwnedDescriptor
    let isIPv6: Bool
    var state: State
    var backlog: Int32 = 128

    init(descriptor: OwnedDescriptor, isIPv6: Bool, state: State) {
        self.descriptor = descriptor
        self.isIPv6 = isIPv6
        self.state = state
    }

    /// A new non-blocking TCP socket of the family.
    static func make(ipv6: Bool) throws(WASIErrno) -> HostTCPSocket {
        let raw = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard raw >= 0 else { throw WASIErrno.current }
        let owned = OwnedDescriptor(raw)
        if ipv6 {
            // WASI: an IPv6 socket never carries IPv4 traffic.
            var only: Int32 = 1
            setsockopt(raw, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &only, socklen_t(MemoryLayout<Int32>.size))
        }
        return HostTCPSocket(descriptor: owned, isIPv6: ipv6, state: .unbound)
    }

    /// The descriptor the socket's streams read and write through.
    func streamDescriptor() -> Descriptor {
        Descriptor(kind: .socket(descriptor), isReadable: true, isWritable: true, rightsBase: .socket, rightsInheriting: [])
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
}
