/// Splits WIT source text into tokens. A value type: copying it is how the parser looks ahead.
struct WITLexer: Sendable {
    private let bytes: [UInt8]
    private let baseOffset: UInt32
    private var position: Int = 0

    /// Creates a lexer over `text` whose first byte has global offset `offset`.
    /// Rejects control characters, bidirectional overrides and deprecated code points.
    init(text: String, offset: UInt32) throws(WITDiagnostic) {
        bytes = Array(text.utf8)
        baseOffset = offset
        try checkInput(text)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    private func checkInput(_ text: String) throws(WITDiagnostic) {
        var byteOffset = 0
        for scalar in text.unicodeScalars {
            defer { byteOffset += UTF8.width(scalar) }
            let value = scalar.value
            if value == 0x0A || value == 0x0D || value == 0x09 { continue }
            let at = baseOffset + UInt32(byteOffset)
            let hex = "\\u{" + String(value, radix: 16) + "}"
            if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                throw WITDiagnostic(Span(start: at, end: at + 1), "Input contains bidirectional override codepoint \"\(hex)\"")
            }
            if [0x149, 0x673, 0xF77, 0xF79, 0x17A3, 0x17A4, 0x17B4, 0x17B5].contains(value) {
                throw WITDiagnostic(Span(start: at, end: at + 1), "Codepoint \"\(hex)\" is discouraged by Unicode")
            }
            if value < 0x20 || (0x7F...0x9F).contains(value) {
                throw WITDiagnostic(Span(start: at, end: at + 1), "Control code '\(hex)'")
            }
        }
    }

    // MARK: characters

    private func scalar(at index: Int) -> (Unicode.Scalar, Int)? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        let length: Int
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        else if first >> 5 == 0x6 { length = 2 }
        else if first >> 4 == 0xE { length = 3 }
        else { length = 4 }
        var value = UInt32(first) & (0xFF >> (length + 1))
        for i in 1..<length where index + i < bytes.count {
            value = (value << 6) | (UInt32(bytes[index + i]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Next character with `\r\n` folded into `\n`.
    private mutating func nextChar() -> Unicode.Scalar? {
        guard let (c, length) = scalar(at: position) else { return nil }
        position += length
        if c == "\r", position < bytes.count, bytes[position] == UInt8(ascii: "\n") {
            position += 1
            return "\n"
        }
        return c
    }

    private func peekChar() -> Unicode.Scalar? {
        var copy = self
        return copy.nextChar()
    }

    private mutating func eatChar(_ c: Unicode.Scalar) -> Bool {
        var copy = self
        if copy.nextChar() == c {
            self = copy
            return true
        }
        return false
    }

    private static func isKeylikeStart(_ c: Unicode.Scalar) -> Bool {
        c.properties.isXIDStart || c == "_" || c == "-"
    }

    private static func isKeylikeContinue(_ c: Unicode.Scalar) -> Bool {
        c.properties.isXIDContinue || c == "-"
    }

    private var offset: UInt32 { baseOffset + UInt32(position) }

    /// The span just past the last byte.
    var eofSpan: Span {
        let end = baseOffset + UInt32(bytes.count)
        return Span(start: end, end: end)
    }

    /// The source text of a span.
    func text(_ span: Span) -> String {
        let start = Int(span.start - baseOffset)
        let end = Int(span.end - baseOffset)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: tokens

    /// The next token including whitespace and comments, or `nil` at the end.
    mutating func nextRaw() throws(WITDiagnostic) -> (Span, WITToken)? {
        let start = offset
        guard let c = nextChar() else { return nil }
        let token: WITToken
        switch c {
        case "\n", "\t", " ":
            while eatChar(" ") || eatChar("\t") || eatChar("\n") {}
            token = .whitespace
        case "/":
            if eatChar("/") {
                while let c = nextChar(), c != "\n" {}
                token = .comment
            } else if eatChar("*") {
                var depth = 1
                while depth > 0 {
                    guard let c = nextChar() else {
                        throw WITDiagnostic(Span(start: start, end: start + 1), "unterminated block comment")
                    }
                    if c == "/" && eatChar("*") { depth += 1 }
                    else if c == "*" && eatChar("/") { depth -= 1 }
                }
                token = .comment
            } else {
                token = .slash
            }
        case "=": token = .equals
        case ",": token = .comma
        case ":": token = .colon
        case ".": token = .period
        case ";": token = .semicolon
        case "(": token = .leftParen
        case ")": token = .rightParen
        case "{": token = .leftBrace
        case "}": token = .rightBrace
        case "<": token = .lessThan
        case ">": token = .greaterThan
        case "*": token = .star
        case "@": token = .at
        case "-": token = eatChar(">") ? .rArrow : .minus
        case "+": token = .plus
        case "%":
            if let next = peekChar(), Self.isKeylikeStart(next) {
                _ = nextChar()
                while let next = peekChar(), Self.isKeylikeContinue(next) { _ = nextChar() }
            }
            token = .explicitID
        case "\"":
            _ = try readStringLiteral()
            token = .stringLiteral
        case _ where Self.isKeylikeStart(c):
            while let next = peekChar(), Self.isKeylikeContinue(next) { _ = nextChar() }
            let word = String(decoding: bytes[Int(start - baseOffset)..<position], as: UTF8.self)
            token = WITToken.keywords[word] ?? .id
        case _ where ("0"..."9").contains(c):
            while let next = peekChar(), next.isASCII, ("0"..."9").contains(next) { _ = nextChar() }
            token = .integer
        default:
            throw WITDiagnostic(Span(start: start, end: start + 1), "unexpected character '\(c)'")
        }
        return (Span(start: start, end: offset), token)
    }

    /// The next token that is not whitespace or a comment.
    mutating func next() throws(WITDiagnostic) -> (Span, WITToken)? {
        while let item = try nextRaw() {
            if item.1 != .whitespace && item.1 != .comment { return item }
        }
        return nil
    }

    /// Consumes the next token if it is `expected`.
    mutating func eat(_ expected: WITToken) throws(WITDiagnostic) -> Bool {
        var copy = self
        if let (_, token) = try copy.next(), token == expected {
            self = copy
            return true
        }
        return false
    }

    /// Consumes the next token, which must be `expected`.
    @discardableResult
    mutating func expect(_ expected: WITToken) throws(WITDiagnostic) -> Span {
        guard let (span, token) = try next() else {
            let end = eofSpan
            throw WITDiagnostic(Span(start: end.start, end: end.start + 1), "expected \(expected.describe), found eof")
        }
        guard token == expected else {
            throw WITDiagnostic(Span(start: span.start, end: span.start + 1), "expected \(expected.describe), found \(token.describe)")
        }
        return span
    }

    /// The name of an identifier token, validated as kebab-case.
    func identifier(_ span: Span, explicit: Bool) throws(WITDiagnostic) -> String {
        var name = text(span)
        if explicit { name.removeFirst() }
        try Self.validateIdentifier(name, at: span.start)
        return name
    }

    /// Checks the WIT identifier rules: `-`-separated words, each all-lowercase or
    /// all-uppercase ASCII letters and digits, the first word starting with a letter.
    static func validateIdentifier(_ name: String, at start: UInt32) throws(WITDiagnostic) {
        let span = Span(start: start, end: start + 1)
        if name.isEmpty { throw WITDiagnostic(span, "identifiers must have characters between '-'s") }
        for (index, part) in name.split(separator: "-", omittingEmptySubsequences: false).enumerated() {
            guard let first = part.unicodeScalars.first else {
                throw WITDiagnostic(span, "identifiers must have characters between '-'s")
            }
            if index == 0 && !(first.isASCII && first.properties.isAlphabetic) {
                throw WITDiagnostic(span, "invalid character in identifier '\(first)'")
            }
            var upper: Bool? = nil
            for c in part.unicodeScalars {
                if ("0"..."9").contains(c) { continue }
                let isUpper = ("A"..."Z").contains(c)
                let isLower = ("a"..."z").contains(c)
                guard isUpper || isLower else { throw WITDiagnostic(span, "invalid character in identifier '\(c)'") }
                if let upper, upper != isUpper { throw WITDiagnostic(span, "invalid character in identifier '\(c)'") }
                upper = isUpper
            }
        }
    }

    /// Reads the rest of a string literal after its opening quote (strings only appear in
    /// attributes this implementation rejects, but they still have to lex).
    private mutating func readStringLiteral() throws(WITDiagnostic) -> String {
        var result = String.UnicodeScalarView()
        while true {
            let at = offset
            guard let c = nextChar() else {
                throw WITDiagnostic(Span(start: at, end: at + 1), "unexpected end of file")
            }
            switch c {
            case "\"":
                return String(result)
            case "\\":
                let escapeAt = offset
                guard let e = nextChar() else { throw WITDiagnostic(Span(start: at, end: at + 1), "unexpected end of file") }
                switch e {
                case "\"": result.append("\"")
                case "'": result.append("'")
                case "t": result.append("\t")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "\\": result.append("\\")
                case "u":
                    guard eatChar("{") else { throw WITDiagnostic(Span(start: escapeAt, end: escapeAt + 1), "expected character '{'") }
                    var value: UInt32 = 0
                    var digits = 0
                    while let h = peekChar(), h.isASCII, let d = UInt32(String(h), radix: 16) {
                        _ = nextChar()
                        value = value &* 16 &+ d
                        digits += 1
                    }
                    guard digits > 0, eatChar("}"), let scalar = Unicode.Scalar(value) else {
                        throw WITDiagnostic(Span(start: escapeAt, end: escapeAt + 1), "invalid unicode value \(value)")
                    }
                    result.append(scalar)
                default:
                    throw WITDiagnostic(Span(start: escapeAt, end: escapeAt + 1), "invalid string escape '\(e)'")
                }
            case _ where c.value < 0x20 || c.value == 0x7F:
                throw WITDiagnostic(Span(start: at, end: at + 1), "invalid string character '\(c)'")
            default:
                result.append(c)
            }
        }
    }
}
