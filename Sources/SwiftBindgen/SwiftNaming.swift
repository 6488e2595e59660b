/// How WIT names (kebab-case) become Swift names: `lowerCamelCase` members,
/// `UpperCamelCase` types, keywords escaped with backticks.
public enum SwiftNaming {
    /// Swift keywords that must be escaped with backticks where a member name is declared or used.
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case",
        "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "Type", "Protocol",
    ]

    /// Type names that cannot name a nested type even with backticks (`X.Type` is a metatype).
    static let reservedTypeNames: Set<String> = ["Type", "Protocol", "Self", "Any"]

    /// The words of a kebab-case WIT identifier (a leading `%` escape removed).
    static func words(_ name: String) -> [Substring] {
        let trimmed = name.hasPrefix("%") ? name.dropFirst() : Substring(name)
        return trimmed.split(separator: "-", omittingEmptySubsequences: true)
    }

    /// `get-environment` → `getEnvironment`; an all-caps first word is lowercased (`URL-path` → `urlPath`).
    public static func lowerCamelCase(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "_" }
        return ([first.lowercased()] + parts.dropFirst().map(capitalized)).joined()
    }

    /// `error-code` → `ErrorCode`; all-caps words are kept (`HTTP-request` → `HTTPRequest`).
    public static func upperCamelCase(_ name: String) -> String {
        let joined = words(name).map(capitalized).joined()
        return joined.isEmpty ? "_" : joined
    }

    private static func capitalized(_ word: Substring) -> String {
        guard let first = word.first else { return "" }
        return first.uppercased() + word.dropFirst()
    }

    /// `name` escaped with backticks when it is a keyword.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// `name` as an argument label at a call site: only `inout`, `var` and `let` need backticks
    /// there (escaping other keywords draws a compiler warning).
    static func argumentLabel(_ name: String) -> String {
        ["inout", "var", "let"].contains(name) ? "`\(name)`" : name
    }

    /// A Swift string literal for `text`.
    static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// The names already taken in one Swift scope; hands out unique names deterministically:
/// the first claimant gets the plain name, later ones get `2`, `3`, … appended.
public struct SwiftNameScope {
    private var taken: Set<String>

    /// A scope where `reserved` names are already taken (members the generator declares itself).
    public init(reserved: Set<String> = []) {
        taken = reserved
    }

    /// A unique name based on `base`, recorded as taken.
    public mutating func claim(_ base: String) -> String {
        var candidate = base
        var counter = 2
        while taken.contains(candidate) || SwiftNaming.reservedTypeNames.contains(candidate) {
            candidate = "\(base)\(counter)"
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
