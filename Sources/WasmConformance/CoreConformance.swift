import Foundation

/// The core WebAssembly spec test suite: every .wast file under a directory, run by
/// `WastSuite` with `CoreScriptRunner` in the child processes. `simd_*.wast` files are counted
/// as skipped: the runtime has no SIMD.
enum CoreConformance {
    static let suite = WastSuite(name: "core", scriptCommand: "core-script") { $0.name.hasPrefix("simd_") }

    /// Runs the suite on every .wast file under `directory` whose name or relative path is in
    /// `options` (all files when `options` is empty).
    static func run(directory: URL, options: [String]) -> ConformanceTotals {
        suite.run(directory: directory, options: options)
    }

    /// Entry of the child process for one converted script.
    static func runScript(json: URL) -> ConformanceTotals {
        WastSuite.runScript(json: json) { try CoreScriptRunner(wasmDirectory: $0) }
    }
}
