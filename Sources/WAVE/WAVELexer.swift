/// Splits WAVE text into tokens, following the WAVE grammar (wasm-tools `wave_ebnf.md`):
/// numbers, labels, string and character literals, punctuation, whitespace and `//` comments.
///
/// Offsets are counted in Unicode scalars from the start of the input.
public struct WAVELexer: Sendable {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// Creates a lexer over `text`.
    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Reads the next token; returns `.end` once the input is exhausted.
    public mutating func next() throws(WAVEError) -> WAVEToken {
        skipWhitespaceAndComments()
        let start = position
        guard let scalar = peek() else { return WAVEToken(.end, at: start..<start) }
        switch scalar {
        case "(": return punctuation(.leftParen)
        case ")": return punctuation(.rightParen)
        case "[": return punctuation(.leftBracket)
        case "]": return punctuation(.rightBracket)
        case "{": return punctuation(.leftBrace)
        case "}": return punctuation(.rightBrace)
        case ",": return punctuation(.comma)
        case ":": return punctuation(.colon)
        case "\"": return try stringLiteral()
        case "'": return try charLiteral()
        case "-", "0"..."9": return try number()
        case "%", "a"..."z", "A"..."Z": return try label()
        default:
            throw WAVEError("invalid token '\(scalar)'", at: start..<start + 1)
        }
    }

    /// Reads every remaining token, `.end` included.
    public mutating func tokenize() throws(WAVEError) -> [WAVEToken] {
        var tokens: [WAVEToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    // MARK: - Scanning helpers

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private mutating func punctuation(_ kind: WAVEToken.Kind) -> WAVEToken {
        position += 1
        return WAVEToken(kind, at: position - 1..<position)
    }

    private mutating func skipWhitespaceAndComments() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                position += 1
            } else if scalar == "/", peek(1) == "/" {
                while let next = peek(), next != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar)
    }

    private static func isLabelCharacter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-"
    }

    private func text(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[range])
        return result
    }

    // MARK: - Numbers

    /// `number ::= integer fraction? exponent? | 'nan' | 'inf' | '-inf'`
    private mutating func number() throws(WAVEError) -> WAVEToken {
        let start = position
        if peek() == "-" {
            position += 1
            if peek() == "i" || peek() == "n" {
                let word = try label()
                if case .number("inf") = word.kind { return WAVEToken(.number("-inf"), at: start..<position) }
                throw WAVEError("invalid number", at: start..<position)
            }
        }
        try unsignedInteger(numberStart: start)
        if peek() == "." {
            position += 1
            guard Self.isDigit(peek()) else { throw WAVEError("expected digits after '.'", at: start..<position) }
            while Self.isDigit(peek()) { position += 1 }
        }
        if peek() == "e" || peek() == "E" {
            position += 1
            if peek() == "+" || peek() == "-" { position += 1 }
            try unsignedInteger(numberStart: start)
        }
        if Self.isLabelCharacter(peek()) || peek() == "." {
            while Self.isLabelCharacter(peek()) || peek() == "." { position += 1 }
            throw WAVEError("invalid number '\(text(start..<position))'", at: start..<position)
        }
        return WAVEToken(.number(text(start..<position)), at: start..<position)
    }

    /// `unsigned-integer ::= '0' | [1-9] [0-9]*`
    private mutating func unsignedInteger(numberStart: Int) throws(WAVEError) {
        guard Self.isDigit(peek()) else {
            throw WAVEError("expected a digit", at: numberStart..<position + (peek() == nil ? 0 : 1))
        }
        if peek() == "0", Self.isDigit(peek(1)) {
            while Self.isDigit(peek()) { position += 1 }
            throw WAVEError("numbers must not have leading zeros", at: numberStart..<position)
        }
        while Self.isDigit(peek()) { position += 1 }
    }

    // MARK: - Labels

    /// `label ::= '%'? word ('-' word)*` where `word ::= [a-z][a-z0-9]* | [A-Z][A-Z0-9]*`.
    /// Unescaped `nan` and `inf` are numbers.
    private mutating func label() throws(WAVEError) -> WAVEToken {
        let start = position
        let escaped = peek() == "%"
        if escaped { position += 1 }
        let nameStart = position
        while Self.isLabelCharacter(peek()) { position += 1 }
        let name = text(nameStart..<position)
        guard Self.isValidLabel(name) else {
            throw WAVEError(
                "invalid label '\(text(start..<position))' (labels are kebab-case words, all lowercase or all uppercase)",
                at: start..<position)
        }
        if !escaped, name == "nan" || name == "inf" {
            return WAVEToken(.number(name), at: start..<position)
        }
        return WAVEToken(.label(name, escaped: escaped), at: start..<position)
    }

    /// Whether `name` is `word ('-' word)*` with each word all-lowercase or all-uppercase.
    public static func isValidLabel(_ name: String) -> Bool {
        let words = name.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            guard let first = word.unicodeScalars.first else { return false }
            let lower = ("a"..."z").contains(first)
            let upper = ("A"..."Z").contains(first)
            guard lower || upper else { return false }
            return word.unicodeScalars.allSatisfy {
                ("0"..."9").contains($0) || (lower ? ("a"..."z").contains($0) : ("A"..."Z").contains($0))
            }
        }
    }

    // MARK: - Strings and characters

    private mutating func stringLiteral() throws(WAVEError) -> WAVEToken {
        let start = position
        if peek(1) == "\"", peek(2) == "\"" {
            throw WAVEError("multiline strings are not supported", at: start..<start + 3)
        }
        position += 1
        var value = ""
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                throw WAVEError("unterminated string", at: start..<position)
            }
            if scalar == "\"" { break }
            value.unicodeScalars.append(try literalCharacter())
        }
        position += 1
        return WAVEToken(.string(value), at: start..<position)
    }

    private mutating func charLiteral() throws(WAVEError) -> WAVEToken {
        let start = position
        position += 1
        guard let scalar = peek(), scalar != "\n", scalar != "'" else {
            throw WAVEError("empty or unterminated character", at: start..<position)
        }
        let value = try literalCharacter()
        guard peek() == "'" else { throw WAVEError("unterminated character", at: start..<position) }
        position += 1
        return WAVEToken(.char(value), at: start..<position)
    }

    /// One `common-char` of a string or character literal, escapes resolved.
    private mutating func literalCharacter() throws(WAVEError) -> Unicode.Scalar {
        let start = position
        guard let scalar = peek() else { throw WAVEError("unexpected end of input", at: start..<start) }
        position += 1
        guard scalar == "\\" else { return scalar }
        guard let escape = peek() else { throw WAVEError("unterminated escape", at: start..<position) }
        position += 1
        switch escape {
        case "'": return "'"
        case "\"": return "\""
        case "\\": return "\\"
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "u":
            guard peek() == "{" else { throw WAVEError("expected '{' after \\u", at: start..<position) }
            position += 1
            let digitsStart = position
            while let next = peek(), next != "}", next != "\"", next != "'" { position += 1 }
            guard peek() == "}", let code = UInt32(text(digitsStart..<position), radix: 16),
                  let value = Unicode.Scalar(code)
            else { throw WAVEError("invalid unicode escape", at: start..<position) }
            position += 1
            return value
        default:
            throw WAVEError("invalid escape '\\\(escape)'", at: start..<position)
        }
    }
}
