/// A token of a composition file.
struct WACToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case string(String)
        /// A package path or name such as `a:b`, `a:b/c@1.0.0` (read as one token).
        case path(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var location: WACLocation
}

/// Splits a composition file into tokens; `//` and nested `/* */` comments are skipped.
struct WACLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private let file: String

    init(_ text: String, file: String) {
        scalars = Array(text.unicodeScalars)
        self.file = file
    }

    private func error(_ message: String, _ location: WACLocation) -> ComposeError {
        .configuration(location: "\(file):\(location)", message: message)
    }

    private var location: WACLocation { WACLocation(line: line, column: column) }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Every token of the text, ending with `.end`.
    mutating func tokens() throws(ComposeError) -> [WACToken] {
        var result: [WACToken] = []
        while true {
            try skipTrivia()
            let start = location
            guard let scalar = peek() else {
                result.append(WACToken(kind: .end, location: start))
                return result
            }
            if scalar == "\"" {
                advance()
                var text = ""
                while let next = peek(), next != "\"" {
                    guard next != "\n" else { throw error("unterminated string", start) }
                    text.unicodeScalars.append(next)
                    advance()
                }
                guard peek() == "\"" else { throw error("unterminated string", start) }
                advance()
                result.append(WACToken(kind: .string(text), location: start))
            } else if scalar == "%" || scalar.properties.isLowercase || scalar.properties.isUppercase {
                // Package names (`ns:name@1.0.0`) are one token, read only where one is expected:
                // after `package` and `new`. Elsewhere `:` separates an argument from its value.
                let expectsPackage = result.last.map { $0.kind == .identifier("new") || $0.kind == .identifier("package") } ?? false
                var text = ""
                var isPath = false
                if scalar == "%" { advance() }
                while let next = peek(), WACLexer.isWordScalar(next)
                        || (expectsPackage && (next == ":" || next == "/" || next == "@"))
                        || (isPath && (next == "." || next == "+")) {
                    if next == ":" || next == "/" || next == "@" { isPath = true }
                    text.unicodeScalars.append(next)
                    advance()
                }
                result.append(WACToken(kind: isPath ? .path(text) : .identifier(text), location: start))
            } else if scalar == ".", peek(1) == ".", peek(2) == "." {
                advance(); advance(); advance()
                result.append(WACToken(kind: .symbol("..."), location: start))
            } else if "{}()[];:,.=".unicodeScalars.contains(scalar) {
                advance()
                result.append(WACToken(kind: .symbol(String(scalar)), location: start))
            } else {
                throw error("unexpected character `\(scalar)`", start)
            }
        }
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isLowercase || scalar.properties.isUppercase || ("0"..."9").contains(scalar) || scalar == "-"
    }

    private mutating func skipTrivia() throws(ComposeError) {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                advance()
            } else if scalar == "/", peek(1) == "/" {
                while let next = peek(), next != "\n" { _ = next; advance() }
            } else if scalar == "/", peek(1) == "*" {
                let start = location
                advance(); advance()
                var depth = 1
                while depth > 0 {
                    guard let next = peek() else { throw error("unterminated block comment", start) }
                    if next == "/", peek(1) == "*" {
                        advance(); advance(); depth += 1
                    } else if next == "*", peek(1) == "/" {
                        advance(); advance(); depth -= 1
                    } else {
                        advance()
                    }
                }
            } else {
                return
            }
        }
    }
}
