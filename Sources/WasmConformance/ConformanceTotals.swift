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
