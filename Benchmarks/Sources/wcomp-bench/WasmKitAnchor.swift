import Foundation

/// Why the WasmKit anchor process failed.
struct WasmKitAnchorError: Error, CustomStringConvertible {
    var description: String
}

/// The `wasmkit-anchor` child process (package `WasmKitAnchor/`), which runs workloads on
/// WasmKit. One request per line on its stdin, `run <argument> <wasm-path>`; one reply per
/// line on its stdout, `ok <type>:<bits> <nanoseconds>` or `error <message>`. It instantiates
/// each module once and times only the call, like `WcompRunner`.
final class WasmKitAnchor {
    private let process = Process()
    private let requests = Pipe()
    private let replies = Pipe()
    private var pending = Data()

    /// The build options of both runtimes: release, frame pointers omitted (as wcomp-bench itself
    /// is built, see Benchmarks/README.md).
    static let buildOptions = ["-c", "release", "--omit-frame-pointers"]

    /// Builds the anchor package with `buildOptions` (a no-op when it is up to date) and returns
    /// the path of its executable. Build output goes to this process's stderr.
    static func build(packageDirectory: URL) throws -> URL {
        try runSwift(["build"] + buildOptions + ["--package-path", packageDirectory.path], captureOutput: false)
        let binPath = try runSwift(
            ["build"] + buildOptions + ["--package-path", packageDirectory.path, "--show-bin-path"],
            captureOutput: true)
        return URL(fileURLWithPath: binPath.trimmingCharacters(in: .whitespacesAndNewlines))
            .appendingPathComponent("wasmkit-anchor")
    }

    @discardableResult
    private static func runSwift(_ arguments: [String], captureOutput: Bool) throws -> String {
        let swift = Process()
        swift.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        swift.arguments = ["swift"] + arguments
        let output = Pipe()
        swift.standardOutput = captureOutput ? output : FileHandle.standardError
        try swift.run()
        let data = captureOutput ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        swift.waitUntilExit()
        guard swift.terminationStatus == 0 else {
            throw WasmKitAnchorError(
                description: "'swift \(arguments.joined(separator: " "))' failed with status \(swift.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts the anchor executable at `executable`.
    init(executable: URL) throws {
        process.executableURL = executable
        process.standardInput = requests
        process.standardOutput = replies
        try process.run()
    }

    deinit {
        try? requests.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Runs `workload` once on WasmKit and returns the result and the duration of the call.
    func run(_ workload: Workload) throws -> Measurement {
        let request = "run \(workload.argument) \(workload.file.path)\n"
        try requests.fileHandleForWriting.write(contentsOf: Data(request.utf8))
        let reply = try readReply()
        let fields = reply.split(separator: " ", maxSplits: 2)
        if fields.first == "error" {
            throw WasmKitAnchorError(description: "WasmKit: \(fields.dropFirst().joined(separator: " "))")
        }
        guard fields.count == 3, fields[0] == "ok", let nanoseconds = Int64(fields[2]) else {
            throw WasmKitAnchorError(description: "unexpected reply from wasmkit-anchor: '\(reply)'")
        }
        return Measurement(result: String(fields[1]), duration: .nanoseconds(nanoseconds))
    }

    private func readReply() throws -> String {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                return line
            }
            let chunk = replies.fileHandleForReading.availableData
            if chunk.isEmpty {
                throw WasmKitAnchorError(description: "wasmkit-anchor exited before replying")
            }
            pending.append(chunk)
        }
    }
}
