/// Core modules a validation has fully checked (decoded, module fields and every function
/// body validated), keyed by their exact bytes, with the module types found.
///
/// A later validation given this set (`Component.validate(reusing:)`) takes the recorded type
/// of any embedded module whose bytes are identical instead of decoding and validating it
/// again: a module's validity and type depend on its bytes alone. Composition uses this for
/// its result, whose modules are copies of the inputs' — each input is still validated once,
/// in full, when it is read.
public struct ValidatedCoreModules: Sendable {
    private var types: [ModuleBytes: CoreModuleType] = [:]

    /// An empty set.
    public init() {}

    /// How many distinct modules are recorded.
    public var count: Int { types.count }

    /// The recorded type of a module with exactly these bytes, if any.
    func type(of bytes: [UInt8]) -> CoreModuleType? {
        types[ModuleBytes(bytes)]
    }

    /// Records that the module `bytes` is valid and has `type`.
    mutating func insert(_ bytes: [UInt8], type: CoreModuleType) {
        types[ModuleBytes(bytes)] = type
    }

    /// Adds every module `other` records.
    public mutating func formUnion(_ other: ValidatedCoreModules) {
        types.merge(other.types) { mine, _ in mine }
    }
}

/// Module bytes as a dictionary key: hashed from the length and a bounded sample (hashing a
/// megabyte byte by byte would cost more than the lookup saves); equal when the bytes are,
/// compared eight bytes at a time (or at once when both share storage).
private struct ModuleBytes: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        let step = Swift.max(1, bytes.count / 256)
        var index = 0
        while index < bytes.count {
            hasher.combine(bytes[index])
            index += step
        }
        if let last = bytes.last { hasher.combine(last) }
    }

    static func == (a: ModuleBytes, b: ModuleBytes) -> Bool {
        guard a.bytes.count == b.bytes.count else { return false }
        return a.bytes.withUnsafeBytes { x in
            b.bytes.withUnsafeBytes { y in
                if x.baseAddress == y.baseAddress { return true }
                let words = x.count / 8
                for word in 0 ..< words where
                    x.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self) != y.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self) {
                    return false
                }
                for index in words * 8 ..< x.count where x[index] != y[index] { return false }
                return true
            }
        }
    }
}
