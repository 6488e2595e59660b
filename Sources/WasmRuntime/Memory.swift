internal import CWasmInterpreter
import WasmCore

/// A linear memory of a store. Hashable by identity.
public struct Memory: Hashable {
    let store: Store
    let index: Int

    var record: UnsafeMutablePointer<MemoryRecord> { store.memories[index].record }

    /// The memory's type (its declared limits).
    public var type: MemoryType { store.memories[index].type }

    /// The current size in bytes.
    public var byteCount: Int { Int(record.pointee.byteCount) }

    /// Copies `count` bytes starting at `offset`; throws a trap when the range is out of bounds.
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        try checkRange(offset: offset, count: count)
        guard count > 0 else { return [] }
        let base = record.pointee.base! + offset
        return [UInt8](UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Writes `bytes` starting at `offset`; throws a trap when the range is out of bounds.
    public func write(_ bytes: [UInt8], at offset: Int) throws {
        try checkRange(offset: offset, count: bytes.count)
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { record.pointee.base!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
    }

    /// Grows the memory by `pages` pages of 64 KiB; returns the old size in pages, nil on failure.
    public func grow(by pages: UInt64) -> UInt64? {
        record.pointee.grow(by: pages)
    }

    /// Direct access to the memory's bytes for the duration of `body` (for host functions).
    /// The buffer is invalid after the memory grows.
    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: record.pointee.base, count: byteCount))
    }

    private func checkRange(offset: Int, count: Int) throws(Trap) {
        guard offset >= 0, count >= 0, offset <= byteCount, count <= byteCount - offset else {
            throw Trap(.outOfBoundsMemoryAccess)
        }
    }

    public static func == (lhs: Memory, rhs: Memory) -> Bool { lhs.store === rhs.store && lhs.index == rhs.index }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(store))
        hasher.combine(index)
    }
}
