/// A number literal from WAVE text, kept as written until its type is known.
public struct WAVENumber: Hashable, Sendable {
    /// The literal as written: `42`, `-7`, `2.5e-3`, `nan`, `inf`, `-inf`.
    public var text: String
    /// Offsets of the literal in the input, for error messages.
    public var range: Range<Int>

    /// Creates a literal; `text` must already follow the WAVE number grammar (the lexer checks it).
    public init(text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }

    /// Whether the literal is an integer: no fraction, no exponent, not `nan` or `inf`.
    public var isInteger: Bool {
        !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" || $0 == "n" || $0 == "i" })
    }

    /// The literal as an integer of type `T`; fails when it is not an integer or out of `T`'s range.
    public func integer<T: FixedWidthInteger>(as type: T.Type) throws(WAVEError) -> T {
        guard isInteger else { throw WAVEError("expected an integer, got \(text)", at: range) }
        guard !(text.hasPrefix("-") && !T.isSigned), let value = T(text, radix: 10) else {
            throw WAVEError("\(text) is out of range (\(T.min)...\(T.max))", at: range)
        }
        return value
    }

    /// The literal as a 32-bit float, rounded to nearest; too large magnitudes give infinity.
    public func float32() -> Float {
        // The lexer only produces texts that Float's parser accepts ("nan", "inf", "-inf" included).
        Float(text) ?? .nan
    }

    /// The literal as a 64-bit float, rounded to nearest; too large magnitudes give infinity.
    public func float64() -> Double {
        Double(text) ?? .nan
    }
}
