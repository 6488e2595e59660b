#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A host file descriptor the WASI host owns and closes when the last reference goes.
final class OwnedDescriptor {
    let rawValue: Int32

    init(_ rawValue: Int32) { self.rawValue = rawValue }

    deinit { close(rawValue) }

    /// Flags for a descriptor used only as the base of `*at` calls while walking a path.
    static var searchFlags: Int32 {
        #if os(Linux)
        HostConstants.pathOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        #else
        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        #endif
    }

    /// Retries a system call while it fails with EINTR; throws the WASI error for any other failure.
    static func retrying<T: BinaryInteger>(_ call: () -> T) throws(WASIErrno) -> T {
        while true {
            let result = call()
            if result >= 0 { return result }
            if errno != EINTR { throw WASIErrno.current }
        }
    }

    /// Throws the WASI error for a call that returns 0 on success and an error number
    /// otherwise (`posix_fadvise`, `posix_fallocate`).
    static func check(returned code: Int32) throws(WASIErrno) {
        if code != 0 { throw WASIErrno(hostErrno: code) }
    }
}
