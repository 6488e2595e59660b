/// The structure of an import or export name (`externname` in Explainer.md): a plain kebab-case
/// label, a label annotated as a resource constructor, method or static function, the name of a
/// WIT interface (`namespace:package/interface@version`), or one of the dependency forms
/// (`locked-dep=`, `unlocked-dep=`, `url=`, `integrity=`) that wasm-tools still accepts.
public enum ExternNameSyntax: Hashable, Sendable, CustomStringConvertible {
    /// `a-b-c`
    case label(String)
    /// `[constructor]resource`
    case constructor(resource: String)
    /// `[method]resource.name`
    case method(resource: String, name: String)
    /// `[static]resource.name`
    case `static`(resource: String, name: String)
    /// `namespace:package/interface@version`
    case interface(InterfaceName)
    /// `locked-dep=<ns:pkg@version>` with an optional `,integrity=<...>`.
    case lockedDependency(package: String, version: String?, integrity: String?)
    /// `unlocked-dep=<ns:pkg@{>=1.2.3 <2.0.0}>`: a package and an optional version range.
    case unlockedDependency(package: String, versionRange: String?)
    /// `url=<...>` with an optional `,integrity=<...>`.
    case url(String, integrity: String?)
    /// `integrity=<sha256-...>`: an implementation identified by its hash.
    case integrity(String)

    /// Parses `name`, throwing a message that says which part is wrong.
    public init(parsing name: String) throws(ExternNameSyntaxError) {
        if let form = try DependencyNameParser.parse(name) {
            self = form
            return
        }
        if name.contains(":") {
            self = .interface(try InterfaceName(parsing: name))
            return
        }
        if let rest = ExternNameSyntax.strip("[constructor]", from: name) {
            try ExternNameSyntax.requireLabel(rest)
            self = .constructor(resource: rest)
        } else if let rest = ExternNameSyntax.strip("[method]", from: name) {
            let (resource, function) = try ExternNameSyntax.resourceAndName(rest)
            self = .method(resource: resource, name: function)
        } else if let rest = ExternNameSyntax.strip("[static]", from: name) {
            let (resource, function) = try ExternNameSyntax.resourceAndName(rest)
            self = .static(resource: resource, name: function)
        } else {
            try ExternNameSyntax.requireLabel(name)
            self = .label(name)
        }
    }

    private static func strip(_ prefix: String, from name: String) -> String? {
        name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
    }

    private static func resourceAndName(_ text: String) throws(ExternNameSyntaxError) -> (String, String) {
        guard let dot = text.firstIndex(of: ".") else {
            throw ExternNameSyntaxError("failed to find `.` character")
        }
        let resource = String(text[..<dot])
        let name = String(text[text.index(after: dot)...])
        try requireLabel(resource)
        try requireLabel(name)
        return (resource, name)
    }

    /// Throws unless `text` is a kebab-case `label`.
    static func requireLabel(_ text: String) throws(ExternNameSyntaxError) {
        guard isKebabCase(text) else { throw ExternNameSyntaxError("`\(text)` is not in kebab case") }
    }

    /// Whether `text` is a kebab-case `label`: fragments separated by `-`, each all-lowercase or
    /// all-uppercase letters and digits, the first starting with a letter.
    public static func isKebabCase(_ text: String) -> Bool {
        let fragments = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = fragments.first?.utf8.first, isASCIILetter(first) else { return false }
        return fragments.allSatisfy { fragment in
            guard !fragment.isEmpty else { return false }
            let lower = fragment.utf8.allSatisfy { isASCIILowercase($0) || isASCIIDigit($0) }
            let upper = fragment.utf8.allSatisfy { isASCIIUppercase($0) || isASCIIDigit($0) }
            return lower || upper
        }
    }

    /// The key under which two names collide (strong uniqueness, Explainer.md "Name Uniqueness"):
    /// acronyms lowercased, `[method]l.l`/`[static]l.l` reduced to `l`, other annotations except
    /// `[constructor]` stripped.
    public var uniquenessKey: String {
        switch self {
        case .label(let label): label.lowercased()
        case .constructor(let resource): "[constructor]" + resource.lowercased()
        case .method(let resource, let name), .static(let resource, let name):
            resource.lowercased() == name.lowercased() ? name.lowercased()
                                                       : resource.lowercased() + "." + name.lowercased()
        case .interface(let interface): interface.description.lowercased()
        case .lockedDependency, .unlockedDependency, .url, .integrity: "=" + description
        }
    }

    /// The name as written.
    public var description: String {
        switch self {
        case .label(let label): label
        case .constructor(let resource): "[constructor]\(resource)"
        case .method(let resource, let name): "[method]\(resource).\(name)"
        case .static(let resource, let name): "[static]\(resource).\(name)"
        case .interface(let interface): interface.description
        case .lockedDependency(let package, let version, let integrity):
            "locked-dep=<\(package)\(version.map { "@\($0)" } ?? "")>" + (integrity.map { ",integrity=<\($0)>" } ?? "")
        case .unlockedDependency(let package, let range):
            "unlocked-dep=<\(package)\(range.map { "@\($0)" } ?? "")>"
        case .url(let url, let integrity): "url=<\(url)>" + (integrity.map { ",integrity=<\($0)>" } ?? "")
        case .integrity(let hash): "integrity=<\(hash)>"
        }
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool { isASCIILowercase(byte) || isASCIIUppercase(byte) }
    static func isASCIILowercase(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isASCIIUppercase(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// Why a string is not a valid extern name.
public struct ExternNameSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }
    /// A readable rendering for messages and debugging.
    public var description: String { message }
}

/// A WIT interface name: `namespace:package/interface`, optionally `@version`.
public struct InterfaceName: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String
    public var package: String
    public var interface: String
    /// The semantic version after `@`, if any.
    public var version: String?

    /// Parses `ns:pkg/iface@version`.
    public init(parsing text: String) throws(ExternNameSyntaxError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw ExternNameSyntaxError("`\(text)` is not a valid extern name")
        }
        namespace = String(text[..<colon])
        var rest = text[text.index(after: colon)...]
        guard let slash = rest.firstIndex(of: "/") else {
            throw ExternNameSyntaxError("expected `/` after package name")
        }
        package = String(rest[..<slash])
        rest = rest[rest.index(after: slash)...]
        if let at = rest.firstIndex(of: "@") {
            interface = String(rest[..<at])
            let versionText = String(rest[rest.index(after: at)...])
            try SemanticVersion.validate(versionText)
            version = versionText
        } else {
            interface = String(rest)
            version = nil
        }
        guard InterfaceName.isWords(namespace), InterfaceName.isWords(package) else {
            if package.contains(":") { throw ExternNameSyntaxError("expected `/` after package name") }
            throw ExternNameSyntaxError("`\(text)` is not a valid extern name")
        }
        if let slash = interface.firstIndex(of: "/") {
            throw ExternNameSyntaxError("trailing characters found: `\(interface[slash...])`")
        }
        try ExternNameSyntax.requireLabel(interface)
    }

    /// `words`: lowercase kebab fragments, the first starting with a letter.
    static func isWords(_ text: String) -> Bool {
        ExternNameSyntax.isKebabCase(text) && !text.utf8.contains(where: ExternNameSyntax.isASCIIUppercase)
    }

    /// A readable rendering for messages and debugging.
    public var description: String {
        "\(namespace):\(package)/\(interface)" + (version.map { "@\($0)" } ?? "")
    }
}

/// Semantic Versioning 2.0 syntax checks for interface versions.
enum SemanticVersion {
    /// Throws unless `text` is `major.minor.patch(-prerelease)?(+build)?`.
    static func validate(_ text: String) throws(ExternNameSyntaxError) {
        guard !text.isEmpty else { throw ExternNameSyntaxError("empty string") }
        var core = Substring(text)
        var build: Substring?
        var prerelease: Substring?
        if let plus = core.firstIndex(of: "+") {
            build = core[core.index(after: plus)...]
            core = core[..<plus]
        }
        if let dash = core.firstIndex(of: "-") {
            prerelease = core[core.index(after: dash)...]
            core = core[..<dash]
        }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        for (position, number) in numbers.enumerated() {
            if position >= 3 { throw ExternNameSyntaxError("unexpected character '.'") }
            if number.isEmpty {
                throw ExternNameSyntaxError(position == numbers.count - 1 && position > 0
                                            ? "unexpected end of input" : "unexpected character '.'")
            }
            if let bad = number.first(where: { !$0.isASCII || !$0.isNumber }) {
                throw ExternNameSyntaxError("unexpected character '\(bad)'")
            }
            if number.count > 1 && number.first == "0" {
                throw ExternNameSyntaxError("invalid leading zero")
            }
        }
        if numbers.count < 3 { throw ExternNameSyntaxError("unexpected end of input") }
        for identifiers in [prerelease, build].compactMap({ $0 }) {
            for identifier in identifiers.split(separator: ".", omittingEmptySubsequences: false) {
                if identifier.isEmpty { throw ExternNameSyntaxError("empty identifier segment") }
                if let bad = identifier.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }) {
                    throw ExternNameSyntaxError("unexpected character '\(bad)'")
                }
            }
        }
    }
}
