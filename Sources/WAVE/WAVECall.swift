/// A parsed WAVE function call, `name(arg, arg, …)`, as used by `wcomp run --invoke`.
///
/// The name is a WAVE label (`add`, `fetch-url`, `%inf`). As an extension for core modules,
/// whose export names are arbitrary strings, the name may also be a string literal:
/// `"add_numbers"(1, 2)`. The parentheses may be left out when there are no arguments.
/// Arguments are untyped until the callee's signature is known.
public struct WAVECall: Hashable, Sendable {
    /// An argument of the call, before type checking.
    public enum Argument: Hashable, Sendable {
        case number(WAVENumber)
    }

    /// The function name, without a `%` escape or string quotes.
    public var name: String
    /// The arguments, in order.
    public var arguments: [Argument]

    /// Creates a call of `name` with `arguments`.
    public init(name: String, arguments: [Argument]) {
        self.name = name
        self.arguments = arguments
    }

    /// Parses `text` as a call expression; the whole text must be consumed.
    public init(parsing text: String) throws(WAVEError) {
        var lexer = WAVELexer(text)
        let nameToken = try lexer.next()
        switch nameToken.kind {
        case .label(let label, _): name = label
        case .string(let string): name = string
        default:
            throw WAVEError("expected a function name", at: nameToken.range)
        }
        arguments = []
        var token = try lexer.next()
        if token.kind == .leftParen {
            token = try lexer.next()
            while token.kind != .rightParen {
                arguments.append(try Self.argument(token))
                token = try lexer.next()
                if token.kind == .comma {
                    token = try lexer.next()
                } else if token.kind != .rightParen {
                    throw WAVEError("expected ',' or ')'", at: token.range)
                }
            }
            token = try lexer.next()
        }
        guard token.kind == .end else { throw WAVEError("unexpected text after the call", at: token.range) }
    }

    private static func argument(_ token: WAVEToken) throws(WAVEError) -> Argument {
        switch token.kind {
        case .number(let text): return .number(WAVENumber(text: text, range: token.range))
        case .end: throw WAVEError("expected ')'", at: token.range)
        default: throw WAVEError("expected a number", at: token.range)
        }
    }
}
