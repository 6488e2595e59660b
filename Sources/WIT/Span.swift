/// A byte range in a `SourceMap`: offsets are global across all files of the map,
/// so one number identifies both the file and the position inside it.
public struct Span: Hashable, Sendable {
    /// Start offset (inclusive).
    public var start: UInt32
    /// End offset (exclusive).
    public var end: UInt32

    /// Creates a span covering `start..<end`.
    public init(start: UInt32, end: UInt32) {
        self.start = start
        self.end = end
    }

    /// A span that points nowhere, for synthesized items.
    public static let unknown = Span(start: .max, end: .max)

    /// Whether this span points into a source.
    public var isKnown: Bool { start != .max && end != .max }
}
