/// An error found in a component binary: which stage rejected it, where, and why.
///
/// `malformed` errors come from the decoder (the bytes do not follow the component binary
/// format); `invalid` errors come from the validator (the component is well formed but breaks
/// a rule of the specification, such as an index out of bounds or a duplicate name).
public struct ComponentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which stage rejected the component.
    public enum Kind: Hashable, Sendable {
        case malformed
        case invalid
    }

    public var kind: Kind
    /// Byte offset from the start of the outermost binary where the problem was found.
    public var offset: Int
    /// The section being read when the problem was found (e.g. "type section"), if any.
    public var section: String?
    /// What was wrong.
    public var message: String

    /// Creates an error of `kind` at `offset`, optionally naming the section it was found in.
    public init(_ kind: Kind, offset: Int, section: String? = nil, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.section = section
        self.message = message
    }

    /// A readable rendering for messages and debugging.
    public var description: String {
        let stage = kind == .malformed ? "malformed" : "invalid"
        let place = section.map { " in \($0)" } ?? ""
        return "\(stage) component at offset 0x\(String(offset, radix: 16))\(place): \(message)"
    }
}
