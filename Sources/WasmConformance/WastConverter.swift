import Foundation

/// Converts .wast scripts into a JSON command list plus module binaries with
/// `wasm-tools json-from-wast` (found on PATH).
enum WastConverter {
    /// Whether `wasm-tools --version` runs; its output goes to a file in `scratch`.
    static func isAvailable(scratch: URL) -> Bool {
        let output = scratch.appendingPathComponent("wasm-tools-version.txt")
        let termination = try? Subprocess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["wasm-tools", "--version"],
            standardOutput: output, standardError: output)
        return termination == .exited(0)
    }

    /// Converts `wast` into `directory`/script.json and `directory`/wasm/; returns the JSON's URL.
    static func convert(_ wast: URL, into directory: URL) throws -> URL {
        let wasmDirectory = directory.appendingPathComponent("wasm")
        try FileManager.default.createDirectory(at: wasmDirectory, withIntermediateDirectories: true)
        let json = directory.appendingPathComponent("script.json")
        let log = directory.appendingPathComponent("wasm-tools.log")
        let termination = try Subprocess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["wasm-tools", "json-from-wast", wast.path, "-o", json.path, "--wasm-dir", wasmDirectory.path],
            standardOutput: log, standardError: log)
        guard termination == .exited(0) else {
            let message = (try? String(contentsOf: log, encoding: .utf8))?
                .split(separator: "\n").first.map(String.init) ?? "\(termination)"
            throw CommandFailure("wasm-tools json-from-wast failed: \(message)")
        }
        return json
    }

    /// Assembles a module or component in the text format (`wasm-tools parse`).
    static func assemble(_ wat: URL, to wasm: URL) throws {
        let log = wasm.deletingPathExtension().appendingPathExtension("log")
        let termination = try Subprocess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["wasm-tools", "parse", wat.path, "-o", wasm.path],
            standardOutput: log, standardError: log)
        guard termination == .exited(0) else {
            let message = (try? String(contentsOf: log, encoding: .utf8))?
                .split(separator: "\n").first.map(String.init) ?? "\(termination)"
            throw CommandFailure("wasm-tools parse \(wat.lastPathComponent) failed: \(message)")
        }
    }
}
