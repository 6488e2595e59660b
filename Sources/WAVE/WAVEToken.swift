/// One lexical token of WAVE text.
public struct WAVEToken: Hashable, Sendable {
    /// The kinds of tokens WAVE text is made of.
    public enum Kind: Hashable, Sendable {
        /// A finite number as written (`12`, `-3.5`, `1e-7`), or `inf` / `-inf` / `nan`.
        case number(String)
        /// A label, without its `%` escape prefix: `add`, `fetch-url`, `%inf` gives `inf`.
        /// `escaped` tells whether it was written with `%`; `nan`, `inf`, `true`… are keywords
        /// only when not escaped.
        case label(String, escaped: Bool)
        /// A string literal with its escapes resolved.
        case string(String)
        /// A character literal (`'x'`, `'\u{1F44B}'`) with its escape resolved.
        case char(Unicode.Scalar)
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case comma, colon
        /// The end of the input.
        case end
    }

    /// What the token is.
    public var kind: Kind
    /// Offsets (in Unicode scalars) of the token in the input.
    public var range: Range<Int>

    /// Creates a token of `kind` covering `range` of the input.
    public init(_ kind: Kind, at range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}
