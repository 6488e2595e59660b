/// An error found in a WebAssembly binary: where it is and what was expected.
///
/// `malformed` errors come from the binary decoder (the bytes do not follow the
/// binary format); `invalid` errors come from the validator (the module is well
/// formed but breaks a typing or structural rule of the specification).
public struct WasmError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which stage rejected the module.
    public enum Kind: Hashable, Sendable {
        case malformed
        case invalid
    }

    public var kind: Kind
    /// Byte offset from the start of the binary where the problem was found.
    public var offset: Int
    /// What was wrong, phrased like the specification's test-suite messages where possible
    /// (e.g. "unexpected end", "type mismatch", "unknown function 3").
    public var message: String
    /// The index of the function whose body held the problem, when there is one.
    public var functionIndex: UInt32?

    public init(_ kind: Kind, offset: Int, _ message: String, functionIndex: UInt32? = nil) {
        self.kind = kind
        self.offset = offset
        self.message = message
        self.functionIndex = functionIndex
    }

    public var description: String {
        let hex = String(offset, radix: 16)
        let location = functionIndex.map { " in function \($0)" } ?? ""
        return "\(kind == .malformed ? "malformed" : "invalid") module at offset 0x\(hex)\(location): \(message)"
    }
}
