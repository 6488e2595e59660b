import Foundation

/// Runs the tools the differential tests compare against: `wasm-tools` to assemble the
/// component text fixtures and `python3` with the `wasmtime` package as the reference runtime.
enum ExternalTools {
    /// `Tests/Differential`, where the fixtures and the wasmtime runner live.
    static let differentialDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Differential")

    /// Why the tools cannot be used here, or nil when they can.
    static let unavailableReason: String? = {
        if (try? run("wasm-tools", ["--version"])) == nil { return "wasm-tools is not on PATH" }
        if (try? run("python3", ["-c", "import wasmtime.component"])) == nil {
            return "python3 with the wasmtime package (wasmtime.component) is not available"
        }
        return nil
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `tool` (looked up on PATH) with `arguments`; returns its standard output, or throws
    /// with its standard error when it exits with a non-zero status.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The tools write little to standard error, so reading standard output first cannot
        // leave them blocked on a full error pipe.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    /// Assembles `Tests/Differential/components/<name>.wat` into a component binary.
    static func assemble(_ name: String) throws -> (path: String, bytes: [UInt8]) {
        let source = differentialDirectory.appendingPathComponent("components/\(name).wat").path
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("wcomp-differential-\(ProcessInfo.processInfo.processIdentifier)-\(name).wasm").path
        try run("wasm-tools", ["parse", source, "-o", output])
        guard let data = FileManager.default.contents(atPath: output) else {
            throw Failure(description: "wasm-tools wrote no \(output)")
        }
        return (output, [UInt8](data))
    }

    /// The calls file of fixture `name`.
    static func calls(_ name: String) throws -> String {
        try String(contentsOf: differentialDirectory.appendingPathComponent("components/\(name).calls"), encoding: .utf8)
    }

    /// The lines `run_wasmtime.py` prints for the calls of fixture `name` on `component`.
    static func wasmtimeOutcomes(component: String, fixture name: String) throws -> [String] {
        let script = differentialDirectory.appendingPathComponent("run_wasmtime.py").path
        let calls = differentialDirectory.appendingPathComponent("components/\(name).calls").path
        return try run("python3", [script, component, calls]).split(separator: "\n").map(String.init)
    }
}
