#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sock_*` on the sockets of `ListenerGrant`s and the connections accepted on them.
/// Any other descriptor is `ENOTSOCK` (or `EBADF` when not open).
extension WASIHost {
    /// `sock_accept(fd, fdflags, result)`: only `NONBLOCK` may be asked for the new connection.
    func socketAccept(_ call: Preview1Call) throws {
        let listener = try authorized(call.u32(0), grants: call.grants)
        let owned = try socket(of: listener)
        guard let flagBits = UInt16(exactly: call.u32(1)), DescriptorFlags(rawValue: flagBits).isSubset(of: .nonblock) else {
            throw WASIErrno.invalid
        }
        _ = try call.memory.range(call.u32(2), count: 4)
        try Self.waitUntilReady(owned.rawValue, reading: true, nonblocking: listener.flags.contains(.nonblock),
                                limit: WaitLimit(call.store))
        let connection = try OwnedDescriptor.retrying { accept(owned.rawValue, nil, nil) }
        let accepted = OwnedDescriptor(connection)
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
        let descriptor = Descriptor(kind: .socket(accepted), listener: listener.listener, isReadable: true, isWritable: true,
                                    flags: DescriptorFlags(rawValue: flagBits), rightsBase: .socket, rightsInheriting: .socket)
        try call.memory.store(try descriptors.insert(descriptor), at: call.u32(2))
    }

    /// `sock_recv(fd, iovs, iovs_len, riflags, result_len, result_flags)`: riflags `PEEK` 1, `WAITALL` 2.
    func socketReceive(_ call: Preview1Call) throws {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        let owned = try socket(of: descriptor)
        _ = try call.memory.range(call.u32(4), count: 4)
        _ = try call.memory.range(call.u32(5), count: 2)
        let buffers = try call.memory.ioVectors(call.u32(1), count: call.u32(2))
        let inputFlags = call.u32(3)
        guard inputFlags & ~3 == 0 else { throw WASIErrno.invalid }
        var hostFlags: Int32 = 0
        if inputFlags & 1 != 0 { hostFlags |= Int32(MSG_PEEK) }
        if inputFlags & 2 != 0 { hostFlags |= Int32(MSG_WAITALL) }
        try Self.waitUntilReady(owned.rawValue, reading: true, nonblocking: descriptor.flags.contains(.nonblock),
                                limit: WaitLimit(call.store))
        let count = try Self.vectored(buffers) { vectors, count in
            var message = msghdr()
            message.msg_iov = UnsafeMutablePointer(mutating: vectors)
            message.msg_iovlen = Int(count)
            return recvmsg(owned.rawValue, &message, hostFlags)
        }
        try call.memory.store(UInt32(count), at: call.u32(4))
        try call.memory.store(UInt16(0), at: call.u32(5))
    }

    /// `sock_send(fd, iovs, iovs_len, siflags, result_len)`: no send flags exist.
    func socketSend(_ call: Preview1Call) throws {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        _ = try socket(of: descriptor)
        guard call.u32(3) == 0 else { throw WASIErrno.invalid }
        _ = try call.memory.range(call.u32(4), count: 4)
        let buffers = try call.memory.ioVectors(call.u32(1), count: call.u32(2))
        let count = try write(descriptor, from: buffers, at: nil, grants: call.grants, limit: WaitLimit(call.store))
        try call.memory.store(UInt32(count), at: call.u32(4))
    }

    /// `sock_shutdown(fd, sdflags)`: `RD` 1, `WR` 2.
    func socketShutdown(_ call: Preview1Call) throws(WASIErrno) {
        let owned = try socket(of: try authorized(call.u32(0), grants: call.grants))
        let how: Int32 = switch call.u32(1) {
        case 1: Int32(SHUT_RD)
        case 2: Int32(SHUT_WR)
        case 3: Int32(SHUT_RDWR)
        default: throw .invalid
        }
        _ = try OwnedDescriptor.retrying { shutdown(owned.rawValue, how) }
    }

    /// The host socket of a socket descriptor; `ENOTSOCK` for anything else.
    private func socket(of descriptor: Descriptor) throws(WASIErrno) -> OwnedDescriptor {
        guard case .socket(let owned) = descriptor.kind else { throw .notSocket }
        return owned
    }
}
