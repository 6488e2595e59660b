import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import WcompDaemon
import WcompDaemonProto

/// A `wcompd serve` child process (the built executable, not an in-process server), for tests
/// that need a real process: one a foreign client talks to, or one that is killed.
final class DaemonProcess: Sendable {
    /// The state directory it serves.
    let stateDirectory: String
    /// The file its stdout and stderr go to (appended to across restarts).
    let logPath: String
    private let process: Process

    /// The `wcompd` executable built next to the test bundle.
    static var executable: String {
        get throws {
            let binary = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            let path = binary.deletingLastPathComponent().appendingPathComponent("wcompd").path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw DaemonProcessError("\(path) is missing: build the package's products first (`swift build --build-tests`)")
            }
            return path
        }
    }

    /// Starts `wcompd serve --state stateDirectory` with `arguments` added and waits until its
    /// Unix socket answers health checks.
    init(stateDirectory: String, arguments: [String] = []) async throws {
        self.stateDirectory = stateDirectory
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable)
        process.arguments = ["serve", "--state", stateDirectory] + arguments
        logPath = stateDirectory + ".log"
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try await waitUntilServing()
    }

    /// The daemon's Unix socket.
    var socketPath: String { stateDirectory + "/wcompd.sock" }

    /// Runs `body` with a client on the Unix socket.
    func withClient<Result: Sendable>(_ body: (DaemonClient<HTTP2ClientTransport.Posix>) async throws -> Result) async throws -> Result {
        try await withDaemonClient(DaemonEndpoint(address: .unixSocket(path: socketPath)), body)
    }

    /// Kills the process with SIGKILL (no chance to clean up) and waits until it is gone.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Asks the process to shut down gracefully (SIGTERM) and returns its exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Everything written to the log file so far.
    var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    private func waitUntilServing() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw DaemonProcessError("wcompd exited with status \(process.terminationStatus) at start: \(log)")
            }
            if FileManager.default.fileExists(atPath: socketPath) {
                let status = try? await withTimeout(.seconds(2)) {
                    try await self.withClient { try await $0.health.check(Grpc_Health_V1_HealthCheckRequest()).status }
                }
                if status == .serving { return }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill()
        throw DaemonProcessError("wcompd did not start serving within 60 s: \(log)")
    }
}

/// A child daemon that could not be started or did not behave.
struct DaemonProcessError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs `body`, cancelling it when it has not finished after `timeout`.
func withTimeout<Result: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw DaemonProcessError("timed out after \(timeout)")
        }
        return result
    }
}
