/// Parses WIT source text into a `WITFileSyntax` following the grammar of the
/// Component Model's WIT.md (as implemented by wasm-tools' wit-parser).
public struct WITParser {
    private var tokens: WITLexer
    private static let maxDepth = 100

    /// Parses one file. `offset` is the global offset of the text in its `SourceMap`.
    static func parseFile(text: String, offset: UInt32) throws(WITDiagnostic) -> WITFileSyntax {
        var parser = WITParser(tokens: try WITLexer(text: text, offset: offset))
        return try parser.parseFile()
    }

    /// Parses `source` as a standalone file named `path`; errors are rendered with that path.
    public static func parse(source: String, path: String = "<input>") throws(WITError) -> WITFileSyntax {
        var sources = SourceMap()
        let offset = sources.add(path: path, contents: source)
        do {
            return try parseFile(text: source, offset: offset)
        } catch {
            throw WITError(error, sources: sources)
        }
    }

    // MARK: files and declarations

    private mutating func parseFile() throws(WITDiagnostic) -> WITFileSyntax {
        var peek = tokens
        let docs = try Self.parseDocs(&peek)
        var header: WITPackageNameSyntax?
        if try peek.eat(.package) {
            var inner = WITParser(tokens: peek)
            let name = try inner.parsePackageName(docs: docs)
            if try inner.tokens.eat(.semicolon) {
                tokens = inner.tokens
                header = name
            }
        }
        let items = try parseDeclarations(until: nil, depth: 0)
        return WITFileSyntax(package: header, items: items)
    }

    private mutating func parseDeclarations(until end: WITToken?, depth: Int) throws(WITDiagnostic) -> [WITTopLevelItem] {
        var items: [WITTopLevelItem] = []
        var docs = try Self.parseDocs(&tokens)
        while true {
            if let end {
                if try tokens.eat(end) { break }
            } else {
                var copy = tokens
                if try copy.next() == nil { break }
            }
            items.append(try parseTopLevelItem(docs: docs, depth: depth))
            docs = try Self.parseDocs(&tokens)
        }
        return items
    }

    private mutating func parseTopLevelItem(docs: WITDocComments, depth: Int) throws(WITDiagnostic) -> WITTopLevelItem {
        let attributes = try parseAttributes()
        var peek = tokens
        let next = try peek.next()
        switch next?.1 {
        case .interface?:
            return .interface(try parseInterface(docs: docs, attributes: attributes))
        case .world?:
            return .world(try parseWorld(docs: docs, attributes: attributes))
        case .use?:
            let span = try tokens.expect(.use)
            let path = try parseUsePath()
            let alias = try tokens.eat(.as) ? try parseIdentifier() : nil
            try tokens.expect(.semicolon)
            return .use(WITTopLevelUse(span: span, attributes: attributes, path: path, alias: alias))
        case .package?:
            let span = try tokens.expect(.package)
            if !attributes.isEmpty { throw WITDiagnostic(span, "cannot place attributes on nested packages") }
            if depth >= Self.maxDepth { throw WITDiagnostic(span, "package nesting too deep") }
            let name = try parsePackageName(docs: docs)
            try tokens.expect(.leftBrace)
            let items = try parseDeclarations(until: .rightBrace, depth: depth + 1)
            return .package(WITFileSyntax(package: name, items: items))
        default:
            throw expected("`world`, `interface` or `use`", found: next)
        }
    }

    private mutating func parsePackageName(docs: WITDocComments) throws(WITDiagnostic) -> WITPackageNameSyntax {
        let namespace = try parseIdentifier()
        try tokens.expect(.colon)
        let name = try parseIdentifier()
        let version = try parseOptionalVersion()
        return WITPackageNameSyntax(
            docs: docs, span: Span(start: namespace.span.start, end: version?.0.end ?? name.span.end),
            namespace: namespace, name: name, version: version?.1)
    }

    private mutating func parseUsePath() throws(WITDiagnostic) -> WITUsePath {
        let first = try parseIdentifier()
        guard try tokens.eat(.colon) else { return .local(first) }
        let packageName = try parseIdentifier()
        try tokens.expect(.slash)
        let item = try parseIdentifier()
        let version = try parseOptionalVersion()
        let name = WITPackageNameSyntax(
            docs: WITDocComments(), span: Span(start: first.span.start, end: packageName.span.end),
            namespace: first, name: packageName, version: version?.1)
        return .package(name, item: item)
    }

    // MARK: interfaces and worlds

    private mutating func parseInterface(docs: WITDocComments, attributes: [WITAttribute]) throws(WITDiagnostic) -> WITInterfaceSyntax {
        try tokens.expect(.interface)
        let name = try parseIdentifier()
        return WITInterfaceSyntax(docs: docs, attributes: attributes, name: name, items: try parseInterfaceItems())
    }

    private mutating func parseInterfaceItems() throws(WITDiagnostic) -> [WITInterfaceItemSyntax] {
        try tokens.expect(.leftBrace)
        var items: [WITInterfaceItemSyntax] = []
        while true {
            let docs = try Self.parseDocs(&tokens)
            if try tokens.eat(.rightBrace) { break }
            let attributes = try parseAttributes()
            var peek = tokens
            let next = try peek.next()
            switch next?.1 {
            case .type?, .flags?, .enum?, .variant?, .resource?, .record?:
                items.append(.typeDef(try parseTypeDef(docs: docs, attributes: attributes)))
            case .id?, .explicitID?:
                let name = try parseIdentifier()
                try tokens.expect(.colon)
                let function = try parseFunction()
                try tokens.expect(.semicolon)
                items.append(.function(WITNamedFunctionSyntax(docs: docs, attributes: attributes, name: name, function: function)))
            case .use?:
                items.append(.use(try parseUse(attributes: attributes)))
            default:
                throw expected("`type`, `resource` or `func`", found: next)
            }
        }
        return items
    }

    private mutating func parseWorld(docs: WITDocComments, attributes: [WITAttribute]) throws(WITDiagnostic) -> WITWorldSyntax {
        try tokens.expect(.world)
        let name = try parseIdentifier()
        try tokens.expect(.leftBrace)
        var items: [WITWorldItemSyntax] = []
        while true {
            let docs = try Self.parseDocs(&tokens)
            if try tokens.eat(.rightBrace) { break }
            let attributes = try parseAttributes()
            var peek = tokens
            let next = try peek.next()
            switch next?.1 {
            case .import?:
                try tokens.expect(.import)
                items.append(.import(WITExternSyntax(docs: docs, attributes: attributes, kind: try parseExternKind())))
            case .export?:
                try tokens.expect(.export)
                items.append(.export(WITExternSyntax(docs: docs, attributes: attributes, kind: try parseExternKind())))
            case .use?:
                items.append(.use(try parseUse(attributes: attributes)))
            case .type?, .flags?, .resource?, .record?, .variant?, .enum?:
                items.append(.type(try parseTypeDef(docs: docs, attributes: attributes)))
            case .include?:
                try tokens.expect(.include)
                let from = try parseUsePath()
                var names: [(name: WITIdentifier, alias: WITIdentifier)] = []
                if try tokens.eat(.with) {
                    try tokens.expect(.leftBrace)
                    names = try parseListTrailer(end: .rightBrace) { (parser: inout WITParser, _) throws(WITDiagnostic) in
                        let name = try parser.parseIdentifier()
                        try parser.tokens.expect(.as)
                        return (name, try parser.parseIdentifier())
                    }
                } else {
                    try tokens.expect(.semicolon)
                }
                items.append(.include(WITIncludeSyntax(from: from, attributes: attributes, names: names)))
            default:
                throw expected("`import`, `export`, `include`, `use`, or type definition", found: next)
            }
        }
        return WITWorldSyntax(docs: docs, attributes: attributes, name: name, items: items)
    }

    private mutating func parseExternKind() throws(WITDiagnostic) -> WITExternKind {
        var clone = self
        let id = try clone.parseIdentifier()
        if try clone.tokens.eat(.colon) {
            var funcProbe = clone.tokens
            var asyncProbe = clone.tokens
            let isFunction = try funcProbe.eat(.func)
            let isAsyncFunction = try asyncProbe.eat(.async)
            if isFunction || isAsyncFunction {
                self = clone
                let function = try parseFunction()
                try tokens.expect(.semicolon)
                return .function(id, function)
            }
            if try clone.tokens.eat(.interface) {
                self = clone
                return .interface(id, try parseInterfaceItems())
            }
            var peek = clone
            let isQualified = (try? peek.parseIdentifier()) != nil && ((try? peek.tokens.eat(.slash)) ?? false)
            if !isQualified {
                self = clone
                let path = try parseUsePath()
                try tokens.expect(.semicolon)
                return .namedPath(id, path)
            }
        }
        let path = try parseUsePath()
        try tokens.expect(.semicolon)
        return .path(path)
    }

    private mutating func parseUse(attributes: [WITAttribute]) throws(WITDiagnostic) -> WITUseSyntax {
        try tokens.expect(.use)
        let from = try parseUsePath()
        try tokens.expect(.period)
        try tokens.expect(.leftBrace)
        var names: [(name: WITIdentifier, alias: WITIdentifier?)] = []
        while !(try tokens.eat(.rightBrace)) {
            let name = try parseIdentifier()
            let alias = try tokens.eat(.as) ? try parseIdentifier() : nil
            names.append((name, alias))
            if !(try tokens.eat(.comma)) {
                try tokens.expect(.rightBrace)
                break
            }
        }
        try tokens.expect(.semicolon)
        return WITUseSyntax(attributes: attributes, from: from, names: names)
    }

    // MARK: types

    private mutating func parseTypeDef(docs: WITDocComments, attributes: [WITAttribute]) throws(WITDiagnostic) -> WITTypeDefSyntax {
        guard let (_, keyword) = try tokens.next() else { throw expected("a type definition", found: nil) }
        let name = try parseIdentifier()
        let type: WITTypeSyntax
        switch keyword {
        case .type:
            try tokens.expect(.equals)
            type = try parseType(depth: 0)
            try tokens.expect(.semicolon)
        case .flags:
            try tokens.expect(.leftBrace)
            type = .flags(try parseListTrailer(end: .rightBrace) { (parser: inout WITParser, docs) throws(WITDiagnostic) in
                (docs, try parser.parseIdentifier())
            }, name.span)
        case .enum:
            try tokens.expect(.leftBrace)
            type = .enumeration(try parseListTrailer(end: .rightBrace) { (parser: inout WITParser, docs) throws(WITDiagnostic) in
                (docs, try parser.parseIdentifier())
            }, name.span)
        case .record:
            try tokens.expect(.leftBrace)
            type = .record(try parseListTrailer(end: .rightBrace) { (parser: inout WITParser, docs) throws(WITDiagnostic) in
                let field = try parser.parseIdentifier()
                try parser.tokens.expect(.colon)
                return WITFieldSyntax(docs: docs, name: field, type: try parser.parseType(depth: 0))
            }, name.span)
        case .variant:
            try tokens.expect(.leftBrace)
            type = .variant(try parseListTrailer(end: .rightBrace) { (parser: inout WITParser, docs) throws(WITDiagnostic) in
                let caseName = try parser.parseIdentifier()
                var payload: WITTypeSyntax?
                if try parser.tokens.eat(.leftParen) {
                    payload = try parser.parseType(depth: 0)
                    try parser.tokens.expect(.rightParen)
                }
                return WITCaseSyntax(docs: docs, name: caseName, type: payload)
            }, name.span)
        default:  // resource
            var functions: [WITResourceFunctionSyntax] = []
            if try tokens.eat(.leftBrace) {
                while !(try tokens.eat(.rightBrace)) {
                    let docs = try Self.parseDocs(&tokens)
                    let attributes = try parseAttributes()
                    functions.append(try parseResourceFunction(docs: docs, attributes: attributes))
                }
            } else {
                try tokens.expect(.semicolon)
            }
            type = .resource(functions, name.span)
        }
        return WITTypeDefSyntax(docs: docs, attributes: attributes, name: name, type: type)
    }

    private mutating func parseResourceFunction(docs: WITDocComments, attributes: [WITAttribute]) throws(WITDiagnostic) -> WITResourceFunctionSyntax {
        var peek = tokens
        let next = try peek.next()
        switch next?.1 {
        case .constructor?:
            let span = try tokens.expect(.constructor)
            try tokens.expect(.leftParen)
            let params = try parseParams()
            let result = try tokens.eat(.rArrow) ? try parseType(depth: 0) : nil
            try tokens.expect(.semicolon)
            let function = WITFunctionSyntax(span: span, isAsync: false, params: params, result: result)
            return WITResourceFunctionSyntax(
                kind: .constructor,
                function: WITNamedFunctionSyntax(
                    docs: docs, attributes: attributes, name: WITIdentifier(name: "constructor", span: span), function: function))
        case .id?, .explicitID?:
            let name = try parseIdentifier()
            try tokens.expect(.colon)
            let kind: WITResourceFunctionSyntax.Kind = try tokens.eat(.static) ? .static : .method
            let function = try parseFunction()
            try tokens.expect(.semicolon)
            return WITResourceFunctionSyntax(
                kind: kind, function: WITNamedFunctionSyntax(docs: docs, attributes: attributes, name: name, function: function))
        default:
            throw expected("`constructor` or identifier", found: next)
        }
    }

    private mutating func parseFunction() throws(WITDiagnostic) -> WITFunctionSyntax {
        let isAsync = try tokens.eat(.async)
        let span = try tokens.expect(.func)
        try tokens.expect(.leftParen)
        let params = try parseParams()
        let result = try tokens.eat(.rArrow) ? try parseType(depth: 0) : nil
        return WITFunctionSyntax(span: span, isAsync: isAsync, params: params, result: result)
    }

    private mutating func parseParams() throws(WITDiagnostic) -> [(name: WITIdentifier, type: WITTypeSyntax)] {
        try parseListTrailer(end: .rightParen) { (parser: inout WITParser, _) throws(WITDiagnostic) in
            let name = try parser.parseIdentifier()
            try parser.tokens.expect(.colon)
            return (name, try parser.parseType(depth: 0))
        }
    }

    private mutating func parseType(depth: Int) throws(WITDiagnostic) -> WITTypeSyntax {
        let token = try tokens.next()
        if depth >= Self.maxDepth {
            throw WITDiagnostic(token?.0 ?? tokens.eofSpan, "type nesting too deep")
        }
        guard let (span, kind) = token else { throw expected("a type", found: nil) }
        switch kind {
        case .u8: return .primitive(.u8, span)
        case .u16: return .primitive(.u16, span)
        case .u32: return .primitive(.u32, span)
        case .u64: return .primitive(.u64, span)
        case .s8: return .primitive(.s8, span)
        case .s16: return .primitive(.s16, span)
        case .s32: return .primitive(.s32, span)
        case .s64: return .primitive(.s64, span)
        case .f32: return .primitive(.f32, span)
        case .f64: return .primitive(.f64, span)
        case .char: return .primitive(.char, span)
        case .bool: return .primitive(.bool, span)
        case .string: return .primitive(.string, span)
        case .errorContext: return .primitive(.errorContext, span)
        case .tuple:
            try tokens.expect(.lessThan)
            return .tuple(try parseListTrailer(end: .greaterThan) { (parser: inout WITParser, _) throws(WITDiagnostic) in
                try parser.parseType(depth: depth + 1)
            }, span)
        case .list:
            try tokens.expect(.lessThan)
            let element = try parseType(depth: depth + 1)
            var size: UInt32?
            if try tokens.eat(.comma) {
                let number = try tokens.next()
                guard let (numberSpan, numberToken) = number, numberToken == .integer else {
                    throw expected("fixed-length", found: number)
                }
                guard let value = UInt32(tokens.text(numberSpan)) else {
                    throw WITDiagnostic(numberSpan, "invalid list size: number too large to fit in target type")
                }
                size = value
            }
            try tokens.expect(.greaterThan)
            if let size { return .fixedLengthList(element, size: size, span) }
            return .list(element, span)
        case .map:
            try tokens.expect(.lessThan)
            let key = try parseType(depth: depth + 1)
            try tokens.expect(.comma)
            let value = try parseType(depth: depth + 1)
            try tokens.expect(.greaterThan)
            return .map(key, value, span)
        case .option:
            try tokens.expect(.lessThan)
            let element = try parseType(depth: depth + 1)
            try tokens.expect(.greaterThan)
            return .option(element, span)
        case .result:
            var ok: WITTypeSyntax?
            var err: WITTypeSyntax?
            if try tokens.eat(.lessThan) {
                if try tokens.eat(.underscore) {
                    try tokens.expect(.comma)
                    err = try parseType(depth: depth + 1)
                } else {
                    ok = try parseType(depth: depth + 1)
                    if try tokens.eat(.comma) { err = try parseType(depth: depth + 1) }
                }
                try tokens.expect(.greaterThan)
            }
            return .result(ok: ok, err: err, span)
        case .future, .stream:
            var element: WITTypeSyntax?
            if try tokens.eat(.lessThan) {
                element = try parseType(depth: depth + 1)
                try tokens.expect(.greaterThan)
            }
            return kind == .future ? .future(element, span) : .stream(element, span)
        case .own, .borrow:
            try tokens.expect(.lessThan)
            let resource = try parseIdentifier()
            try tokens.expect(.greaterThan)
            return kind == .own ? .own(resource) : .borrow(resource)
        case .id:
            return .name(WITIdentifier(name: try tokens.identifier(span, explicit: false), span: span))
        case .explicitID:
            return .name(WITIdentifier(name: try tokens.identifier(span, explicit: true), span: span))
        default:
            throw expected("a type", found: token)
        }
    }

    // MARK: small pieces

    private mutating func parseIdentifier() throws(WITDiagnostic) -> WITIdentifier {
        let token = try tokens.next()
        switch token {
        case let (span, .id)?: return WITIdentifier(name: try tokens.identifier(span, explicit: false), span: span)
        case let (span, .explicitID)?: return WITIdentifier(name: try tokens.identifier(span, explicit: true), span: span)
        default: throw expected("an identifier or string", found: token)
        }
    }

    private mutating func parseOptionalVersion() throws(WITDiagnostic) -> (Span, SemanticVersion)? {
        guard try tokens.eat(.at) else { return nil }
        return try parseVersion()
    }

    private mutating func parseVersion() throws(WITDiagnostic) -> (Span, SemanticVersion) {
        let start = try tokens.expect(.integer).start
        try tokens.expect(.period)
        try tokens.expect(.integer)
        try tokens.expect(.period)
        var span = Span(start: start, end: try tokens.expect(.integer).end)
        try eatVersionSuffix(prefix: .minus, span: &span)
        try eatVersionSuffix(prefix: .plus, span: &span)
        switch SemanticVersion.parse(tokens.text(span)) {
        case .success(let version): return (span, version)
        case .failure(let error): throw WITDiagnostic(span, error.message)
        }
    }

    /// Consumes pre-release (`-...`) or build (`+...`) identifiers of a version.
    private mutating func eatVersionSuffix(prefix: WITToken, span: inout Span) throws(WITDiagnostic) {
        guard try tokens.eat(prefix) else { return }
        while true {
            var clone = tokens
            let next = try clone.next()
            switch next?.1 {
            case .id?, .integer?, .minus?:
                span.end = next!.0.end
                tokens = clone
            case .period?:
                let after = try clone.next()
                switch after?.1 {
                case .id?, .integer?, .minus?:
                    span.end = after!.0.end
                    tokens = clone
                default:
                    return
                }
            default:
                return
            }
        }
    }

    private mutating func parseAttributes() throws(WITDiagnostic) -> [WITAttribute] {
        var attributes: [WITAttribute] = []
        while try tokens.eat(.at) {
            let id = try parseIdentifier()
            switch id.name {
            case "since", "deprecated":
                try tokens.expect(.leftParen)
                try expectWord("version")
                try tokens.expect(.equals)
                let (_, version) = try parseVersion()
                try tokens.expect(.rightParen)
                attributes.append(id.name == "since" ? .since(version, span: id.span) : .deprecated(version, span: id.span))
            case "unstable":
                try tokens.expect(.leftParen)
                try expectWord("feature")
                try tokens.expect(.equals)
                let feature = try parseIdentifier()
                try tokens.expect(.rightParen)
                attributes.append(.unstable(feature: feature, span: id.span))
            default:
                throw WITDiagnostic(id.span, "unknown attribute `\(id.name)`")
            }
        }
        return attributes
    }

    private mutating func expectWord(_ word: String) throws(WITDiagnostic) {
        let id = try parseIdentifier()
        if id.name != word { throw WITDiagnostic(id.span, "expected `\(word)`, found `\(id.name)`") }
    }

    /// Items separated by commas up to `end`, a trailing comma allowed; each item gets its preceding comments.
    private mutating func parseListTrailer<T>(
        end: WITToken, _ parseItem: (inout WITParser, WITDocComments) throws(WITDiagnostic) -> T
    ) throws(WITDiagnostic) -> [T] {
        var items: [T] = []
        while true {
            let docs = try Self.parseDocs(&tokens)
            if try tokens.eat(end) { break }
            items.append(try parseItem(&self, docs))
            if !(try tokens.eat(.comma)) {
                try tokens.expect(end)
                break
            }
        }
        return items
    }

    /// Collects the comments before the next token.
    private static func parseDocs(_ tokens: inout WITLexer) throws(WITDiagnostic) -> WITDocComments {
        var docs = WITDocComments()
        var clone = tokens
        while let (span, token) = try clone.nextRaw() {
            if token == .comment {
                let text = tokens.text(span)
                if !docs.span.isKnown { docs.span = Span(start: span.start, end: span.start) }
                let trailing = text.utf8.reversed().prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }.count
                docs.span.end = span.end - UInt32(trailing)
                docs.comments.append(text)
            } else if token != .whitespace {
                break
            }
            tokens = clone
        }
        return docs
    }

    private func expected(_ what: String, found: (Span, WITToken)?) -> WITDiagnostic {
        guard let (span, token) = found else { return WITDiagnostic(tokens.eofSpan, "expected \(what), found eof") }
        return WITDiagnostic(span, "expected \(what), found \(token.describe)")
    }
}
