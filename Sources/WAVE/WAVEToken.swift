/// One lexical token of WAVE text.
public struct WAVEToken: Hashable, Sendable {
    /// The kinds of tokens WAVE text is made of.
    public enum Kind: Hashable, Sendable {
        /// A finite number as written (`12`, `-3.5`, `1e-7`), or `inf` / `-inf` / `nan`.
        case number(String)
        /// A label, without its `%` escape prefix: `add`, `fetch-url`, `%inf` gives `inf`.
        /// `escaped` tells whether it was written with `%`; `true`, `some`, `ok`… are keywords
        /// only when not escaped.
        case label(String, escaped: Bool)
        /// A string literal (single-line or multiline) with its escapes resolved.
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

extension WAVEToken.Kind: CustomStringConvertible {
    /// How error messages name the token: `'2'`, `label 'red'`, `a string`, `end of input`.
    public var description: String {
        switch self {
        case .number(let text): "number \(text)"
        case .label(let name, let escaped): "'\(escaped ? "%" : "")\(name)'"
        case .string: "a string"
        case .char: "a char"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .comma: "','"
        case .colon: "':'"
        case .end: "end of input"
        }
    }
}
