import Foundation

/// The component-model spec tests (`../shared/testsuite/component-model`, without `async/`),
/// converted once per test process with `wasm-tools json-from-wast` into a temporary directory.
enum ComponentTestSuite {
    /// One binary the suite uses, with the command that uses it.
    struct Case: Sendable {
        /// e.g. `validation/kebab.wast:12`.
        var location: String
        /// The command type: `module`, `module_definition`, `assert_malformed`, `assert_invalid`, ...
        var command: String
        /// The expected error text for assertions.
        var expectedText: String?
        var bytes: [UInt8]
    }

    /// The converted cases and the files wasm-tools could not convert, or why the suite is
    /// unavailable.
    static let loaded: Result<(cases: [Case], unconverted: [String]), SuiteUnavailable> = load()

    struct SuiteUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether the suite could be converted; prints why not (once) when it could not.
    static let isAvailable: Bool = {
        switch loaded {
        case .success: return true
        case .failure(let reason):
            print("ComponentModelTests: \(reason)")
            return false
        }
    }()

    static var cases: [Case] {
        switch loaded {
        case .success(let suite): suite.cases
        case .failure: []
        }
    }

    /// .wast files `wasm-tools json-from-wast` failed on (they are skipped, not fatal).
    static var unconvertedFiles: [String] {
        switch loaded {
        case .success(let suite): suite.unconverted
        case .failure: []
        }
    }

    static func cases(_ commands: Set<String>) -> [Case] {
        cases.filter { commands.contains($0.command) }
    }

    private static var suiteDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["WCOMP_TESTSUITE"] {
            return URL(fileURLWithPath: override).appendingPathComponent("component-model")
        }
        // Tests/ComponentModelTests/ComponentTestSuite.swift -> project root -> ../shared/testsuite
        let projectRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return projectRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/testsuite/component-model")
    }

    private static func findWasmTools() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("wasm-tools")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private static func load() -> Result<(cases: [Case], unconverted: [String]), SuiteUnavailable> {
        guard let wasmTools = findWasmTools() else {
            return .failure(SuiteUnavailable(description: "wasm-tools is not on PATH; component-model spec tests skipped"))
        }
        let fileManager = FileManager.default
        let root = suiteDirectory
        guard let enumerator = fileManager.enumerator(atPath: root.path) else {
            return .failure(SuiteUnavailable(description: "no test suite at \(root.path); component-model spec tests skipped"))
        }
        let wastFiles = enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".wast") && !$0.hasPrefix("async/") }
            .sorted()
        let output = fileManager.temporaryDirectory.appendingPathComponent("wcomp-cm-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? fileManager.removeItem(at: output) }
        var cases: [Case] = []
        var unconverted: [String] = []
        for wast in wastFiles {
            let stem = wast.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".wast", with: "")
            let wasmDirectory = output.appendingPathComponent(stem)
            let json = output.appendingPathComponent("\(stem).json")
            do {
                try fileManager.createDirectory(at: wasmDirectory, withIntermediateDirectories: true)
                let process = Process()
                process.executableURL = wasmTools
                process.arguments = ["json-from-wast", root.appendingPathComponent(wast).path,
                                     "-o", json.path, "--wasm-dir", wasmDirectory.path]
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    unconverted.append(wast)
                    continue
                }
                cases += try readCases(json: json, wasmDirectory: wasmDirectory, wast: wast)
            } catch {
                return .failure(SuiteUnavailable(description: "converting \(wast) failed: \(error)"))
            }
        }
        return .success((cases, unconverted))
    }

    private static func readCases(json: URL, wasmDirectory: URL, wast: String) throws -> [Case] {
        let data = try Data(contentsOf: json)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let commands = root["commands"] as? [[String: Any]] else { return [] }
        var cases: [Case] = []
        for command in commands {
            guard let type = command["type"] as? String,
                  let filename = command["filename"] as? String, filename.hasSuffix(".wasm"),
                  (command["module_type"] as? String) != "text" else { continue }
            let bytes = try Data(contentsOf: wasmDirectory.appendingPathComponent(filename))
            let line = command["line"] as? Int ?? 0
            cases.append(Case(location: "\(wast):\(line)", command: type,
                              expectedText: command["text"] as? String, bytes: [UInt8](bytes)))
        }
        return cases
    }
}
