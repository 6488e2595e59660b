#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening the listening sockets of `ListenerGrant`s.
enum SocketListener {
    /// A TCP socket bound to the grant's address and listening; returns it and its port.
    static func open(_ grant: ListenerGrant) throws(WASIHostError) -> (OwnedDescriptor, UInt16) {
        let isV4 = grant.address.bytes.count == 4
        #if os(Linux)
        let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        let raw = socket(isV4 ? AF_INET : AF_INET6, streamType, 0)
        guard raw >= 0 else { throw failure("create a socket for", grant) }
        let owned = OwnedDescriptor(raw)
        var reuse: Int32 = 1
        _ = setsockopt(raw, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var storage = sockaddr_storage()
        let length: socklen_t
        if isV4 {
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                address.pointee.sin_family = sa_family_t(AF_INET)
                address.pointee.sin_port = grant.port.bigEndian
                withUnsafeMutableBytes(of: &address.pointee.sin_addr) { $0.copyBytes(from: grant.address.bytes) }
            }
        } else {
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                address.pointee.sin6_family = sa_family_t(AF_INET6)
                address.pointee.sin6_port = grant.port.bigEndian
                withUnsafeMutableBytes(of: &address.pointee.sin6_addr) { $0.copyBytes(from: grant.address.bytes) }
            }
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(raw, $0, length) }
        }
        guard bound == 0 else { throw failure("bind", grant) }
        guard listen(raw, 128) == 0 else { throw failure("listen on", grant) }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(raw, $0, &actualLength) }
        }
        guard named == 0 else { throw failure("name the socket of", grant) }
        let port = withUnsafeBytes(of: &actual) { raw in
            isV4 ? raw.load(as: sockaddr_in.self).sin_port : raw.load(as: sockaddr_in6.self).sin6_port
        }
        return (owned, UInt16(bigEndian: port))
    }

    private static func failure(_ action: String, _ grant: ListenerGrant) -> WASIHostError {
        WASIHostError("cannot \(action) \(grant.address):\(grant.port): \(String(cString: strerror(errno)))")
    }
}
