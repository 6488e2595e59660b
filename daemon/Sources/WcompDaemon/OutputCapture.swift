import Dispatch
import Foundation
import WASI
import WcompDaemonProto

/// Routes a guest's stdout and stderr into its `InstanceLog`. The grants route each stream
/// to an in-memory pipe; `collect` moves what arrived into the log. While a call runs,
/// `startPolling` collects periodically so followers see output as it is written.
///
/// A pipe that has grown past `swapBytes` is replaced by a fresh one (the host reads the route
/// at every write, so the next write goes to the new pipe). A write already under way may
/// still land in the old pipe, so a replaced pipe is read once more before it is dropped.
final class OutputCapture: @unchecked Sendable {
    /// How often a running call's output is collected.
    static let pollInterval: DispatchTimeInterval = .milliseconds(50)
    /// The pipe size past which a pipe is replaced.
    static let swapBytes = 64 * 1024

    /// One captured stream: the pipe in the grants and those replaced during the call.
    private struct Tap {
        let stream: Wcomp_Daemon_V1_LogEntry.Stream
        var current = MemoryPipe()
        /// Bytes of `current` already in the log.
        var consumed = 0
        /// Replaced pipes, how much of each is in the log, and whether it was read again
        /// since (a write that raced the replacement has landed by then; it is dropped after).
        var replaced: [(pipe: MemoryPipe, consumed: Int, readAgain: Bool)] = []
    }

    let log: InstanceLog
    private let grants: GrantSet
    private let lock = NSLock()
    // Guarded by `lock`.
    private var taps = [Tap(stream: .stdout), Tap(stream: .stderr)]
    private var timer: (any DispatchSourceTimer)?
    private var pollers = 0

    /// Routes the stdout and stderr of `grants` into `log`.
    init(grants: GrantSet, log: InstanceLog) {
        self.grants = grants
        self.log = log
        let (stdout, stderr) = (taps[0].current, taps[1].current)
        grants.update {
            $0.stdio.stdout = .pipe(stdout)
            $0.stdio.stderr = .pipe(stderr)
        }
    }

    /// Collects every `pollInterval` until every `startPolling()` has had its `stopPolling()`
    /// (a call runs, or the instance serves HTTP requests, which run at any time).
    func startPolling() {
        lock.withLock {
            pollers += 1
            guard timer == nil else { return }
            let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
            timer.schedule(deadline: .now() + Self.pollInterval, repeating: Self.pollInterval)
            timer.setEventHandler { [weak self] in self?.collect(callEnded: false) }
            self.timer = timer
            timer.resume()
        }
    }

    /// Ends one `startPolling()`. After the last one, collects the rest of the output:
    /// replaced pipes are done with and unfinished lines are flushed.
    func stopPolling() {
        let timer = lock.withLock { () -> (any DispatchSourceTimer)? in
            pollers -= 1
            guard pollers == 0 else { return nil }
            defer { self.timer = nil }
            return self.timer
        }
        guard let timer else { return }
        timer.cancel()
        collect(callEnded: true)
    }

    /// Moves new output into the log.
    private func collect(callEnded: Bool) {
        lock.withLock {
            for index in taps.indices {
                var tap = taps[index]
                tap.replaced = tap.replaced.compactMap { replaced in
                    let contents = replaced.pipe.contents
                    log.append(contents.dropFirst(replaced.consumed), from: tap.stream)
                    return callEnded || replaced.readAgain ? nil : (replaced.pipe, contents.count, true)
                }
                let contents = tap.current.contents
                log.append(contents.dropFirst(tap.consumed), from: tap.stream)
                tap.consumed = contents.count
                if tap.consumed >= Self.swapBytes {
                    let fresh = MemoryPipe()
                    if !callEnded { tap.replaced.append((tap.current, tap.consumed, false)) }
                    tap.current = fresh
                    tap.consumed = 0
                    grants.update { grants in
                        if tap.stream == .stdout { grants.stdio.stdout = .pipe(fresh) } else { grants.stdio.stderr = .pipe(fresh) }
                    }
                }
                taps[index] = tap
            }
        }
        if callEnded { log.flush() }
    }
}
