import Foundation

/// Runs a child process with its output sent to files, optionally under a time limit.
enum Subprocess {
    /// How a child process ended.
    enum Termination: Equatable {
        case exited(Int32)
        /// Killed by this signal (a crash, when we did not send it).
        case signaled(Int32)
        /// Still running at the time limit; it was terminated.
        case timedOut
    }

    /// Runs `executable` with `arguments`, writing its standard output and error to the given
    /// files (created or truncated), and waits for it.
    static func run(
        _ executable: URL,
        _ arguments: [String],
        standardOutput: URL,
        standardError: URL,
        environment: [String: String]? = nil,
        timeLimit: Duration? = nil
    ) throws -> Termination {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try Self.truncatedFile(at: standardOutput)
        process.standardError = try Self.truncatedFile(at: standardError)

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if let timeLimit {
            let seconds = Double(timeLimit.components.seconds) + Double(timeLimit.components.attoseconds) * 1e-18
            if finished.wait(timeout: .now() + seconds) == .timedOut {
                process.terminate()
                finished.wait()
                return .timedOut
            }
        } else {
            finished.wait()
        }
        switch process.terminationReason {
        case .exit: return .exited(process.terminationStatus)
        case .uncaughtSignal: return .signaled(process.terminationStatus)
        @unknown default: return .exited(process.terminationStatus)
        }
    }

    private static func truncatedFile(at url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CommandFailure("cannot create \(url.path)")
        }
        return try FileHandle(forWritingTo: url)
    }
}
