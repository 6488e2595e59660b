import ArgumentParser

/// A duration written on the command line: a number with an optional unit,
/// `ns`, `us`, `ms`, `s` (the default), `m` or `h` — e.g. `500ms`, `2s`, `1.5m`.
struct TimeLimit: ExpressibleByArgument {
    var duration: Duration

    init?(argument: String) {
        let units: [(suffix: String, seconds: Double)] = [
            ("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
        ]
        let unit = units.first { argument.hasSuffix($0.suffix) && Double(argument.dropLast($0.suffix.count)) != nil }
        let number = Double(unit.map { String(argument.dropLast($0.suffix.count)) } ?? argument)
        guard let number, number.isFinite, number >= 0 else { return nil }
        let seconds = number * (unit?.seconds ?? 1)
        guard seconds < Double(Int64.max) / 1e9 else { return nil }
        duration = .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
