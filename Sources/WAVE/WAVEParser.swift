/// Reads WAVE text into untyped syntax trees (`WAVENode`), following the WAVE grammar
/// (wasm-tools `wave_ebnf.md`): the one parser behind values and call expressions.
///
/// Errors carry the offending range and its line and column in the input.
public struct WAVEParser: Sendable {
    /// The deepest nesting of tuples, lists, records and payloads accepted, so hostile input
    /// cannot exhaust the stack.
    public static let maximumDepth = 100

    private var lexer: WAVELexer
    /// Tokens read ahead of the current position.
    private var lookahead: [WAVEToken] = []
    private var depth = 0

    /// Creates a parser over `text`.
    public init(_ text: String) {
        lexer = WAVELexer(text)
    }

    /// Parses `text` as exactly one value, whitespace and comments around it allowed.
    public static func parseValue(_ text: String) throws(WAVEError) -> WAVENode {
        var parser = WAVEParser(text)
        return try parser.locatingErrors { parser throws(WAVEError) in
            let node = try parser.value()
            try parser.expectEnd()
            return node
        }
    }

    /// Runs `body`, giving any error it throws the line and column of its offset in the input.
    mutating func locatingErrors<T>(_ body: (inout WAVEParser) throws(WAVEError) -> T) throws(WAVEError) -> T {
        do {
            return try body(&self)
        } catch {
            throw error.located(in: lexer.scalars)
        }
    }

    // MARK: Tokens

    /// The token `ahead` tokens after the next one, without consuming anything.
    mutating func peek(_ ahead: Int = 0) throws(WAVEError) -> WAVEToken {
        while lookahead.count <= ahead {
            if let last = lookahead.last, last.kind == .end { return last }
            lookahead.append(try lexer.next())
        }
        return lookahead[ahead]
    }

    /// Consumes and returns the next token.
    mutating func advance() throws(WAVEError) -> WAVEToken {
        let token = try peek()
        lookahead.removeFirst()
        return token
    }

    /// Consumes the next token when it is of `kind`.
    mutating func consume(_ kind: WAVEToken.Kind) throws(WAVEError) -> Bool {
        guard try peek().kind == kind else { return false }
        _ = try advance()
        return true
    }

    /// Consumes a token of `kind` or fails with "expected `what`, found …".
    @discardableResult
    mutating func expect(_ kind: WAVEToken.Kind, _ what: String) throws(WAVEError) -> WAVEToken {
        let token = try advance()
        guard token.kind == kind else { throw Self.unexpected(token, expected: what) }
        return token
    }

    /// Fails unless the input is exhausted.
    mutating func expectEnd() throws(WAVEError) {
        let token = try peek()
        guard token.kind == .end else {
            throw WAVEError("expected end of input, found \(token.kind)", at: token.range)
        }
    }

    static func unexpected(_ token: WAVEToken, expected what: String) -> WAVEError {
        WAVEError("expected \(what), found \(token.kind)", at: token.range)
    }

    // MARK: Values

    /// Parses one value.
    mutating func value() throws(WAVEError) -> WAVENode {
        let token = try advance()
        guard depth < Self.maximumDepth else {
            throw WAVEError("values nested more than \(Self.maximumDepth) deep", at: token.range)
        }
        depth += 1
        defer { depth -= 1 }
        let start = token.range.lowerBound
        switch token.kind {
        case .number(let text):
            return WAVENode(.number(WAVENumber(text: text, range: token.range)), at: token.range)
        case .char(let scalar):
            return WAVENode(.char(scalar), at: token.range)
        case .string(let string):
            return WAVENode(.string(string), at: token.range)
        case .leftParen:
            let elements = try sequence(closedBy: .rightParen, "')'")
            guard !elements.nodes.isEmpty else {
                throw WAVEError("empty tuple: tuples have at least one element", at: start..<elements.end)
            }
            return WAVENode(.tuple(elements.nodes), at: start..<elements.end)
        case .leftBracket:
            let elements = try sequence(closedBy: .rightBracket, "']'")
            return WAVENode(.list(elements.nodes), at: start..<elements.end)
        case .leftBrace:
            return try recordOrFlags(start: start)
        case .label(let name, let escaped):
            return try labelled(Label(name: name, range: token.range), escaped: escaped)
        case .rightParen, .rightBracket, .rightBrace, .comma, .colon, .end:
            throw Self.unexpected(token, expected: "a value")
        }
    }

    private typealias Label = WAVENode.Label

    /// A keyword (`true`, `some(…)`, `ok`…) or a variant or enum case.
    private mutating func labelled(_ label: Label, escaped: Bool) throws(WAVEError) -> WAVENode {
        let start = label.range.lowerBound
        switch escaped ? nil : label.name {
        case "true": return WAVENode(.bool(true), at: label.range)
        case "false": return WAVENode(.bool(false), at: label.range)
        case "none": return WAVENode(.none, at: label.range)
        case "some":
            guard try peek().kind == .leftParen else {
                throw Self.unexpected(try peek(), expected: "'(' after 'some'")
            }
            let (payload, end) = try payload()
            return WAVENode(.some(payload), at: start..<end)
        case "ok", "err":
            var payload: WAVENode?
            var end = label.range.upperBound
            if try peek().kind == .leftParen { (payload, end) = try self.payload() }
            return WAVENode(label.name == "ok" ? .ok(payload) : .err(payload), at: start..<end)
        default:
            guard try peek().kind == .leftParen else { return WAVENode(.label(label, payload: nil), at: label.range) }
            let (payload, end) = try payload()
            return WAVENode(.label(label, payload: payload), at: start..<end)
        }
    }

    /// `'(' value ')'`; returns the value and the end offset of the `)`.
    private mutating func payload() throws(WAVEError) -> (WAVENode, Int) {
        try expect(.leftParen, "'('")
        let node = try value()
        let close = try expect(.rightParen, "')'")
        return (node, close.range.upperBound)
    }

    /// Comma-separated values up to `closer`, a trailing comma allowed (the opener is consumed).
    mutating func sequence(closedBy closer: WAVEToken.Kind, _ closerText: String) throws(WAVEError)
        -> (nodes: [WAVENode], end: Int)
    {
        var nodes: [WAVENode] = []
        while true {
            let next = try peek()
            if next.kind == closer {
                _ = try advance()
                return (nodes, next.range.upperBound)
            }
            if next.kind == .end { throw Self.unexpected(next, expected: nodes.isEmpty ? "a value or \(closerText)" : closerText) }
            nodes.append(try value())
            let separator = try advance()
            if separator.kind == closer { return (nodes, separator.range.upperBound) }
            guard separator.kind == .comma else {
                throw Self.unexpected(separator, expected: "',' or \(closerText)")
            }
        }
    }

    /// After `{`: `{:}` and `{label: value, …}` are records, `{}` and `{label, …}` flags.
    private mutating func recordOrFlags(start: Int) throws(WAVEError) -> WAVENode {
        let first = try peek()
        if first.kind == .colon {
            _ = try advance()
            let close = try expect(.rightBrace, "'}' after '{:'")
            return WAVENode(.record([]), at: start..<close.range.upperBound)
        }
        if first.kind == .rightBrace {
            _ = try advance()
            return WAVENode(.flags([]), at: start..<first.range.upperBound)
        }
        return try peek(1).kind == .colon ? try record(start: start) : try flags(start: start)
    }

    private mutating func label(_ what: String) throws(WAVEError) -> Label {
        let token = try advance()
        guard case .label(let name, _) = token.kind else { throw Self.unexpected(token, expected: what) }
        return Label(name: name, range: token.range)
    }

    private mutating func record(start: Int) throws(WAVEError) -> WAVENode {
        var fields: [WAVENode.Field] = []
        while true {
            let label = try label("a field label")
            if fields.contains(where: { $0.label.name == label.name }) {
                throw WAVEError("duplicate field '\(label.name)'", at: label.range)
            }
            try expect(.colon, "':' after the field label")
            fields.append(WAVENode.Field(label: label, value: try value()))
            let separator = try advance()
            if separator.kind == .rightBrace { return WAVENode(.record(fields), at: start..<separator.range.upperBound) }
            guard separator.kind == .comma else { throw Self.unexpected(separator, expected: "',' or '}'") }
            let next = try peek()
            if next.kind == .rightBrace {
                _ = try advance()
                return WAVENode(.record(fields), at: start..<next.range.upperBound)
            }
        }
    }

    private mutating func flags(start: Int) throws(WAVEError) -> WAVENode {
        var labels: [Label] = []
        while true {
            let label = try label("a flag label")
            if labels.contains(where: { $0.name == label.name }) {
                throw WAVEError("duplicate flag '\(label.name)'", at: label.range)
            }
            labels.append(label)
            let separator = try advance()
            if separator.kind == .rightBrace { return WAVENode(.flags(labels), at: start..<separator.range.upperBound) }
            guard separator.kind == .comma else { throw Self.unexpected(separator, expected: "',' or '}'") }
            let next = try peek()
            if next.kind == .rightBrace {
                _ = try advance()
                return WAVENode(.flags(labels), at: start..<next.range.upperBound)
            }
        }
    }
}
