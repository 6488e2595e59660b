import Foundation

/// The WebAssembly 2.0 core spec test suite (../shared/testsuite/core), converted once per
/// test run with `wasm-tools json-from-wast` into binaries held in memory.
struct SpecSuite: Sendable {
    /// What the suite expects of one binary module.
    enum Expectation: Sendable {
        /// `module`, `assert_unlinkable`, `assert_uninstantiable`: decodes and validates.
        case valid
        /// `assert_invalid`: rejected by validation (or decoding).
        case invalid(String)
        /// `assert_malformed` with a binary module: rejected by decoding.
        case malformed(String)
    }

    /// One binary module of the suite and what is expected of it.
    struct Case: Sendable {
        var location: String
        var bytes: [UInt8]
        var expectation: Expectation
    }

    var cases: [Case]

    /// Directory of the suite's .wast files, next to the repository.
    static let directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/testsuite/core")

    /// The `wasm-tools` executable on PATH, if any.
    static let wasmTools: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("wasm-tools")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// Whether the suite can be converted on this machine.
    static var isAvailable: Bool {
        wasmTools != nil && FileManager.default.fileExists(atPath: directory.path)
    }

    /// Why the suite could not be converted.
    struct ConversionError: Error, CustomStringConvertible {
        var description: String
    }

    /// The converted suite (SIMD files excluded: this project does not decode SIMD yet).
    static let loaded: Result<SpecSuite, ConversionError> = {
        do {
            return .success(try convert())
        } catch let error as ConversionError {
            return .failure(error)
        } catch {
            return .failure(ConversionError(description: "converting the spec suite failed: \(error)"))
        }
    }()

    private static func convert() throws -> SpecSuite {
        guard let wasmTools else { return SpecSuite(cases: []) }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("wasmcore-spec-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".wast") && !$0.hasPrefix("simd_") }
            .sorted()
        var cases: [Case] = []
        for file in files {
            let name = String(file.dropLast(".wast".count))
            let json = output.appendingPathComponent("\(name).json")
            let wasmDirectory = output.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: wasmDirectory, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = wasmTools
            process.arguments = [
                "json-from-wast", directory.appendingPathComponent(file).path,
                "-o", json.path, "--wasm-dir", wasmDirectory.path,
            ]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ConversionError(description: "wasm-tools json-from-wast failed on \(file)")
            }
            cases += try readCases(json: json, wasmDirectory: wasmDirectory, file: file)
        }
        return SpecSuite(cases: cases)
    }

    private static func readCases(json: URL, wasmDirectory: URL, file: String) throws -> [Case] {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        let commands = document?["commands"] as? [[String: Any]] ?? []
        var cases: [Case] = []
        for command in commands {
            guard let type = command["type"] as? String, let filename = command["filename"] as? String,
                command["module_type"] as? String == "binary"
            else { continue }
            let text = command["text"] as? String ?? ""
            let expectation: Expectation
            switch type {
            case "module", "assert_unlinkable", "assert_uninstantiable": expectation = .valid
            case "assert_invalid": expectation = .invalid(text)
            case "assert_malformed": expectation = .malformed(text)
            default: continue
            }
            let bytes = try [UInt8](Data(contentsOf: wasmDirectory.appendingPathComponent(filename)))
            let line = command["line"] as? Int ?? 0
            cases.append(Case(location: "\(file):\(line)", bytes: bytes, expectation: expectation))
        }
        return cases
    }
}
