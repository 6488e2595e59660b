import Foundation
import Testing

/// The `wcompd` control client run as a process against a `wcompd serve` child: the short
/// commands and their `--json` output.
@Suite("wcompd client commands")
struct ClientCommandTests {
    /// What one run of the client printed and how it exited.
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String

        /// Each stdout line parsed as a JSON object.
        func jsonRecords() throws -> [[String: Any]] {
            try stdout.split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
                guard let record = object as? [String: Any] else { throw DaemonProcessError("not a JSON object: \(line)") }
                return record
            }
        }
    }

    /// Runs `wcompd arguments... --socket` the daemon's socket and waits for it to exit.
    static func client(_ arguments: [String], daemon: DaemonProcess) throws -> Outcome {
        try wcompd(arguments + ["--socket", daemon.socketPath])
    }

    /// Runs `wcompd arguments...` and waits for it to exit.
    static func wcompd(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try DaemonProcess.executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                       stderr: String(decoding: errors, as: UTF8.self))
    }

    static var calculatorPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/calculator.wasm").path
    }

    @Test("deploy, ps --json, invoke --json and rm drive a real daemon")
    func deployInvokeRemove() async throws {
        let daemon = try await DaemonProcess(stateDirectory: try TestDaemon.temporaryDirectory() + "/state")
        defer { _ = daemon.terminate() }

        let deployed = try Self.client(["deploy", Self.calculatorPath, "--name", "calc", "--fuel", "1000000", "--json"], daemon: daemon)
        #expect(deployed.status == 0, "\(deployed.stderr)")
        let instance = try #require(try deployed.jsonRecords().first)
        #expect(instance["name"] as? String == "calc")
        let digest = try #require(instance["component_sha256"] as? String)
        #expect(digest.count == 64 && digest.allSatisfy(\.isHexDigit))
        #expect((instance["limits"] as? [String: Any])?["fuel"] as? String == "1000000")

        let invoked = try Self.client(["invoke", "calc", "add(1, 2)", "--json"], daemon: daemon)
        #expect(invoked.status == 0, "\(invoked.stderr)")
        let result = try #require(try invoked.jsonRecords().first)
        #expect(result["wave"] as? String == "3")
        #expect((result["value"] as? [String: Any])?["unsigned"] as? String == "3")

        let listed = try Self.client(["ps", "--json"], daemon: daemon).jsonRecords()
        #expect(listed.count == 1)
        #expect(listed.first?["name"] as? String == "calc")
        #expect(listed.first?["component_sha256"] as? String == digest)
        #expect(listed.first?["state"] as? String == "STATE_IDLE")
        #expect((listed.first?["counters"] as? [String: Any])?["calls"] as? String == "1")

        let text = try Self.client(["ps"], daemon: daemon)
        #expect(text.stdout.hasPrefix("calc  "))

        let removed = try Self.client(["rm", "calc"], daemon: daemon)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try Self.client(["ps", "--json"], daemon: daemon).jsonRecords().isEmpty)

        let missing = try Self.client(["inspect", "calc", "--json"], daemon: daemon)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("notFound"))
    }

    @Test("the help of each short command shows it as typed, like the help of its subcommand", arguments: [
        ("ps", ["instance", "list"]), ("events", ["instance", "watch"]), ("inspect", ["instance", "get"]),
        ("rm", ["instance", "delete"]), ("revoke", ["grant", "revoke"]), ("compose", ["component", "compose"]),
    ])
    func shortCommandHelp(short: String, subcommand: [String]) throws {
        let help = try Self.wcompd([short, "--help"])
        #expect(help.status == 0)
        let usage = try #require(help.stdout.split(separator: "\n").first { $0.hasPrefix("USAGE:") })
        #expect(usage.hasPrefix("USAGE: wcompd \(short) "), "\(usage)")
        let full = try Self.wcompd(subcommand + ["--help"]).stdout
            .replacingOccurrences(of: "wcompd " + subcommand.joined(separator: " "), with: "wcompd " + short)
        let fromUsage = { (text: String) in text.split(separator: "\n").drop { !$0.hasPrefix("USAGE:") } }
        #expect(fromUsage(full) == fromUsage(help.stdout), "options and arguments differ from \(subcommand.joined(separator: " "))")
    }
}
