import WasmCore

/// A core module embedded in a component, kept as its binary and decoded on demand.
public struct CoreModule: Hashable, Sendable {
    /// The complete core module binary (preamble included).
    public var bytes: [UInt8]

    /// Wraps a core module binary.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes the embedded module with WasmCore, with the features components may use
    /// (`WasmFeatures.componentModel`); offsets in errors are relative to `bytes`.
    public func decoded() throws(WasmError) -> Module {
        try Module(decoding: bytes, features: .componentModel)
    }
}
