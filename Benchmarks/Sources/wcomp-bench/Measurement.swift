/// The outcome of one timed call: the result rendered as `<type>:<bits>` and how long the
/// call took (instantiation excluded).
struct Measurement: Sendable {
    var result: String
    var duration: Duration
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
