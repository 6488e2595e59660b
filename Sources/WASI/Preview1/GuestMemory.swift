/// Bounds-checked access to the guest's linear memory during one host call.
///
/// Every pointer and length the guest passes is checked against the memory's current size
/// before anything is read or written; a range that does not fit is `EFAULT`, never a host
/// crash. Values are little-endian and may be unaligned.
struct GuestMemory {
    /// The memory's bytes (empty when the module exports no memory).
    let bytes: UnsafeMutableRawBufferPointer

    /// The most buffers one vectored read or write may name (POSIX's `IOV_MAX`).
    static let maxIOVectors: UInt32 = 1024

    /// The `count` bytes at `pointer`.
    func range(_ pointer: UInt32, count: UInt32) throws(WASIErrno) -> UnsafeMutableRawBufferPointer {
        let start = Int(pointer)
        guard start <= bytes.count, Int(count) <= bytes.count - start else { throw .fault }
        guard count > 0 else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        return UnsafeMutableRawBufferPointer(rebasing: bytes[start..<start + Int(count)])
    }

    func load<T: FixedWidthInteger>(_ type: T.Type, at pointer: UInt32) throws(WASIErrno) -> T {
        let source = try range(pointer, count: UInt32(MemoryLayout<T>.size))
        return T(littleEndian: source.loadUnaligned(as: T.self))
    }

    func store<T: FixedWidthInteger>(_ value: T, at pointer: UInt32) throws(WASIErrno) {
        let destination = try range(pointer, count: UInt32(MemoryLayout<T>.size))
        destination.storeBytes(of: value.littleEndian, as: T.self)
    }

    /// Copies `count` bytes out of guest memory.
    func read(_ pointer: UInt32, count: UInt32) throws(WASIErrno) -> [UInt8] {
        Array(try range(pointer, count: count))
    }

    /// Copies `data` into guest memory at `pointer`.
    func write(_ data: some Collection<UInt8>, at pointer: UInt32) throws(WASIErrno) {
        guard let count = UInt32(exactly: data.count) else { throw .fault }
        let destination = try range(pointer, count: count)
        guard count > 0 else { return }
        _ = destination.initializeMemory(as: UInt8.self, from: data)
    }

    /// A path argument: its bytes, which must be valid UTF-8 without NUL.
    func path(_ pointer: UInt32, count: UInt32) throws(WASIErrno) -> [UInt8] {
        let path = try read(pointer, count: count)
        guard String(validating: path, as: UTF8.self) != nil else { throw .illegalByteSequence }
        guard !path.contains(0) else { throw .invalid }
        return path
    }

    /// The buffers named by the `count` `iovec`s (pointer, length) at `pointer`, each checked.
    func ioVectors(_ pointer: UInt32, count: UInt32) throws(WASIErrno) -> [UnsafeMutableRawBufferPointer] {
        guard count <= Self.maxIOVectors else { throw .invalid }
        _ = try range(pointer, count: count * 8)
        var buffers: [UnsafeMutableRawBufferPointer] = []
        buffers.reserveCapacity(Int(count))
        for index in 0..<count {
            let entry = pointer + index * 8
            buffers.append(try range(try load(UInt32.self, at: entry), count: try load(UInt32.self, at: entry + 4)))
        }
        return buffers
    }
}
