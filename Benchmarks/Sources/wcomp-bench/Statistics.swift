import Foundation

/// Order statistics over a few timings.
enum Statistics {
    /// The median of `values` (the mean of the middle two for an even count). `values` must not be empty.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The geometric mean of positive `values`; nil when there are none.
    static func geometricMean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let logSum = values.reduce(0.0) { $0 + log($1) }
        return exp(logSum / Double(values.count))
    }
}
