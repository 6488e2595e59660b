/// The name of an import or export with its attributes (`nameattributes` in Binary.md).
///
/// The name string's structure (plain label, `[method]`-annotated, interface name) is parsed
/// by `ExternNameSyntax`; this type only carries the binary-level information.
public struct ExternName: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The three binary encodings of a name; they differ only in the leading byte.
    public enum Encoding: UInt8, Hashable, Sendable {
        /// 0x00: a name without attributes (what encoders write today).
        case plain = 0x00
        /// 0x01: the legacy "interface name" discriminator, read like `plain`.
        case legacyInterface = 0x01
        /// 0x02: a name followed by a vector of attributes.
        case attributed = 0x02
    }

    public var name: String
    public var attributes: [NameAttribute]
    public var encoding: Encoding

    /// Creates a name; names with attributes are always encoded with the 0x02 form.
    public init(_ name: String, attributes: [NameAttribute] = [], encoding: Encoding? = nil) {
        self.name = name
        self.attributes = attributes
        self.encoding = encoding ?? (attributes.isEmpty ? .plain : .attributed)
    }

    /// Creates a plain name from a string literal.
    public init(stringLiteral value: String) { self.init(value) }

    /// A readable rendering for messages and debugging.
    public var description: String { name }

    /// The interface named by an `implements` attribute, if present.
    public var implements: String? {
        attributes.lazy.compactMap { if case .implements(let name) = $0 { name } else { nil } }.first
    }
}

/// An attribute of an import or export name.
public enum NameAttribute: Hashable, Sendable {
    /// 🏷️ `(implements "ns:pkg/iface")`.
    case implements(String)
    /// 🔗 `(versionsuffix ".2.3")`: the part of a version dropped from a canonical interface name.
    case versionSuffix(String)
    /// 🏷️ `(external-id "...")`: a host-specific identifier.
    case externalID(String)
}
