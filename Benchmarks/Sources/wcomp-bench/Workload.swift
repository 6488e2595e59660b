import Foundation

/// One benchmark workload: a module in `workloads/` exporting `run(i32) -> i32`, the argument
/// that sizes one call, and the checksum that call must return.
struct Workload: Sendable {
    /// The module's base name: `workloads/<name>.wasm`.
    var name: String
    /// The argument passed to `run`.
    var argument: UInt32
    /// The checksum `run(argument)` returns on a correct runtime.
    var expectedChecksum: UInt32
    /// What the workload exercises, for the report.
    var summary: String
    /// The module file.
    var file: URL

    /// The expected result in the `i32:<u32>` notation both runtimes' results are rendered in.
    var expectedResult: String { "i32:\(expectedChecksum)" }
}

/// A problem with the workload manifest, with the line it was found on.
struct ManifestError: Error, CustomStringConvertible {
    var file: String
    var line: Int
    var message: String
    var description: String { "\(file):\(line): \(message)" }
}

/// Reads `workloads/workloads.txt`: one workload per line, `name argument checksum summary...`,
/// `#` starts a comment. `workloads/check.py` reads the same file.
enum WorkloadManifest {
    /// Parses the manifest in `directory`.
    static func load(from directory: URL) throws -> [Workload] {
        let manifest = directory.appendingPathComponent("workloads.txt")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        var workloads: [Workload] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: \.isWhitespace)
            if fields.isEmpty { continue }
            guard fields.count >= 3, let argument = UInt32(fields[1]), let checksum = UInt32(fields[2]) else {
                throw ManifestError(
                    file: manifest.path, line: index + 1,
                    message: "expected 'name argument checksum summary', found '\(rawLine)'")
            }
            let name = String(fields[0])
            workloads.append(Workload(
                name: name, argument: argument, expectedChecksum: checksum,
                summary: fields.dropFirst(3).joined(separator: " "),
                file: directory.appendingPathComponent("\(name).wasm")))
        }
        return workloads
    }
}
