/// Parses the dependency forms of extern names: `locked-dep=<pkg@version>`,
/// `unlocked-dep=<pkg@{range}>`, `url=<...>` (each optionally followed by
/// `,integrity=<...>` where allowed) and `integrity=<...>`.
struct DependencyNameParser {
    private var rest: Substring

    /// The parsed name, nil if `name` is not a dependency form, or an error if it starts like
    /// one but is malformed.
    static func parse(_ name: String) throws(ExternNameSyntaxError) -> ExternNameSyntax? {
        var parser = DependencyNameParser(rest: Substring(name))
        let result: ExternNameSyntax
        if parser.eat("unlocked-dep=") {
            try parser.expect("<")
            let package = try parser.packagePath()
            var range: String?
            if parser.eat("@") {
                if parser.eat("*") {
                    range = "*"
                } else {
                    try parser.expect("{")
                    let text = try parser.take(upTo: "}")
                    try parser.expect("}")
                    try validateRange(text)
                    range = "{\(text)}"
                }
            }
            try parser.expect(">")
            result = .unlockedDependency(package: package, versionRange: range)
        } else if parser.eat("locked-dep=") {
            try parser.expect("<")
            let package = try parser.packagePath()
            var version: String?
            if parser.eat("@") {
                let text = try parser.take(upTo: ">")
                try SemanticVersion.validate(text)
                version = text
            }
            try parser.expect(">")
            result = .lockedDependency(package: package, version: version, integrity: try parser.optionalIntegrity())
        } else if parser.eat("url=") {
            try parser.expect("<")
            let url = try parser.take(upTo: ">")
            guard !url.contains("<") else { throw ExternNameSyntaxError("url cannot contain `<`") }
            try parser.expect(">")
            result = .url(url, integrity: try parser.optionalIntegrity())
        } else if parser.eat("integrity=") {
            try parser.expect("<")
            let hash = try parser.take(upTo: ">")
            try validateIntegrity(hash)
            try parser.expect(">")
            result = .integrity(hash)
        } else {
            return nil
        }
        guard parser.rest.isEmpty else { throw ExternNameSyntaxError("trailing characters found: `\(parser.rest)`") }
        return result
    }

    private mutating func eat(_ prefix: String) -> Bool {
        guard rest.hasPrefix(prefix) else { return false }
        rest = rest.dropFirst(prefix.count)
        return true
    }

    private mutating func expect(_ prefix: String) throws(ExternNameSyntaxError) {
        guard eat(prefix) else { throw ExternNameSyntaxError("expected `\(prefix)` at `\(rest)`") }
    }

    private mutating func take(upTo character: Character) throws(ExternNameSyntaxError) -> String {
        guard let end = rest.firstIndex(of: character) else {
            throw ExternNameSyntaxError("failed to find `\(character)` character")
        }
        let taken = String(rest[..<end])
        rest = rest[end...]
        return taken
    }

    /// `namespace:name` with an optional `/projection`.
    private mutating func packagePath() throws(ExternNameSyntaxError) -> String {
        var end = rest.startIndex
        while end < rest.endIndex, !"@>".contains(rest[end]) { end = rest.index(after: end) }
        let path = String(rest[..<end])
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let package = parts[0].split(separator: ":", omittingEmptySubsequences: false)
        guard package.count == 2, package.allSatisfy({ InterfaceName.isWords(String($0)) }) else {
            throw ExternNameSyntaxError("`\(path)` is not a valid package name")
        }
        if parts.count == 2 { try ExternNameSyntax.requireLabel(String(parts[1])) }
        rest = rest[end...]
        return path
    }

    private mutating func optionalIntegrity() throws(ExternNameSyntaxError) -> String? {
        guard eat(",") else { return nil }
        try expect("integrity=<")
        let hash = try take(upTo: ">")
        try DependencyNameParser.validateIntegrity(hash)
        try expect(">")
        return hash
    }

    /// `>=v`, `<v` or `>=v <w`.
    private static func validateRange(_ range: String) throws(ExternNameSyntaxError) {
        if range.hasPrefix(">=") {
            let bounds = range.dropFirst(2).split(separator: " ", maxSplits: 1)
            guard let lower = bounds.first else { throw ExternNameSyntaxError("empty version range") }
            try SemanticVersion.validate(String(lower))
            if bounds.count == 2 {
                guard bounds[1].hasPrefix("<") else {
                    throw ExternNameSyntaxError("expected `<` at start of version range upper bounds")
                }
                try SemanticVersion.validate(String(bounds[1].dropFirst()))
            }
        } else if range.hasPrefix("<") {
            try SemanticVersion.validate(String(range.dropFirst()))
        } else {
            throw ExternNameSyntaxError("expected `>=` or `<` at start of version range")
        }
    }

    /// Subresource-integrity metadata: `sha256|sha384|sha512` `-` base64, optionally `?options`,
    /// separated by whitespace; at least one.
    private static func validateIntegrity(_ metadata: String) throws(ExternNameSyntaxError) {
        let hashes = metadata.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard !hashes.isEmpty else { throw ExternNameSyntaxError("integrity hash cannot be empty") }
        for hash in hashes {
            guard let algorithm = ["sha256", "sha384", "sha512"].first(where: { hash.hasPrefix($0) }) else {
                throw ExternNameSyntaxError("unrecognized hash algorithm: `\(hash)`")
            }
            let afterAlgorithm = hash.dropFirst(algorithm.count)
            guard afterAlgorithm.first == "-" else { throw ExternNameSyntaxError("expected `-` after hash algorithm: \(hash)") }
            let base64 = afterAlgorithm.dropFirst().prefix { $0 != "?" }
            guard !base64.isEmpty, isBase64(base64) else { throw ExternNameSyntaxError("not valid base64: `\(base64)`") }
        }
    }

    private static func isBase64(_ text: Substring) -> Bool {
        let unpadded = text.hasSuffix("==") ? text.dropLast(2) : text.hasSuffix("=") ? text.dropLast() : text
        return !unpadded.isEmpty && unpadded.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
    }
}
