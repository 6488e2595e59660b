import ComponentModel
import Testing
import WAVE

/// Runs the same calls on wasmtime (through its Python package) and on wcomp and expects the
/// same results: equal values, traps on both sides, the same handles and unit results. The
/// fixtures in `Tests/Differential/components` cover every value type, all three string
/// encodings, resources (constructors, borrows, owned handles moved in, destructors, host
/// drops) and post-return.
@Suite("Differential: wcomp against wasmtime", .enabled(if: ExternalTools.unavailableReason == nil,
                                                       "needs wasm-tools and python3 with the wasmtime package"))
struct DifferentialTests {
    /// Calls on which wcomp is known to differ from wasmtime, by fixture and calls-file line,
    /// with the reason. Each is checked inside `withKnownIssue`, so fixing one shows up as an
    /// unexpected pass to remove from here.
    static let knownDivergences: [String: [String: String]] = [:]

    @Test(arguments: ["scalars", "strings", "compound", "resources", "interfaces"])
    func agreesWithWasmtime(fixture: String) throws {
        let (path, bytes) = try ExternalTools.assemble(fixture)
        let lines = CallScriptLine.parse(try ExternalTools.calls(fixture))
        let expected = try ExternalTools.wasmtimeOutcomes(component: path, fixture: fixture)
        try #require(expected.count == lines.count, "wasmtime printed \(expected.count) lines for \(lines.count) calls")

        let session = try WcompSession(bytes: bytes)
        var previous: CallScriptLine?
        for (line, wasmtimeLine) in zip(lines, expected) {
            let reference = try CallOutcome(wasmtimeLine: wasmtimeLine, resultType: try session.resultType(of: line),
                                            types: session.types)
            let outcome = try session.run(line)
            let check = { #expect(outcome.agrees(with: reference), "\(fixture): \(line): wcomp \(outcome), wasmtime \(reference)") }
            if let reason = Self.knownDivergence(fixture: fixture, line: line, after: previous) {
                withKnownIssue(Comment(rawValue: reason), isIntermittent: false, check)
            } else {
                check()
            }
            previous = line
        }
    }

    private static func knownDivergence(fixture: String, line: CallScriptLine, after previous: CallScriptLine?) -> String? {
        guard let divergences = knownDivergences[fixture] else { return nil }
        let key = switch (line, previous) {
        case (.drop(let name), _): "drop $\(name)"
        case (.call(_, let text), .drop(let name)?): "\(text) after drop $\(name)"
        case (.call(_, let text), .call(_, let previousText)?) where text == previousText: "\(text) again"
        case (.call(_, let text), _): text
        }
        return divergences[key]
    }
}
