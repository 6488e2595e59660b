internal import CWasmInterpreter
import WasmCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bounds-checked accesses through a memory's record: the path of the instructions that name
/// a memory other than memory 0 (multi-memory). Each returns nil or false when the access is
/// out of bounds, and the interpreter traps.
extension MemoryRecord {
    /// The slot bits `op` loads from `address`.
    func load(_ op: LoadOperator, at address: UInt64) -> UInt64? {
        guard address &+ UInt64(op.byteWidth) <= byteCount, let base else { return nil }
        let pointer = base + Int(address)
        return switch op {
        case .i32Load, .f32Load, .i64Load32U: UInt64(pointer.loadUnaligned(as: UInt32.self))
        case .i64Load, .f64Load: pointer.loadUnaligned(as: UInt64.self)
        case .i32Load8S: UInt64(UInt32(bitPattern: Int32(pointer.load(as: Int8.self))))
        case .i32Load8U, .i64Load8U: UInt64(pointer.load(as: UInt8.self))
        case .i32Load16S: UInt64(UInt32(bitPattern: Int32(pointer.loadUnaligned(as: Int16.self))))
        case .i32Load16U, .i64Load16U: UInt64(pointer.loadUnaligned(as: UInt16.self))
        case .i64Load8S: UInt64(bitPattern: Int64(pointer.load(as: Int8.self)))
        case .i64Load16S: UInt64(bitPattern: Int64(pointer.loadUnaligned(as: Int16.self)))
        case .i64Load32S: UInt64(bitPattern: Int64(pointer.loadUnaligned(as: Int32.self)))
        }
    }

    /// Stores the low `op.byteWidth` bytes of `value` at `address`.
    func store(_ op: StoreOperator, _ value: UInt64, at address: UInt64) -> Bool {
        guard address &+ UInt64(op.byteWidth) <= byteCount, let base else { return false }
        let pointer = base + Int(address)
        switch op.byteWidth {
        case 1: pointer.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
        case 2: pointer.storeBytes(of: UInt16(truncatingIfNeeded: value), as: UInt16.self)
        case 4: pointer.storeBytes(of: UInt32(truncatingIfNeeded: value), as: UInt32.self)
        default: pointer.storeBytes(of: value, as: UInt64.self)
        }
        return true
    }

    /// `memory.fill`: `count` bytes at `destination` set to `value`.
    func fill(at destination: UInt64, value: UInt8, count: UInt64) -> Bool {
        guard destination + count <= byteCount else { return false }
        if count > 0 { memset(base! + Int(destination), Int32(value), Int(count)) }
        return true
    }

    /// `memory.copy` from `source` (another memory or this one) into this memory.
    func copy(to destination: UInt64, from sourceMemory: MemoryRecord, at source: UInt64, count: UInt64) -> Bool {
        guard destination + count <= byteCount, source + count <= sourceMemory.byteCount else { return false }
        if count > 0 { memmove(base! + Int(destination), sourceMemory.base! + Int(source), Int(count)) }
        return true
    }

    /// `memory.init`: `count` bytes of `segment` from `source` into this memory at `destination`.
    func initialize(at destination: UInt64, from segment: SegmentRecord, at source: UInt64, count: UInt64) -> Bool {
        guard destination + count <= byteCount, source + count <= UInt64(segment.count) else { return false }
        if count > 0 { memmove(base! + Int(destination), segment.items! + Int(source), Int(count)) }
        return true
    }
}
