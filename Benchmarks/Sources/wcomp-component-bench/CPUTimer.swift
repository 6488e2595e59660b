import Foundation

/// Times operations in the calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so that other
/// processes on a shared machine do not inflate the figures; the wasmtime anchor uses the same
/// clock (`time.thread_time_ns`).
enum CPUTimer {
    /// The thread's CPU time in nanoseconds.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// The median over `rounds` of the nanoseconds one `body()` takes in a loop of `count` calls.
    static func nanosecondsPerOperation(count: Int, rounds: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0 ..< rounds {
            let start = now()
            for _ in 0 ..< count { try body() }
            samples.append(Double(now() - start) / Double(count))
        }
        samples.sort()
        let middle = samples.count / 2
        return samples.count % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2
    }
}
