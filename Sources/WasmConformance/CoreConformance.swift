import Foundation
import WasmCore

/// The core WebAssembly spec test suite: every .wast file under a directory, run by
/// `WastSuite` with `CoreScriptRunner` in the child processes. `simd_*.wast` files are counted
/// as skipped: the runtime has no SIMD.
///
/// The language features follow the directory: `proposals/<name>/` runs with that proposal
/// enabled (see `CoreProposal`), anything else with WebAssembly 2.0; `--features a,b` (proposal
/// folder names, or `none`) overrides that. Proposals the runtime does not implement, and the
/// legacy exception-handling scripts, are counted as skipped.
enum CoreConformance {
    /// Runs the suite on every .wast file under `directory` whose name or relative path is in
    /// `options` (all files when there is none besides `--features LIST`).
    static func run(directory: URL, options: [String]) -> ConformanceTotals {
        var files = options
        let proposal: CoreProposal
        if let flag = files.firstIndex(of: "--features") {
            guard flag + 1 < files.count, let named = CoreProposal(featureList: files[flag + 1]) else {
                FileHandle.standardError.write(Data("core: --features takes a comma-separated list of \(CoreProposal.knownNames)\n".utf8))
                return ConformanceTotals(failed: 1)
            }
            proposal = named
            files.removeSubrange(flag...flag + 1)
        } else {
            proposal = CoreProposal(directory: directory)
        }
        if let reason = proposal.unsupportedReason {
            FileHandle.standardError.write(Data("core: skipping \(directory.lastPathComponent): \(reason)\n".utf8))
        }
        let suite = WastSuite(name: "core", scriptCommand: "core-script", scriptArguments: [proposal.argument]) { file in
            file.name.hasPrefix("simd_") || proposal.unsupportedReason != nil
                || file.relativePath.hasPrefix("legacy/")  // legacy exception handling (try/catch/delegate/rethrow)
        }
        return suite.run(directory: directory, options: files)
    }

    /// Entry of the child process for one converted script; `options` holds the feature argument.
    static func runScript(json: URL, options: [String]) -> ConformanceTotals {
        let features = options.first.flatMap { CoreProposal(featureList: $0) }?.features ?? .webAssembly2
        return WastSuite.runScript(json: json) { try CoreScriptRunner(wasmDirectory: $0, features: features) }
    }
}
