import Foundation

/// The Component Model test suite (WebAssembly/component-model test/): every .wast file under
/// a directory, run by `WastSuite` with `ComponentScriptRunner` in the child processes. Files
/// under `async/` are counted as skipped: the runtime does not implement the async ABI.
enum ComponentConformance {
    static let suite = WastSuite(name: "component-model", scriptCommand: "component-script") {
        $0.relativePath.hasPrefix("async/")
    }

    /// Runs the suite on every .wast file under `directory` whose name or relative path is in
    /// `options` (all files when `options` is empty).
    static func run(directory: URL, options: [String]) -> ConformanceTotals {
        suite.run(directory: directory, options: options)
    }

    /// Entry of the child process for one converted script.
    static func runScript(json: URL) -> ConformanceTotals {
        WastSuite.runScript(json: json) { ComponentScriptRunner(wasmDirectory: $0) }
    }
}
