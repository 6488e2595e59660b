/// A parsed WAVE function call, `name(arg, arg, …)`, as used by `wcomp run --invoke`.
///
/// The name is a WAVE label (`add`, `fetch-url`, `%inf`). As an extension, for export names
/// that are not labels (core exports are arbitrary strings, component exports may be nested in
/// interface instances), the name may be a string literal: `"add_numbers"(1, 2)`. The
/// parentheses may be left out when there are no arguments. Arguments stay untyped syntax
/// trees until the callee's signature is known (`WAVEDecoder.arguments`).
public struct WAVECall: Hashable, Sendable {
    /// The function name, without a `%` escape or string quotes.
    public var name: String
    /// The arguments, in order.
    public var arguments: [WAVENode]
    /// Offsets of the whole call in the input; its upper bound is where missing arguments are
    /// reported.
    public var range: Range<Int>
    /// The text the call was parsed from, which error positions refer to.
    public var source: String

    /// Parses `text` as a call expression; the whole text must be consumed.
    public init(parsing text: String) throws(WAVEError) {
        source = text
        var parser = WAVEParser(text)
        (name, arguments, range) = try parser.locatingErrors { parser throws(WAVEError) in
            let nameToken = try parser.advance()
            let name: String
            switch nameToken.kind {
            case .label(let label, _): name = label
            case .string(let string): name = string
            default: throw WAVEParser.unexpected(nameToken, expected: "a function name")
            }
            var arguments: [WAVENode] = []
            var end = nameToken.range.upperBound
            if try parser.consume(.leftParen) {
                (arguments, end) = try parser.sequence(closedBy: .rightParen, "')'")
            }
            try parser.expectEnd()
            return (name, arguments, nameToken.range.lowerBound..<end)
        }
    }
}
