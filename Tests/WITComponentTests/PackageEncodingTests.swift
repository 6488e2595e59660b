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

    /// A decoded Resolve JSON without `docs` and `stability` (which wit-component keeps in a
    /// `package-docs` custom section we do not write).
    static func structure(_ json: String) throws -> NSObject {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { $0.key != "docs" && $0.key != "stability" }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        return strip(try JSONSerialization.jsonObject(with: Data(json.utf8))) as! NSObject
    }

    /// Each case is encoded by us and by `wasm-tools component wit --wasm`; wasm-tools decodes
    /// both and the two resolutions must be equal. Cases wasm-tools cannot encode either
    /// (empty records, which the binary format forbids) are counted apart.
    @Test func successCasesEncodeLikeWasmTools() throws {
        let cases = Self.successCases()
        #expect(cases.count > 50)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("witcm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var failures: [String] = []
        var matched = 0
        var attempted = 0
        var notEncodable = 0
        for source in cases {
            var resolve = Resolve(features: ["active"])
            guard let main = try? resolve.push(path: source.path) else { continue }
            attempted += 1
            let name = source.lastPathComponent
            let reference = directory.appendingPathComponent(name + ".reference.wasm")
            guard try Self.wasmTools(["component", "wit", "--features", "active", "--wasm", "-o", reference.path, source.path]) != nil else {
                notEncodable += 1
                #expect(throws: (any Error).self, "\(name): wasm-tools cannot encode it, neither should we") {
                    _ = try WITComponentEncoder.package(main, in: resolve).validate()
                }
                continue
            }
            do {
                let component = try WITComponentEncoder.package(main, in: resolve)
                _ = try component.validate()
                let file = directory.appendingPathComponent(name + ".wasm")
                try Data(component.encoded()).write(to: file)
                guard try Self.wasmTools(["validate", "--features", "all", file.path]) != nil else {
                    failures.append("\(name): wasm-tools validate rejects it"); continue
                }
                let ours = try Self.wasmTools(["component", "wit", "--json", file.path])
                let theirs = try Self.wasmTools(["component", "wit", "--json", reference.path])
                if let ours, let theirs, try Self.structure(ours) == Self.structure(theirs) {
                    matched += 1
                } else {
                    failures.append("\(name): wasm-tools decodes our binary to a different resolution than its own")
                }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        print("WIT package encoding: \(matched)/\(attempted - notEncodable) wit-parser success cases decode like wasm-tools' own encoding (\(notEncodable) not encodable by either)")
        for failure in failures { print("  \(failure)") }
        #expect(matched == attempted - notEncodable)
    }
}
