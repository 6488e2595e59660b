import Dispatch

/// A serial executor on a Dispatch queue, for the daemon's actors whose methods block
/// (synchronous SQLite writes with fsync, blob files): their jobs run on Dispatch's threads
/// instead of occupying Swift's cooperative pool, which has one thread per core.
final class DispatchSerialExecutor: SerialExecutor {
    private let queue: DispatchQueue

    /// An executor on a new serial queue named `label`.
    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
