// wcomp-bench: times the workloads in ../workloads on wcomp and on WasmKit, interleaved, and
// prints per-workload medians, the ratio WasmKit/wcomp (above 1: wcomp is faster) and the
// geometric mean of the ratios. Not a test: it never fails on a time, only on a wrong checksum.
//
// Usage: swift run -c release --omit-frame-pointers wcomp-bench [--rounds N] [workload-name ...]

import Foundation

let benchmarksDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // wcomp-bench
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()  // Benchmarks

/// The command line: the number of timed rounds and an optional subset of workloads.
struct Options {
    var rounds = 5
    var selectedNames: [String] = []

    /// Parses `arguments` (without the program name); nil after printing usage on bad input.
    init?(arguments: [String]) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--rounds" {
                guard let value = remaining.popFirst().flatMap({ Int($0) }), value > 0 else { return nil }
                rounds = value
            } else if argument.hasPrefix("-") {
                return nil
            } else {
                selectedNames.append(argument)
            }
        }
    }
}

/// Prints `message` to stderr and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("wcomp-bench: \(message)\n".utf8))
    exit(1)
}

guard let options = Options(arguments: Array(CommandLine.arguments.dropFirst())) else {
    fail("usage: wcomp-bench [--rounds N] [workload-name ...]")
}

var workloads: [Workload]
do {
    workloads = try WorkloadManifest.load(from: benchmarksDirectory.appendingPathComponent("workloads"))
} catch {
    fail("\(error)")
}
if !options.selectedNames.isEmpty {
    let unknown = options.selectedNames.filter { name in !workloads.contains { $0.name == name } }
    guard unknown.isEmpty else {
        fail("unknown workload(s) \(unknown.joined(separator: ", ")); known: \(workloads.map(\.name).joined(separator: ", "))")
    }
    workloads = workloads.filter { options.selectedNames.contains($0.name) }
}

let anchor: WasmKitAnchor
do {
    FileHandle.standardError.write(Data("wcomp-bench: building the WasmKit anchor (release)...\n".utf8))
    let executable = try WasmKitAnchor.build(packageDirectory: benchmarksDirectory.appendingPathComponent("WasmKitAnchor"))
    anchor = try WasmKitAnchor(executable: executable)
} catch {
    fail("\(error)")
}

var comparisons: [WorkloadComparison] = []
for workload in workloads {
    FileHandle.standardError.write(Data("wcomp-bench: \(workload.name)(\(workload.argument))...\n".utf8))
    comparisons.append(WorkloadComparison.measure(workload, rounds: options.rounds, anchor: anchor))
}
Report.print(comparisons, rounds: options.rounds)
if comparisons.contains(where: { !$0.problems.isEmpty }) { exit(1) }
