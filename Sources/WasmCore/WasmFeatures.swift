/// The WebAssembly language features a module may use, beyond the 2.0 baseline.
///
/// Decoding records the features in `Module.features`; validation, and an interpreter's
/// translation of the module, follow the same set. The empty set is exactly WebAssembly 2.0
/// (bulk memory, reference types, multi-value, sign extension, saturating truncation and
/// mutable globals are part of 2.0 and always on).
public struct WasmFeatures: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    /// Creates a feature set from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Several memories per module: a memory index in loads, stores and `memory.*` instructions.
    public static let multiMemory = WasmFeatures(rawValue: 1 << 0)
    /// `i32`/`i64` `add`, `sub` and `mul` in constant expressions.
    public static let extendedConst = WasmFeatures(rawValue: 1 << 1)
    /// `return_call` and `return_call_indirect`.
    public static let tailCall = WasmFeatures(rawValue: 1 << 2)
    /// Exception handling with `exnref`: the tag section, tag imports and exports, `throw`,
    /// `throw_ref` and `try_table` (not the legacy `try`/`catch`/`delegate`/`rethrow`).
    public static let exceptionHandling = WasmFeatures(rawValue: 1 << 3)

    /// WebAssembly 2.0 without any proposal.
    public static let webAssembly2: WasmFeatures = []

    /// What wasmtime enables for core modules embedded in components, as far as this
    /// implementation supports it.
    public static let componentModel: WasmFeatures = [.multiMemory, .extendedConst, .tailCall, .exceptionHandling]
}
