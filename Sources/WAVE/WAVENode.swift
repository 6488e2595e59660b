/// A WAVE value as written, before its type is known: the syntax tree `WAVEParser` builds.
///
/// WAVE cannot be read without the type: a bare label is an enum case or a payload-less variant
/// case, `{…}` with labels only is flags, `7` may be any number type or a flattened
/// `option`/`result`. `WAVEDecoder` gives a node its meaning for a type.
public struct WAVENode: Hashable, Sendable {
    /// A label as written (without its `%`), and where.
    public struct Label: Hashable, Sendable {
        /// The label without its `%` escape.
        public var name: String
        /// Offsets of the label in the input.
        public var range: Range<Int>
    }

    /// A `label: value` entry of a record.
    public struct Field: Hashable, Sendable {
        /// The field's label.
        public var label: Label
        /// The field's value.
        public var value: WAVENode
    }

    /// The syntactic forms of WAVE values.
    public indirect enum Kind: Hashable, Sendable {
        /// A number literal, kept as written: `42`, `-1.5e3`, `nan`, `-inf`.
        case number(WAVENumber)
        case char(Unicode.Scalar)
        /// A string literal, single-line or multiline, escapes resolved.
        case string(String)
        /// `true` or `false`.
        case bool(Bool)
        /// A label, optionally followed by a parenthesized payload: `red`, `circle(1.5)`, `%ok`.
        case label(Label, payload: WAVENode?)
        /// `some(value)`.
        case some(WAVENode)
        /// `none`.
        case none
        /// `ok` or `ok(value)`.
        case ok(WAVENode?)
        /// `err` or `err(value)`.
        case err(WAVENode?)
        /// `(a, b, …)`, never empty.
        case tuple([WAVENode])
        /// `[a, b, …]`.
        case list([WAVENode])
        /// `{label: value, …}`, or `{:}` for a record whose fields are all omitted.
        case record([Field])
        /// `{label, …}`, or `{}`.
        case flags([Label])
    }

    /// What was written.
    public var kind: Kind
    /// Offsets (in Unicode scalars) of the whole value in the input.
    public var range: Range<Int>

    /// Creates a node of `kind` covering `range` of the input.
    public init(_ kind: Kind, at range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// How error messages name what was written: `a string`, `a record`, `the label 'red'`.
    public var summary: String {
        switch kind {
        case .number(let number): "the number \(number.text)"
        case .char: "a char"
        case .string: "a string"
        case .bool(let value): "'\(value)'"
        case .label(let label, let payload): "the case '\(label.name)'\(payload == nil ? "" : " with a payload")"
        case .some: "'some(…)'"
        case .none: "'none'"
        case .ok(let payload): payload == nil ? "'ok'" : "'ok(…)'"
        case .err(let payload): payload == nil ? "'err'" : "'err(…)'"
        case .tuple: "a tuple"
        case .list: "a list"
        case .record: "a record"
        case .flags: "flags"
        }
    }
}
