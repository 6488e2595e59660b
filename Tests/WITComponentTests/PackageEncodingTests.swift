import ComponentModel
import Foundation
import Testing
import WIT
import WITComponent

/// Encodes the wit-parser success cases as component binaries and checks them against our
/// validator and against wasm-tools' decoder.
@Suite struct PackageEncodingTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let witParserCases = repository.deletingLastPathComponent().appendingPathComponent("shared/testsuite/wit-parser")

    /// The success cases: every `X.wit.json` names a `X.wit` file or an `X` directory.
    static func successCases() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: witParserCases.path)) ?? []
        return names.filter { $0.hasSuffix(".wit.json") }.sorted().compactMap { json in
            let base = String(json.dropLast(".wit.json".count))
            let file = witParserCases.appendingPathComponent(base + ".wit")
            if FileManager.default.fileExists(atPath: file.path) { return file }
            let directory = witParserCases.appendingPathComponent(base)
            return FileManager.default.fileExists(atPath: directory.path) ? directory : nil
        }
    }

    /// Runs wasm-tools with `arguments`; returns standard output, or nil when it fails.
    static func wasmTools(_ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wasm-tools"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// WIT text without doc comments and blank lines (docs are not encoded).
    static func withoutDocs(_ text: String) -> String {
        text.split(separator: "\n").filter {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return !line.isEmpty && !line.hasPrefix("///") && !line.hasPrefix("/**") && !line.hasPrefix("*")
        }.joined(separator: "\n")
    }

    @Test func successCasesEncodeValidateAndDecodeLikeTheirSource() throws {
        let cases = Self.successCases()
        #expect(cases.count > 50)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("witcm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var failures: [String] = []
        var matched = 0
        var attempted = 0
        for source in cases {
            var resolve = Resolve(features: ["active"])
            guard let main = try? resolve.push(path: source.path) else { continue }
            attempted += 1
            let name = source.lastPathComponent
            do {
                let component = try WITComponentEncoder.package(main, in: resolve)
                _ = try component.validate()
                let file = directory.appendingPathComponent(name + ".wasm")
                try Data(component.encoded()).write(to: file)
                guard try Self.wasmTools(["validate", file.path]) != nil else {
                    failures.append("\(name): wasm-tools validate rejects it"); continue
                }
                let decoded = try Self.wasmTools(["component", "wit", file.path])
                let original = try Self.wasmTools(["component", "wit", "--features", "active", source.path])
                if let decoded, let original, Self.withoutDocs(decoded) == Self.withoutDocs(original) {
                    matched += 1
                } else {
                    failures.append("\(name): wasm-tools prints a different package from our binary")
                }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        print("WIT package encoding: \(matched)/\(attempted) wit-parser success cases decode to the same WIT")
        for failure in failures { print("  \(failure)") }
        #expect(matched == attempted)
    }
}
