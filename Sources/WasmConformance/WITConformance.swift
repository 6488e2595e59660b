import Foundation
import WIT
import WITComponent

/// The WIT conformance suite over wasm-tools' wit-parser UI tests
/// (`../shared/testsuite/wit-parser`).
///
/// Success cases (`X.wit` or a folder `X/`, expected `X.wit.json`) must resolve to JSON
/// structurally equal to the expected file. Cases under `parse-fail/` must be rejected;
/// how many also reproduce the expected first error line is reported separately.
/// Like wit-parser's own harness, the unstable feature `active` is enabled. Binary packages
/// (`.wasm`) are read with WITComponent's decoder; packages in the component text format
/// (`.wat`) are assembled with `wasm-tools parse` first, and skipped when it is missing.
/// Options: `--verbose` prints the full difference of failing cases.
enum WITConformance {
    private static let maximumReportedFailures = 40

    /// The path to resolve for test input `path`: itself, or — when it is a component in the
    /// text format or a directory with such dependencies — a copy in `scratch` with each
    /// `.wat` assembled to `.wasm`.
    private static func binaryInput(_ path: String, scratch: URL, wasmToolsAvailable: Bool) -> Result<String, CommandFailure> {
        let fileManager = FileManager.default
        let source = URL(fileURLWithPath: path)
        let textDependencies = ((try? fileManager.contentsOfDirectory(atPath: path + "/deps")) ?? []).filter { $0.hasSuffix(".wat") }
        guard path.hasSuffix(".wat") || !textDependencies.isEmpty else { return .success(path) }
        guard wasmToolsAvailable else {
            return .failure(CommandFailure("a component in the text format needs wasm-tools to assemble it, and it is not on PATH"))
        }
        do {
            if path.hasSuffix(".wat") {
                let output = scratch.appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".wasm")
                try WastConverter.assemble(source, to: output)
                return .success(output.path)
            }
            let copy = scratch.appendingPathComponent(source.lastPathComponent)
            try? fileManager.removeItem(at: copy)
            try fileManager.copyItem(at: source, to: copy)
            for name in textDependencies {
                let wat = copy.appendingPathComponent("deps/" + name)
                try WastConverter.assemble(wat, to: wat.deletingPathExtension().appendingPathExtension("wasm"))
                try fileManager.removeItem(at: wat)
            }
            return .success(copy.path)
        } catch let failure as CommandFailure {
            return .failure(failure)
        } catch {
            return .failure(CommandFailure("cannot prepare \(source.lastPathComponent): \(error)"))
        }
    }

    static func run(directory: URL, options: [String]) -> ConformanceTotals {
        let verbose = options.contains("--verbose")
        var totals = ConformanceTotals()
        var reported = 0
        func fail(_ line: String) {
            totals.failed += 1
            if reported < maximumReportedFailures || verbose { print(line) }
            reported += 1
        }
        let root = directory.path
        let fileManager = FileManager.default
        let scratch = fileManager.temporaryDirectory.appendingPathComponent("wcomp-wit-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: scratch) }
        let wasmToolsAvailable = WastConverter.isAvailable(scratch: scratch)
        let entries = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? []).sorted()
        for name in entries where name != "parse-fail" {
            let path = root + "/" + name
            let base: String
            if Self.isDirectory(path) {
                base = name
            } else if name.hasSuffix(".wit") {
                base = String(name.dropLast(4))
            } else if name.hasSuffix(".wat") || name.hasSuffix(".wasm") {
                base = String(name.dropLast(name.hasSuffix(".wat") ? 4 : 5))
            } else if name.hasSuffix(".md") {
                print("wit: skipped \(name) (WIT in markdown is not supported)")
                totals.skipped += 1
                continue
            } else {
                continue
            }
            let input: String
            switch binaryInput(path, scratch: scratch, wasmToolsAvailable: wasmToolsAvailable) {
            case .success(let prepared): input = prepared
            case .failure(let reason):
                print("wit: skipped \(name) (\(reason.description))")
                totals.skipped += 1
                continue
            }
            guard let expectedData = fileManager.contents(atPath: root + "/" + base + ".wit.json"),
                let expected = try? JSONSerialization.jsonObject(with: expectedData) as? NSObject
            else {
                fail("wit: FAIL \(name): missing or unreadable expected JSON")
                continue
            }
            var resolve = Resolve(features: ["active"])
            resolve.binaryDecoder = WITBinaryPackageDecoder()
            do {
                _ = try resolve.push(path: input)
            } catch {
                fail("wit: FAIL \(name): \(error.firstLine)")
                continue
            }
            let text = ResolveJSON.text(resolve)
            guard let actual = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSObject else {
                fail("wit: FAIL \(name): produced invalid JSON")
                continue
            }
            if actual.isEqual(expected) {
                totals.passed += 1
            } else {
                fail("wit: FAIL \(name): JSON differs from \(base).wit.json")
                if verbose { print(text) }
            }
        }

        let failRoot = root + "/parse-fail"
        let failEntries = ((try? fileManager.contentsOfDirectory(atPath: failRoot)) ?? []).sorted()
        var messageMatches = 0
        var fullMatches = 0
        var rejected = 0
        for name in failEntries where !name.hasSuffix(".result") {
            let path = failRoot + "/" + name
            let base = Self.isDirectory(path) ? name : (name.hasSuffix(".wit") ? String(name.dropLast(4)) : name)
            let expectedText = fileManager.contents(atPath: failRoot + "/" + base + ".wit.result")
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            var resolve = Resolve(features: ["active"])
            resolve.binaryDecoder = WITBinaryPackageDecoder()
            do {
                _ = try resolve.push(path: path)
                fail("wit: FAIL parse-fail/\(name): accepted but must be rejected")
            } catch {
                totals.passed += 1
                rejected += 1
                let actual = error.description.replacingOccurrences(of: root, with: "tests/ui")
                let expectedFirst = expectedText.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                let actualFirst = actual.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                if expectedText.trimmingCharacters(in: .whitespacesAndNewlines) == actual.trimmingCharacters(in: .whitespacesAndNewlines) {
                    fullMatches += 1
                }
                if expectedFirst.trimmingCharacters(in: .whitespaces) == actualFirst.trimmingCharacters(in: .whitespaces) {
                    messageMatches += 1
                } else if verbose {
                    print("wit: message parse-fail/\(name):\n  expected: \(expectedFirst)\n  actual:   \(actualFirst)")
                }
            }
        }
        let orphans = failEntries.filter { $0.hasSuffix(".wit.result") }.filter { result in
            let base = String(result.dropLast(".wit.result".count))
            return !failEntries.contains(base) && !failEntries.contains(base + ".wit")
        }
        for orphan in orphans {
            print("wit: skipped parse-fail/\(orphan) (its input file is not in the test data)")
            totals.skipped += 1
        }
        if reported > maximumReportedFailures && !verbose {
            print("wit: ... \(reported - maximumReportedFailures) more failures (use --verbose)")
        }
        print("wit: parse-fail rejected \(rejected), same first error line as wit-parser: \(messageMatches), identical full report: \(fullMatches)")
        return totals
    }

    /// Whether `path` names a directory.
    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
