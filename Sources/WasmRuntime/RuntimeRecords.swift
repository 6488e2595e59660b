/// Plain-data records the interpreter reads without reference counting.
///
/// The store allocates every record at a stable address and frees it when it is
/// deinitialized; translated code embeds these addresses as operands. The records the C loop
/// reads (FunctionRecord, MemoryRecord, TableRecord, CallFrameRecord, HandlerRecord) are
/// declared in CWasmInterpreter; this file adds their Swift behaviour.
internal import CWasmInterpreter

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Growth of a linear memory (the record is declared in CWasmInterpreter).
extension MemoryRecord {
    var pageCount: UInt64 { byteCount >> 16 }

    /// Grows by `delta` pages; returns the old page count or nil when the limit forbids it.
    mutating func grow(by delta: UInt64) -> UInt64? {
        let old = pageCount
        guard delta <= maxPages, old + delta <= maxPages else { return nil }
        if delta == 0 { return old }
        let newCount = Int((old + delta) << 16)
        // calloc rather than realloc + memset: large blocks come zeroed from the system
        // without touching their pages, so a big growth costs only what the guest uses.
        guard let grown = calloc(newCount, 1) else { return nil }
        if let base {
            grown.copyMemory(from: base, byteCount: Int(byteCount))
            free(base)
        }
        base = grown
        byteCount = UInt64(newCount)
        return old
    }
}

/// Growth of a table (the record is declared in CWasmInterpreter).
extension TableRecord {
    /// The implementation's limit on any table's size (growing beyond it fails).
    static let maxElements: UInt64 = 10_000_000

    /// Grows by `delta` elements set to `value`; returns the old size or nil when the limit forbids it.
    mutating func grow(by delta: UInt64, filling value: UInt64) -> UInt64? {
        let old = UInt64(count)
        guard delta <= maxCount, old + delta <= maxCount else { return nil }
        if delta == 0 { return old }
        let newCount = Int(old + delta)
        guard let raw = realloc(elements, newCount * 8) else { return nil }
        let grown = raw.assumingMemoryBound(to: UInt64.self)
        (grown + count).initialize(repeating: value, count: Int(delta))
        elements = grown
        count = newCount
        return old
    }
}

/// A passive element or data segment: its items until `elem.drop`/`data.drop` empties it.
struct SegmentRecord {
    var items: UnsafeMutableRawPointer?
    /// Number of items (references for element segments, bytes for data segments).
    var count: Int
}
