/// Parses a composition file: the subset of WAC (bytecodealliance/wac LANGUAGE.md) that
/// describes compositions. Type, interface, world and `import` statements are not part of it.
///
/// ```ebnf
/// document   ::= 'package' package-name ';' statement*
/// statement  ::= 'let' id '=' expr ';' | 'export' expr ('as' (id | string) | '...')? ';'
/// expr       ::= primary ('.' id | '[' string ']')*
/// primary    ::= 'new' package-name '{' args? '}' | '(' expr ')' | id
/// args       ::= arg (',' arg)* (',' '...'?)? | '...'
/// arg        ::= id | '...' id | (id | string) ':' expr
/// ```
struct WACParser {
    private var tokens: [WACToken]
    private var position = 0
    private let file: String

    /// Tokenizes `text`; `file` names it in errors.
    init(_ text: String, file: String) throws(ComposeError) {
        var lexer = WACLexer(text, file: file)
        tokens = try lexer.tokens()
        self.file = file
    }

    private var current: WACToken { tokens[position] }

    private func error(_ message: String, at location: WACLocation? = nil) -> ComposeError {
        .configuration(location: "\(file):\(location ?? current.location)", message: message)
    }

    private func describe(_ token: WACToken) -> String {
        switch token.kind {
        case .identifier(let name): "`\(name)`"
        case .string(let text): "\"\(text)\""
        case .path(let path): "`\(path)`"
        case .symbol(let symbol): "`\(symbol)`"
        case .end: "end of file"
        }
    }

    private mutating func take(_ symbol: String) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws(ComposeError) {
        guard take(symbol) else { throw error("expected `\(symbol)`, found \(describe(current))") }
    }

    private mutating func keyword(_ word: String) -> Bool {
        guard current.kind == .identifier(word) else { return false }
        position += 1
        return true
    }

    private mutating func identifier(_ what: String) throws(ComposeError) -> String {
        guard case .identifier(let name) = current.kind else {
            throw error("expected \(what), found \(describe(current))")
        }
        position += 1
        return name
    }

    private mutating func packageName() throws(ComposeError) -> String {
        guard case .path(let path) = current.kind, path.contains(":"), !path.contains("/") else {
            throw error("expected a package name such as `ns:name`, found \(describe(current))")
        }
        position += 1
        return path
    }

    /// Parses the whole document.
    mutating func document() throws(ComposeError) -> WACDocument {
        guard keyword("package") else { throw error("a composition file starts with `package ns:name;`") }
        let name = try packageName()
        if case .identifier("targets") = current.kind { throw error("`targets` clauses are not supported") }
        try expect(";")
        var statements: [WACStatement] = []
        while current.kind != .end {
            statements.append(try statement())
        }
        return WACDocument(packageName: name, statements: statements)
    }

    private mutating func statement() throws(ComposeError) -> WACStatement {
        let start = current.location
        if keyword("let") {
            let name = try identifier("a name after `let`")
            try expect("=")
            let value = try expression()
            try expect(";")
            return .let(name: name, value: value, at: start)
        }
        if keyword("export") {
            let value = try expression()
            var options = WACExportOptions.implied
            if take("...") {
                options = .spread
            } else if keyword("as") {
                switch current.kind {
                case .identifier(let name), .string(let name):
                    position += 1
                    options = .renamed(name)
                default:
                    throw error("expected an export name after `as`, found \(describe(current))")
                }
            }
            try expect(";")
            return .export(value: value, options: options, at: start)
        }
        if case .identifier(let word) = current.kind, ["import", "interface", "world", "type", "record", "variant",
                                                         "enum", "flags", "resource", "use"].contains(word) {
            throw error("`\(word)` statements are not supported by wcomp compositions (use `new ... { ... }` for implicit imports)")
        }
        throw error("expected `let` or `export`, found \(describe(current))")
    }

    private mutating func expression() throws(ComposeError) -> WACExpression {
        var value = try primary()
        while true {
            let location = current.location
            if take(".") {
                value = .access(value, try identifier("an export name after `.`"), at: location)
            } else if take("[") {
                guard case .string(let name) = current.kind else {
                    throw error("expected a quoted export name, found \(describe(current))")
                }
                position += 1
                try expect("]")
                value = .namedAccess(value, name, at: location)
            } else {
                return value
            }
        }
    }

    private mutating func primary() throws(ComposeError) -> WACExpression {
        let start = current.location
        if keyword("new") {
            let package = try packageName()
            try expect("{")
            var arguments: [WACArgument] = []
            var importsRest = false
            while !take("}") {
                let location = current.location
                if take("...") {
                    if case .identifier(let name) = current.kind {
                        position += 1
                        arguments.append(.spread(name, at: location))
                    } else {
                        importsRest = true
                        try expect("}")
                        break
                    }
                } else {
                    switch current.kind {
                    case .identifier(let name):
                        position += 1
                        if take(":") {
                            arguments.append(.named(name, isString: false, try expression(), at: location))
                        } else {
                            arguments.append(.inferred(name, at: location))
                        }
                    case .string(let name):
                        position += 1
                        try expect(":")
                        arguments.append(.named(name, isString: true, try expression(), at: location))
                    default:
                        throw error("expected an instantiation argument, found \(describe(current))")
                    }
                }
                if !take(",") {
                    try expect("}")
                    break
                }
            }
            return .new(package: package, arguments: arguments, importsRest: importsRest, at: start)
        }
        if take("(") {
            let value = try expression()
            try expect(")")
            return value
        }
        return .name(try identifier("an expression"), at: start)
    }
}
