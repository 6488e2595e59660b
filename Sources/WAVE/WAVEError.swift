/// A WAVE syntax or typing error: what was wrong and where in the input.
public struct WAVEError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. "expected ',' or ')'" or "300 is out of range (-128...127)".
    public var message: String
    /// Character offsets (in Unicode scalars) of the offending text in the input.
    public var range: Range<Int>

    /// Creates an error for `range` of the input.
    public init(_ message: String, at range: Range<Int>) {
        self.message = message
        self.range = range
    }

    /// The message followed by the offsets, like `invalid token at 4..5`.
    public var description: String { "\(message) at \(range.lowerBound)..\(range.upperBound)" }
}
