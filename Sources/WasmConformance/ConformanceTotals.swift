/// Pass/fail/skip counts of a conformance run.
struct ConformanceTotals {
    var passed = 0
    var failed = 0
    var skipped = 0

    static func += (lhs: inout ConformanceTotals, rhs: ConformanceTotals) {
        lhs.passed += rhs.passed
        lhs.failed += rhs.failed
        lhs.skipped += rhs.skipped
    }
}

extension ConformanceTotals {
    /// Counts the outcome of the command of type `type` at `line`, adding a failure to `failures`.
    mutating func count(_ outcome: WastOutcome, type: String, line: Int, failures: inout [WastFailure]) {
        switch outcome {
        case .passed: passed += 1
        case .skipped: skipped += 1
        case .uncounted: break
        case .failed(let message):
            failed += 1
            failures.append(WastFailure(line: line, message: "\(type): \(message)"))
        }
    }
}
