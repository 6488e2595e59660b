/// Plain-data records the interpreter reads without reference counting.
///
/// The store allocates every record at a stable address and frees it when it is
/// deinitialized; translated code embeds these addresses as operands.

/// Everything the interpreter needs to call a function.
struct FunctionRecord {
    /// The translated code; nil until the first call of a WebAssembly function (and for host functions).
    var code: UnsafeMutablePointer<UInt64>?
    /// Slots the frame needs: parameters, locals and operand-stack temporaries (at least the results).
    var frameSize: Int
    var parameterCount: Int
    /// Parameters plus declared locals.
    var localCount: Int
    /// Values copied into the slots after the locals on entry: the constants the code reads from slots.
    var constants: UnsafeMutablePointer<UInt64>?
    var constantCount: Int
    var resultCount: Int
    /// The store-wide identity of the function's type (structurally equal types share it).
    var typeID: Int
    /// Memory 0 of the defining instance, if it has one.
    var memory: UnsafeMutablePointer<MemoryRecord>?
    /// Index of the function's entity in `Store.functions`.
    var storeIndex: Int
    var isHost: Bool
    /// The `try_table` catch clauses of the translated code (exception handling), searched in order.
    var handlers: UnsafeMutablePointer<HandlerRecord>? = nil
    var handlerCount = 0
}

extension FunctionRecord {
    /// Prepares a frame whose arguments are in place: zeroes the declared locals and copies the constants.
    @inline(__always)
    func enter(_ frame: UnsafeMutablePointer<UInt64>) {
        var slot = parameterCount
        while slot < localCount {
            frame[slot] = 0
            slot &+= 1
        }
        var index = 0
        while index < constantCount {
            frame[localCount &+ index] = constants.unsafelyUnwrapped[index]
            index &+= 1
        }
    }
}

/// A linear memory's current extent.
struct MemoryRecord {
    var base: UnsafeMutableRawPointer?
    var byteCount: UInt64
    /// Effective growth limit in pages (type maximum, store cap and the 4 GiB address space).
    var maxPages: UInt64

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

/// A table's current elements (encoded references: 0 is null).
struct TableRecord {
    /// The implementation's limit on any table's size (growing beyond it fails).
    static let maxElements: UInt64 = 10_000_000

    var elements: UnsafeMutablePointer<UInt64>?
    var count: Int
    var maxCount: UInt64

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

/// The saved state of a caller while its callee runs.
struct CallFrameRecord {
    var returnPC: UnsafeMutablePointer<UInt64>
    var framePointer: UnsafeMutablePointer<UInt64>
    var function: UnsafeMutablePointer<FunctionRecord>
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
