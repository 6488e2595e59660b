/// A semantic version (`major.minor.patch[-pre][+build]`) as used by WIT package names
/// and by the `@since`/`@deprecated` gates.
///
/// Ordering follows semver precedence: numeric fields first, then a pre-release sorts
/// before the release it precedes; build metadata only breaks ties.
public struct SemanticVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The major version.
    public var major: UInt64
    /// The minor version.
    public var minor: UInt64
    /// The patch version.
    public var patch: UInt64
    /// The dot-separated pre-release identifiers (empty for a release).
    public var preRelease: [String]
    /// The dot-separated build metadata identifiers.
    public var build: [String]

    /// Creates a version from its parts.
    public init(major: UInt64, minor: UInt64, patch: UInt64, preRelease: [String] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = preRelease
        self.build = build
    }

    /// Parses `text` as a semantic version; returns a message describing the problem
    /// when the text is not a valid version.
    public static func parse(_ text: String) -> Result<SemanticVersion, VersionParseError> {
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<plus]
            if build.contains(where: { $0.isEmpty || !$0.allSatisfy(isIdentifierCharacter) }) {
                return .failure(VersionParseError(message: "invalid build metadata"))
            }
        }
        var pre: [String] = []
        if let minus = rest.firstIndex(of: "-") {
            pre = rest[rest.index(after: minus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<minus]
            for part in pre {
                if part.isEmpty || !part.allSatisfy(isIdentifierCharacter) {
                    return .failure(VersionParseError(message: "invalid pre-release identifier"))
                }
                if part.count > 1, part.first == "0", part.allSatisfy(isASCIIDigit) {
                    return .failure(VersionParseError(message: "invalid leading zero in pre-release identifier"))
                }
            }
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else {
            return .failure(VersionParseError(message: "unexpected end of input while parsing version"))
        }
        var values: [UInt64] = []
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy(isASCIIDigit) else {
                return .failure(VersionParseError(message: "unexpected character while parsing version number"))
            }
            if number.count > 1, number.first == "0" {
                return .failure(VersionParseError(message: "invalid leading zero in version number"))
            }
            guard let value = UInt64(number) else {
                return .failure(VersionParseError(message: "value out of range for version number"))
            }
            values.append(value)
        }
        return .success(SemanticVersion(major: values[0], minor: values[1], patch: values[2], preRelease: pre, build: build))
    }

    private static func isASCIIDigit(_ c: Character) -> Bool {
        c.isASCII && c.isNumber
    }

    private static func isIdentifierCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-")
    }

    /// The canonical text form, e.g. `0.2.0-rc.1+build`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !preRelease.isEmpty { text += "-" + preRelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Semver precedence, with build metadata compared last so that the order is total.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        let pre = compareIdentifiers(lhs.preRelease, rhs.preRelease, emptyIsGreatest: true)
        if pre != 0 { return pre < 0 }
        return compareIdentifiers(lhs.build, rhs.build, emptyIsGreatest: false) < 0
    }

    private static func compareIdentifiers(_ a: [String], _ b: [String], emptyIsGreatest: Bool) -> Int {
        if a.isEmpty || b.isEmpty {
            if a.isEmpty && b.isEmpty { return 0 }
            return (a.isEmpty == emptyIsGreatest) ? 1 : -1
        }
        for (x, y) in zip(a, b) {
            let xNumber = x.allSatisfy(isASCIIDigit)
            let yNumber = y.allSatisfy(isASCIIDigit)
            switch (xNumber, yNumber) {
            case (true, true):
                if x.count != y.count { return x.count < y.count ? -1 : 1 }
                if x != y { return x < y ? -1 : 1 }
            case (true, false): return -1
            case (false, true): return 1
            case (false, false):
                if x != y { return x < y ? -1 : 1 }
            }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

/// Why a piece of text is not a valid semantic version.
public struct VersionParseError: Error, Hashable, Sendable {
    /// A human-readable explanation.
    public var message: String
}
