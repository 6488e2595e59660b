#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The object behind a `wasi:sockets/udp.udp-socket`: bound in two steps, then streamed
/// with (optionally to one remote address). Only the streams of the latest `stream` call work.
final class HostUDPSocket: HostSocket {
    enum State {
        case unbound
        case bindStarted
        case bound
    }

    var state = State.unbound
    /// Counts `stream` calls; datagram streams of an earlier call are no longer operational.
    private(set) var streamGeneration = 0

    /// A new non-blocking UDP socket of the family.
    static func make(ipv6: Bool) throws(WASIErrno) -> HostUDPSocket {
        HostUDPSocket(descriptor: try open(ipv6: ipv6, type: Int32(SOCK_DGRAM.rawValue)), isIPv6: ipv6)
    }

    /// Starts a new pair of datagram streams: drops the previous remote address and connects
    /// to `remote` when given (the caller checked it is granted).
    func restream(to remote: SocketAddress?) throws(WASIErrno) {
        if self.remote != nil {
            var unspecified = sockaddr()
            unspecified.sa_family = sa_family_t(AF_UNSPEC)
            // Linux reports EAFNOSUPPORT for an AF_UNSPEC connect on an IPv6 socket after dissolving the association.
            _ = connect(descriptor.rawValue, &unspecified, socklen_t(MemoryLayout<sockaddr>.size))
            self.remote = nil
        }
        if let remote {
            let result = remote.withSockaddr { connect(descriptor.rawValue, $0, $1) }
            guard result == 0 else { throw WASIErrno.current }
            self.remote = remote
        }
        streamGeneration += 1
    }

    /// Receives one datagram without blocking: nil when none is queued.
    func receive() throws(WASIErrno) -> (data: [UInt8], source: SocketAddress)? {
        var buffer = [UInt8](repeating: 0, count: Self.largestDatagram)
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let count = buffer.withUnsafeMutableBytes { bytes in
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    recvfrom(descriptor.rawValue, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT), $0, &length)
                }
            }
        }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            throw WASIErrno.current
        }
        guard let source = SocketAddress(storage) else { throw WASIErrno.addressFamilyNotSupported }
        return (Array(buffer.prefix(count)), source)
    }

    /// Sends one datagram without blocking, to `destination` (nil on a connected socket).
    func send(_ data: [UInt8], to destination: SocketAddress?) throws(WASIErrno) {
        let flags = Int32(MSG_DONTWAIT) | WASIHost.noSignal
        let sent = data.withUnsafeBytes { bytes in
            if let destination {
                destination.withSockaddr { sendto(descriptor.rawValue, bytes.baseAddress, bytes.count, flags, $0, $1) }
            } else {
                sendto(descriptor.rawValue, bytes.baseAddress, bytes.count, flags, nil, 0)
            }
        }
        guard sent >= 0 else { throw WASIErrno.current }
    }

    /// The largest UDP payload (IPv4 and IPv6 without jumbograms).
    static let largestDatagram = 65_535
}

/// The object behind an `incoming-datagram-stream`.
final class HostIncomingDatagramStream {
    let socket: HostUDPSocket
    let generation: Int

    init(socket: HostUDPSocket) {
        self.socket = socket
        generation = socket.streamGeneration
    }

    var isCurrent: Bool { generation == socket.streamGeneration }
}

/// The object behind an `outgoing-datagram-stream`: remembers how many datagrams the last
/// `check-send` permitted.
final class HostOutgoingDatagramStream {
    let socket: HostUDPSocket
    let generation: Int
    var permitted: UInt64 = 0

    init(socket: HostUDPSocket) {
        self.socket = socket
        generation = socket.streamGeneration
    }

    var isCurrent: Bool { generation == socket.streamGeneration }
}
