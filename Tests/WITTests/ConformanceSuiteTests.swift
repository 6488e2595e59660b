import Foundation
import Testing
@testable import WIT

/// wasm-tools' wit-parser UI tests: JSON of success cases, rejection of failure cases,
/// and printing round trips.
struct ConformanceSuiteTests {
    static let suite = TestPaths.testsuite.appendingPathComponent("wit-parser")

    /// Success cases that this implementation can read (not `.wat` and no `.wat` deps).
    static func successCases() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
        return names.sorted().filter { name in
            guard name != "parse-fail", !name.hasSuffix(".json"), !name.hasSuffix(".wat") else { return false }
            return name != "kinds-of-deps"  // has a dependency encoded as a .wat component
        }
    }

    private static func jsonObject(_ text: String) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! NSObject
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: suite.path)))
    func successCasesMatchTheExpectedJSON() throws {
        let cases = Self.successCases()
        #expect(cases.count >= 70)
        var mismatches: [String] = []
        for name in cases {
            let base = name.hasSuffix(".wit") ? String(name.dropLast(4)) : name
            let expected = try String(contentsOf: Self.suite.appendingPathComponent(base + ".wit.json"), encoding: .utf8)
            var resolve = Resolve(features: ["active"])
            _ = try resolve.push(path: Self.suite.appendingPathComponent(name).path)
            if !(try Self.jsonObject(ResolveJSON.text(resolve)).isEqual(try Self.jsonObject(expected))) {
                mismatches.append(name)
            }
        }
        #expect(mismatches == [])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: suite.path)))
    func failureCasesAreRejectedWithTheReferenceMessage() throws {
        // The reference report, or for the few errors it reports without a position, the
        // same message followed by a position.
        let failRoot = Self.suite.appendingPathComponent("parse-fail")
        let names = try FileManager.default.contentsOfDirectory(atPath: failRoot.path).filter { !$0.hasSuffix(".result") }.sorted()
        #expect(names.count >= 150)
        var accepted: [String] = []
        var differentMessage: [String] = []
        for name in names {
            var resolve = Resolve(features: ["active"])
            do {
                _ = try resolve.push(path: failRoot.appendingPathComponent(name).path)
                accepted.append(name)
            } catch {
                let base = name.hasSuffix(".wit") ? String(name.dropLast(4)) : name
                let expected = try String(contentsOf: failRoot.appendingPathComponent(base + ".wit.result"), encoding: .utf8)
                let actual = error.description.replacingOccurrences(of: Self.suite.path, with: "tests/ui")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let reference = expected.trimmingCharacters(in: .whitespacesAndNewlines)
                // Where wit-parser reports no position, wcomp adds one after the same message.
                let same = actual == reference || (actual.hasPrefix(reference + "\n") && error.location != nil)
                if !same { differentMessage.append(name) }
            }
        }
        #expect(accepted == [])
        #expect(differentMessage == [])
    }

    /// Printing and re-parsing reproduces the resolution exactly (same JSON, same indices)
    /// for every success case.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: suite.path)))
    func printingRoundTrips() throws {
        let cases = Self.successCases()
        var failures: [String] = []
        for name in cases {
            var original = Resolve(features: ["active"])
            let main = try original.push(path: Self.suite.appendingPathComponent(name).path)
            let printed = WITPrinter.print(original, main: main)
            do {
                let (reparsed, _) = try Resolve.parse(source: printed, path: name, features: ["active"])
                if !(try Self.jsonObject(ResolveJSON.text(reparsed)).isEqual(try Self.jsonObject(ResolveJSON.text(original)))) {
                    failures.append(name)
                }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        #expect(cases.count == 72)
        #expect(failures == [])
    }
}
