import Foundation
import Synchronization

/// A failed command of a script: where and why.
struct WastFailure {
    var line: Int
    var message: String
}

/// The result of one command of a script.
enum WastOutcome {
    case passed
    case failed(String)
    case skipped
    /// A command that succeeded and asserts nothing (defining a component): not counted.
    case uncounted
}

/// A command of a converted script, whatever its suite.
protocol WastScriptCommand: Decodable {
    /// Line of the command in the .wast file.
    var line: Int { get }
}

/// What a suite's child process runs for one converted script.
protocol WastScriptRunning: AnyObject {
    associatedtype Command: WastScriptCommand
    var totals: ConformanceTotals { get }
    var failures: [WastFailure] { get }
    /// Runs `command` and counts its outcome.
    func run(_ command: Command)
}

/// The command list of a converted script.
private struct WastCommandList<Command: WastScriptCommand>: Decodable {
    var commands: [Command]
}

/// A conformance suite of .wast files (core, component-model): every .wast file under a
/// directory is converted with `wasm-tools json-from-wast`, then its commands run in a child
/// process (`wcomp-conformance SCRIPT-COMMAND script.json`), so that a crash or hang of the
/// runtime on one file is reported as that file's failure and the suite goes on. Files run two
/// or more at a time (one per core).
struct WastSuite: Sendable {
    /// The suite name printed in messages (`core`).
    var name: String
    /// The child-process suite argument (`core-script`).
    var scriptCommand: String
    /// Arguments passed to the child process after the script's path.
    var scriptArguments: [String] = []
    /// Files whose commands are all counted as skipped, by path relative to the suite directory.
    var isSkipped: @Sendable (WastFile) -> Bool

    /// How long one file may run before its child process is terminated.
    static let fileTimeLimit: Duration = .seconds(300)
    /// How many failing commands are shown per file.
    static let shownFailures = 5

    /// Runs the suite on every .wast file under `directory` whose name or relative path is in
    /// `options` (all files when `options` is empty).
    func run(directory: URL, options: [String]) -> ConformanceTotals {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("wcomp-conformance-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            return failure("cannot create \(scratch.path): \(error)")
        }
        guard WastConverter.isAvailable(scratch: scratch) else {
            return failure("wasm-tools is not on PATH (scripts/setup installs it)")
        }
        let files = Self.wastFiles(in: directory).filter { file in
            options.isEmpty || options.contains { $0 == file.relativePath || $0 == file.name || $0 + ".wast" == file.name }
        }
        guard !files.isEmpty else { return failure("no .wast files under \(directory.path)") }

        let board = ReportBoard(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let workspace = scratch.appendingPathComponent(String(index))
            let report = runFile(files[index], workspace: workspace)
            try? FileManager.default.removeItem(at: workspace)
            board.publish(report, at: index)
        }
        return board.totals
    }

    /// Entry of the child process: runs one converted script with `runner` and prints up to
    /// `shownFailures` failures, indented, as they happen. Before each command it writes
    /// `@LINE PASSED FAILED SKIPPED` to standard error, so a crash can be located and counted.
    static func runScript<Runner: WastScriptRunning>(json: URL, makeRunner: (URL) throws -> Runner) -> ConformanceTotals {
        let script: WastCommandList<Runner.Command>
        let runner: Runner
        do {
            script = try JSONDecoder().decode(WastCommandList<Runner.Command>.self, from: Data(contentsOf: json))
            runner = try makeRunner(json.deletingLastPathComponent().appendingPathComponent("wasm"))
        } catch {
            write("    cannot run script: \(error)\n", to: .standardOutput)
            return ConformanceTotals(failed: 1)
        }
        for command in script.commands {
            let totals = runner.totals
            write("@\(command.line) \(totals.passed) \(totals.failed) \(totals.skipped)\n", to: .standardError)
            runner.run(command)
            if runner.failures.count > totals.failed, runner.failures.count <= shownFailures,
               let failure = runner.failures.last {
                write("    line \(failure.line): \(failure.message)\n", to: .standardOutput)
            }
        }
        if runner.failures.count > shownFailures {
            write("    ... and \(runner.failures.count - shownFailures) more failures\n", to: .standardOutput)
        }
        return runner.totals
    }

    // MARK: - One file

    /// A .wast file and its path relative to the suite directory.
    struct WastFile: Sendable {
        var url: URL
        var relativePath: String
        var name: String { url.lastPathComponent }
    }

    /// The outcome of one file: its counts and the lines to print under its summary line.
    struct FileReport: Sendable {
        var path: String
        var totals: ConformanceTotals
        var details: [String]

        var summary: String {
            let status = totals.failed > 0 ? "FAIL" : totals.passed == 0 && totals.skipped > 0 ? "SKIP" : "PASS"
            return "  \(status) \(path): \(totals.passed) passed, \(totals.failed) failed, \(totals.skipped) skipped"
        }
    }

    static func wastFiles(in directory: URL) -> [WastFile] {
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        var files: [WastFile] = []
        for case let url as URL in enumerator where url.pathExtension == "wast" {
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(base + "/") { relative.removeFirst(base.count + 1) }
            files.append(WastFile(url: url, relativePath: relative))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    private func runFile(_ file: WastFile, workspace: URL) -> FileReport {
        var report = FileReport(path: file.relativePath, totals: ConformanceTotals(), details: [])
        if isSkipped(file) {
            // A file that does not convert still counts as one skipped command.
            let json = try? WastConverter.convert(file.url, into: workspace)
            report.totals.skipped = max(json.flatMap { try? WastScript.commandCount(in: $0) } ?? 1, 1)
            return report
        }
        do {
            let json = try WastConverter.convert(file.url, into: workspace)
            try runChild(json: json, workspace: workspace, into: &report)
        } catch {
            report.totals.failed += 1
            report.details.append("    \(error)")
        }
        return report
    }

    private func runChild(json: URL, workspace: URL, into report: inout FileReport) throws {
        let output = workspace.appendingPathComponent("stdout.txt")
        let errors = workspace.appendingPathComponent("stderr.txt")
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let termination = try Subprocess.run(
            Self.currentExecutable(), [scriptCommand, json.path] + scriptArguments,
            standardOutput: output, standardError: errors, environment: environment, timeLimit: Self.fileTimeLimit)

        let outputLines = ((try? String(contentsOf: output, encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
        if case .exited = termination, let last = outputLines.last, let totals = parseTotals(last) {
            report.totals = totals
            report.details = Array(outputLines.dropLast())
            return
        }
        // The child crashed or hung: keep what it counted, fail the commands it did not reach.
        report.details = outputLines
        let errorLines = ((try? String(contentsOf: errors, encoding: .utf8)) ?? "").split(separator: "\n")
        let progress = errorLines.last { $0.hasPrefix("@") }?.dropFirst().split(separator: " ").compactMap { Int($0) }
        let commandCount = try WastScript.commandCount(in: json)
        if let progress, progress.count == 4 {
            report.totals = ConformanceTotals(passed: progress[1], failed: progress[2], skipped: progress[3])
        }
        let reached = report.totals.passed + report.totals.failed + report.totals.skipped
        report.totals.failed += commandCount - reached
        let location = progress.map { "at line \($0[0])" } ?? "before the first command"
        let how: String = switch termination {
        case .timedOut: "timed out after \(Self.fileTimeLimit)"
        case .signaled(let signal): "crashed with signal \(signal)"
        case .exited(let status): "exited with status \(status) without totals"
        }
        report.details.append("    runner \(how) \(location); \(commandCount - reached) commands not run counted as failed")
        report.details += errorLines.filter { !$0.hasPrefix("@") }.prefix(3).map { "    | \($0)" }
    }

    /// Parses `SCRIPT-COMMAND: P passed, F failed, S skipped`.
    private func parseTotals(_ line: String) -> ConformanceTotals? {
        guard line.hasPrefix("\(scriptCommand): ") else { return nil }
        let numbers = line.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        return ConformanceTotals(passed: numbers[0], failed: numbers[1], skipped: numbers[2])
    }

    private static func currentExecutable() -> URL {
        Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    private func failure(_ message: String) -> ConformanceTotals {
        Self.write("\(name): \(message)\n", to: .standardError)
        return ConformanceTotals(failed: 1)
    }

    private enum Stream { case standardOutput, standardError }

    /// Unbuffered write, so that lines survive a crash of the process.
    private static func write(_ text: String, to stream: Stream) {
        (stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
    }
}

/// Collects file reports from concurrent workers and prints them in file order as soon as
/// every earlier file is done.
private final class ReportBoard: Sendable {
    private struct State {
        var reports: [WastSuite.FileReport?]
        var nextToPrint = 0
        var totals = ConformanceTotals()
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(reports: Array(repeating: nil, count: count)))
    }

    func publish(_ report: WastSuite.FileReport, at index: Int) {
        state.withLock { state in
            state.reports[index] = report
            while state.nextToPrint < state.reports.count, let ready = state.reports[state.nextToPrint] {
                let lines = [ready.summary] + ready.details
                FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
                state.totals += ready.totals
                state.nextToPrint += 1
            }
        }
    }

    var totals: ConformanceTotals { state.withLock { $0.totals } }
}
