import Foundation
import WasmCore

/// The WebAssembly features a core test directory needs, named like the folders of the spec
/// test suite's `proposals/` directory.
struct CoreProposal {
    /// Proposal folder names and the features they enable.
    static let supported: [(name: String, features: WasmFeatures)] = [
        ("multi-memory", .multiMemory),
        ("extended-const", .extendedConst),
        ("tail-call", .tailCall),
        // Its try_table.wast also uses return_call.
        ("exception-handling", [.exceptionHandling, .tailCall]),
    ]
    /// Proposal folders the runtime does not implement, with the reason they are skipped.
    static let unsupported: [String: String] = [
        "function-references": "typed function references are not implemented",
        "threads": "shared memories and atomics are not implemented",
        "memory64": "64-bit memories are not implemented",
        "gc": "garbage-collected types are not implemented",
    ]
    /// The names `--features` accepts, for messages.
    static var knownNames: String { (["none"] + supported.map(\.name)).joined(separator: ", ") }

    var features: WasmFeatures
    /// Why the directory's scripts are skipped, if they need an unimplemented proposal.
    var unsupportedReason: String?

    /// The features of the proposal folder `directory` names; WebAssembly 2.0 for other folders.
    init(directory: URL) {
        let name = directory.standardizedFileURL.lastPathComponent
        features = Self.supported.first { $0.name == name }?.features ?? .webAssembly2
        unsupportedReason = Self.unsupported[name]
    }

    /// The features of a comma-separated list of proposal names (`none` for WebAssembly 2.0);
    /// nil if a name is unknown.
    init?(featureList: String) {
        features = []
        for name in featureList.split(separator: ",").map(String.init) where name != "none" {
            guard let entry = Self.supported.first(where: { $0.name == name }) else { return nil }
            features.formUnion(entry.features)
        }
    }

    /// The feature list in the form `init(featureList:)` reads, for the child processes.
    var argument: String {
        let names = Self.supported.filter { features.contains($0.features) }.map(\.name)
        return names.isEmpty ? "none" : names.joined(separator: ",")
    }
}
