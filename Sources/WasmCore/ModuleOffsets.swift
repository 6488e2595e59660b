/// Byte offsets (in `Module.bytes`) of the entries of a decoded module, parallel to the
/// module's arrays, so that validation errors say where the offending entry is.
/// Empty for modules built in memory rather than decoded.
public struct ModuleOffsets: Hashable, Sendable {
    /// Offset of each entry of `Module.imports`.
    public var imports: [Int] = []
    /// Offset of each entry of `Module.functionTypeIndices`.
    public var functions: [Int] = []
    /// Offset of each entry of `Module.tables`.
    public var tables: [Int] = []
    /// Offset of each entry of `Module.memories`.
    public var memories: [Int] = []
    /// Offset of each entry of `Module.tags`.
    public var tags: [Int] = []
    /// Offset of each entry of `Module.globals`.
    public var globals: [Int] = []
    /// Offset of each entry of `Module.exports`.
    public var exports: [Int] = []
    /// Offset of the start section's function index.
    public var start: Int?
    /// Offset of each entry of `Module.elements`.
    public var elements: [Int] = []
    /// Offset of each entry of `Module.data`.
    public var data: [Int] = []

    /// Empty offsets.
    public init() {}
}

extension Array where Element == Int {
    /// The offset stored at `index`, or 0 when the module was not decoded from bytes.
    func offset(at index: Int) -> Int { index < count ? self[index] : 0 }
}
