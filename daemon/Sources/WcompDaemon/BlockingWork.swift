import Dispatch

/// Runs work that blocks a thread (CPU-heavy composition and validation, synchronous file and
/// SQLite I/O) on Dispatch's threads instead of Swift's cooperative pool, which has one
/// thread per core: blocking it stalls every other task of the daemon (and of an in-process
/// test run) until the work ends.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "wcompd.blocking", qos: .userInitiated, attributes: .concurrent)

    /// The result of `body`, computed on a Dispatch thread.
    static func run<Result: Sendable>(_ body: @escaping @Sendable () throws(DaemonError) -> Result) async throws(DaemonError) -> Result {
        let outcome: Swift.Result<Result, DaemonError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Swift.Result { () throws(DaemonError) -> Result in try body() })
            }
        }
        return try outcome.get()
    }
}
