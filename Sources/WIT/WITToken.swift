/// A lexical token of WIT.
enum WITToken: Equatable, Sendable {
    case whitespace, comment
    case equals, comma, colon, period, semicolon, leftParen, rightParen, leftBrace, rightBrace
    case lessThan, greaterThan, rArrow, star, at, slash, plus, minus, stringLiteral
    case use, type, `func`, u8, u16, u32, u64, s8, s16, s32, s64, f32, f64, char
    case record, resource, own, borrow, flags, variant, `enum`, bool, string, option, result
    case future, stream, errorContext, list, map, underscore, `as`, from, `static`, interface, tuple
    case `import`, export, world, package, constructor, async, include, with
    case id, explicitID, integer

    static let keywords: [String: WITToken] = [
        "use": .use, "type": .type, "func": .func, "u8": .u8, "u16": .u16, "u32": .u32, "u64": .u64,
        "s8": .s8, "s16": .s16, "s32": .s32, "s64": .s64, "f32": .f32, "f64": .f64, "char": .char,
        "resource": .resource, "own": .own, "borrow": .borrow, "record": .record, "flags": .flags,
        "variant": .variant, "enum": .enum, "bool": .bool, "string": .string, "option": .option,
        "result": .result, "future": .future, "stream": .stream, "error-context": .errorContext,
        "list": .list, "map": .map, "_": .underscore, "as": .as, "from": .from, "static": .static,
        "interface": .interface, "tuple": .tuple, "world": .world, "import": .import, "export": .export,
        "package": .package, "constructor": .constructor, "include": .include, "with": .with, "async": .async,
    ]

    /// How the token is named in error messages.
    var describe: String {
        switch self {
        case .whitespace: return "whitespace"
        case .comment: return "a comment"
        case .equals: return "'='"
        case .comma: return "','"
        case .colon: return "':'"
        case .period: return "'.'"
        case .semicolon: return "';'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .lessThan: return "'<'"
        case .greaterThan: return "'>'"
        case .rArrow: return "`->`"
        case .star: return "`*`"
        case .at: return "`@`"
        case .slash: return "`/`"
        case .plus: return "`+`"
        case .minus: return "`-`"
        case .stringLiteral: return "a string literal"
        case .id: return "an identifier"
        case .explicitID: return "an '%' identifier"
        case .integer: return "an integer"
        default:
            let word = WITToken.keywords.first { $0.value == self }?.key ?? "?"
            return "keyword `\(word)`"
        }
    }
}
