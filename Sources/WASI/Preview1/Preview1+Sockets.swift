/// `sock_*`. Preview1 can only use sockets the host opened for the guest beforehand; the
/// grants provide none yet (outbound rules are for WASI 0.2 sockets and HTTP), so every
/// descriptor is either not a socket (`ENOTSOCK`) or not open (`EBADF`).
extension WASIHost {
    func socketAccept(_ call: Preview1Call) throws(WASIErrno) {
        try requireSocket(call.u32(0), grants: call.grants)
    }

    func socketReceive(_ call: Preview1Call) throws(WASIErrno) {
        try requireSocket(call.u32(0), grants: call.grants)
    }

    func socketSend(_ call: Preview1Call) throws(WASIErrno) {
        try requireSocket(call.u32(0), grants: call.grants)
    }

    func socketShutdown(_ call: Preview1Call) throws(WASIErrno) {
        try requireSocket(call.u32(0), grants: call.grants)
    }

    /// No descriptor is a socket: `EBADF` for a number that is not open, `ENOTSOCK` otherwise.
    private func requireSocket(_ number: UInt32, grants: WASIGrants) throws(WASIErrno) {
        _ = try authorized(number, grants: grants)
        throw .notSocket
    }
}
