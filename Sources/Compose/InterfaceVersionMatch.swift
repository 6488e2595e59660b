import ComponentModel

/// Matching an import name against export names the way the Component Model's semver rules
/// allow: plain names match exactly; interface names `ns:pkg/iface@version` also match another
/// version on the same compatibility track (same major version when it is not 0, else the
/// same minor version when it is not 0, else the same patch), prerelease versions only exactly.
enum InterfaceVersionMatch {
    /// How well `exportName` satisfies `importName`, or nil when it cannot.
    /// Exact matches rank above compatible versions, and newer compatible versions above older.
    static func rank(import importName: String, export exportName: String) -> Rank? {
        if importName == exportName { return .exact }
        guard let wanted = try? InterfaceName(parsing: importName),
              let offered = try? InterfaceName(parsing: exportName),
              wanted.namespace == offered.namespace, wanted.package == offered.package,
              wanted.interface == offered.interface,
              let wantedVersion = wanted.version.flatMap(Version.init),
              let offeredVersion = offered.version.flatMap(Version.init),
              wantedVersion.isCompatible(with: offeredVersion) else { return nil }
        return .compatible(offeredVersion)
    }

    /// The quality of a match.
    enum Rank: Comparable {
        case compatible(Version)
        case exact
    }

    /// A parsed `major.minor.patch(-prerelease)?(+build)?` version.
    struct Version: Comparable {
        var major: UInt64
        var minor: UInt64
        var patch: UInt64
        var prerelease: String?

        init?(_ text: String) {
            let withoutBuild = text.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let parts = withoutBuild.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let numbers = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            guard numbers.count == 3, let major = UInt64(numbers[0]), let minor = UInt64(numbers[1]),
                  let patch = UInt64(numbers[2]) else { return nil }
            self.major = major
            self.minor = minor
            self.patch = patch
            prerelease = parts.count > 1 ? String(parts[1]) : nil
        }

        /// Whether an import of this version may be satisfied by `other`.
        func isCompatible(with other: Version) -> Bool {
            guard prerelease == nil, other.prerelease == nil else { return self == other }
            if major != 0 { return major == other.major }
            if minor != 0 { return other.major == 0 && minor == other.minor }
            return other.major == 0 && other.minor == 0 && patch == other.patch
        }

        static func < (lhs: Version, rhs: Version) -> Bool {
            (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
    }
}
