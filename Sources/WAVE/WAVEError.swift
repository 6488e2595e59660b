/// A WAVE syntax or typing error: what was wrong and where in the input.
public struct WAVEError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. "expected ',' or ')', found '2'" or "300 is out of range for u8 (0...255)".
    public var message: String
    /// Offsets (in Unicode scalars, from 0) of the offending text in the input.
    public var range: Range<Int>
    /// The 1-based line of the start of `range`.
    public var line: Int
    /// The 1-based column (in Unicode scalars) of the start of `range` within its line.
    public var column: Int

    /// Creates an error for `range` of a single-line input: line 1, column `range.lowerBound + 1`.
    /// Parsing entry points correct the line and column for inputs that span several lines.
    public init(_ message: String, at range: Range<Int>) {
        self.message = message
        self.range = range
        self.line = 1
        self.column = range.lowerBound + 1
    }

    /// The same error with `line` and `column` computed from the input it refers to.
    func located(in scalars: [Unicode.Scalar]) -> WAVEError {
        var located = self
        let end = min(range.lowerBound, scalars.count)
        var lineStart = 0
        located.line = 1
        for index in 0..<end where scalars[index] == "\n" {
            located.line += 1
            lineStart = index + 1
        }
        located.column = range.lowerBound - lineStart + 1
        return located
    }

    /// The message followed by the position: `expected ')' at column 7`, or
    /// `… at line 2, column 3` when the input has several lines.
    public var description: String {
        line == 1 ? "\(message) at column \(column)" : "\(message) at line \(line), column \(column)"
    }
}
