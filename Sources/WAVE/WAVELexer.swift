/// Splits WAVE text into tokens, following the WAVE grammar (wasm-tools `wave_ebnf.md`):
/// numbers, labels, string and character literals, punctuation, whitespace and `//` comments.
///
/// Offsets are counted in Unicode scalars from the start of the input.
public struct WAVELexer: Sendable {
    /// The input, which error positions refer to.
    let scalars: [Unicode.Scalar]
    private var position = 0

    /// The words that are keywords unless escaped with `%`: variant and enum cases spelled like
    /// one of them must be written `%name`.
    public static let keywords: Set<String> = ["true", "false", "some", "none", "ok", "err", "inf", "nan"]

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

    /// Whether `name` is a WAVE label without its `%`: hyphen-separated words, each all
    /// lowercase or all uppercase; the first word starts with a letter, later ones may start
    /// with a digit (`method-GET`, `HTTP3`, `utf-8`).
    public static func isValidLabel(_ name: String) -> Bool {
        let words = name.split(separator: "-", omittingEmptySubsequences: false)
        return words.enumerated().allSatisfy { index, word in
            guard let first = word.unicodeScalars.first else { return false }
            if index == 0, !(("a"..."z").contains(first) || ("A"..."Z").contains(first)) { return false }
            let hasLower = word.unicodeScalars.contains { ("a"..."z").contains($0) }
            let hasUpper = word.unicodeScalars.contains { ("A"..."Z").contains($0) }
            return !(hasLower && hasUpper)
        }
    }

    // MARK: - Strings and characters

    private mutating func stringLiteral() throws(WAVEError) -> WAVEToken {
        if peek(1) == "\"", peek(2) == "\"" { return try multilineStringLiteral() }
        let start = position
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

    /// `"""`, a line break, lines each starting with the indentation of the closing line,
    /// then a line of spaces only and `"""`. The lines are joined with `\n`; the indentation,
    /// the first and the last line break are not part of the value.
    private mutating func multilineStringLiteral() throws(WAVEError) -> WAVEToken {
        let start = position
        let contentStart = start + 3
        var contentEnd = contentStart
        while contentEnd + 2 < scalars.count,
              !(scalars[contentEnd] == "\"" && scalars[contentEnd + 1] == "\"" && scalars[contentEnd + 2] == "\"") {
            contentEnd += 1
        }
        guard contentEnd + 2 < scalars.count else {
            throw WAVEError("unterminated multiline string", at: start..<scalars.count)
        }
        let end = contentEnd + 3
        // Line boundaries: a line runs from one line feed to the next.
        var lineStarts = [contentStart]
        for index in contentStart..<contentEnd where scalars[index] == "\n" { lineStarts.append(index + 1) }
        let firstLineEnd = lineStarts.count > 1 ? lineStarts[1] - 1 : contentEnd
        guard lineStarts.count > 1,
              firstLineEnd == contentStart || (firstLineEnd == contentStart + 1 && scalars[contentStart] == "\r")
        else {
            throw WAVEError("opening \"\"\" must be followed immediately by a line break", at: start..<contentStart)
        }
        let indentStart = lineStarts[lineStarts.count - 1]
        guard scalars[indentStart..<contentEnd].allSatisfy({ $0 == " " }) else {
            throw WAVEError("closing \"\"\" must be on a line preceded only by spaces", at: contentEnd..<end)
        }
        let indent = contentEnd - indentStart

        var value = ""
        for line in 1..<lineStarts.count - 1 {
            let lineStart = lineStarts[line]
            var lineEnd = lineStarts[line + 1] - 1
            guard lineEnd - lineStart >= indent, scalars[lineStart..<lineStart + indent].allSatisfy({ $0 == " " }) else {
                throw WAVEError("lines must be indented at least as much as the closing \"\"\"",
                                at: lineStart..<lineStart + 1)
            }
            if lineEnd > lineStart + indent, scalars[lineEnd - 1] == "\r" { lineEnd -= 1 }
            if line > 1 { value.unicodeScalars.append("\n") }
            position = lineStart + indent
            while position < lineEnd { value.unicodeScalars.append(try literalCharacter()) }
        }
        position = end
        return WAVEToken(.string(value), at: start..<end)
    }

    private mutating func charLiteral() throws(WAVEError) -> WAVEToken {
        let start = position
        position += 1
        guard let scalar = peek(), scalar != "\n", scalar != "'" else {
            throw WAVEError("empty or unterminated char", at: start..<position)
        }
        let value = try literalCharacter()
        guard peek() == "'" else {
            while let next = peek(), next != "'", next != "\n" { position += 1 }
            throw WAVEError(peek() == "'" ? "multiple characters in a char" : "unterminated char",
                            at: start..<position + (peek() == "'" ? 1 : 0))
        }
        position += 1
        return WAVEToken(.char(value), at: start..<position)
    }

    /// One character of a literal, its escape resolved. Callers stop at their closing quote
    /// before calling this.
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
            while let next = peek(), next.properties.isASCIIHexDigit { position += 1 }
            let digits = position - digitsStart
            guard peek() == "}" else { throw WAVEError("unterminated unicode escape", at: start..<position) }
            position += 1
            guard (1...6).contains(digits), let code = UInt32(text(digitsStart..<digitsStart + digits), radix: 16),
                  let value = Unicode.Scalar(code)
            else { throw WAVEError("invalid unicode escape (1 to 6 hex digits naming a Unicode scalar value)", at: start..<position) }
            return value
        default:
            throw WAVEError("invalid escape '\\\(escape)'", at: start..<position)
        }
    }
}
