import Foundation

/// Prints the comparison table and the geometric mean of the ratios.
enum Report {
    /// Prints one row per workload, then the summary; problems are printed loudly to stdout and stderr.
    static func print(_ comparisons: [WorkloadComparison], rounds: Int) {
        let header = ["workload", "argument", "wcomp (s)", "WasmKit (s)", "WasmKit/wcomp", "spread", "checksum"]
        var rows = [header]
        for comparison in comparisons {
            rows.append([
                comparison.workload.name,
                "\(comparison.workload.argument)",
                format(comparison.wcompSeconds, digits: 3),
                format(comparison.wasmKitSeconds, digits: 3),
                format(comparison.ratio, digits: 2),
                String(format: "%.0f%%", comparison.spread * 100),
                comparison.problems.isEmpty ? "ok" : "FAILED",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            Swift.print(cells.joined(separator: "  "))
        }
        Swift.print("")
        Swift.print("median of \(rounds) interleaved rounds per runtime after one warm-up call; instantiation not timed")
        Swift.print("spread: (slowest - fastest) / median over the rounds, the larger of the two runtimes")
        let ratios = comparisons.compactMap(\.ratio)
        if let geometricMean = Statistics.geometricMean(ratios) {
            let verdict = geometricMean >= 1 ? "wcomp is faster" : "wcomp is slower"
            Swift.print(String(
                format: "geometric mean of WasmKit/wcomp over %d workloads: %.2f (%@)",
                ratios.count, geometricMean, verdict))
        }
        for comparison in comparisons {
            for problem in comparison.problems {
                let line = "!!! \(comparison.workload.name): \(problem)"
                Swift.print(line)
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
    }

    private static func format(_ value: Double?, digits: Int) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(digits)f", value)
    }
}
