#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `proc_raise` and `sched_yield` (`proc_exit` is defined with the registry: it returns nothing).
extension WASIHost {
    /// Signals do not exist for a guest.
    func processRaise(_ call: Preview1Call) throws(WASIErrno) {
        throw .noSystemCall
    }

    func schedulerYield(_ call: Preview1Call) throws(WASIErrno) {
        _ = sched_yield()
    }
}
