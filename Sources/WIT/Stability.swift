/// The feature gate of an item: `@since(version = ..)`, `@unstable(feature = ..)`,
/// optionally with `@deprecated(version = ..)`.
public enum Stability: Hashable, Sendable {
    /// No gate.
    case unknown
    /// `@unstable(feature = name)`; only present when the feature is enabled.
    case unstable(feature: String, deprecated: SemanticVersion?)
    /// `@since(version = v)`.
    case stable(since: SemanticVersion, deprecated: SemanticVersion?)

    /// Whether the item carries no gate.
    public var isUnknown: Bool { self == .unknown }
}

/// Documentation comments attached to an item.
public struct Docs: Hashable, Sendable {
    /// The comment text with comment markers removed, or `nil` when there is none.
    public var contents: String?
    /// Creates docs with the given text.
    public init(_ contents: String? = nil) { self.contents = contents }
}
