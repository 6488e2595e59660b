/// A bounds-checked cursor over WebAssembly binary data.
///
/// Reads bytes, fixed-width little-endian numbers, LEB128 integers with the specification's
/// length and unused-bit rules, UTF-8 names and length-prefixed regions. Reading never goes
/// past `endOffset`; every failure is a `WasmError(.malformed, …)` at the byte where it was found.
public struct BinaryReader: Sendable {
    /// The whole binary (offsets in errors are relative to its start).
    public let bytes: [UInt8]
    /// The position of the next byte to read.
    public var offset: Int
    /// One past the last byte this reader may read (the end of the current section or body).
    public let endOffset: Int
    /// Whether the reader covers a section or body rather than the whole binary.
    private let isSubrange: Bool
    /// The proposals whose value types are accepted besides WebAssembly 2.0's.
    public let features: WasmFeatures

    /// A reader over `range` of `bytes` (a section, a function body); the whole binary
    /// when `range` is nil. Value types of the proposals in `features` are accepted.
    public init(bytes: [UInt8], range: Range<Int>? = nil, features: WasmFeatures = .webAssembly2) {
        self.bytes = bytes
        self.features = features
        isSubrange = range != nil
        let range = range ?? 0..<bytes.count
        self.offset = Swift.max(0, range.lowerBound)
        self.endOffset = Swift.min(bytes.count, Swift.max(self.offset, range.upperBound))
    }

    /// Whether every byte up to `endOffset` has been read.
    @inlinable public var isAtEnd: Bool { offset >= endOffset }

    /// Number of bytes left before `endOffset`.
    @inlinable public var remainingCount: Int { endOffset - offset }

    /// The error for reading past `endOffset`: "unexpected end" for the whole binary,
    /// "unexpected end of section or function" for a section or function body.
    public func unexpectedEnd() -> WasmError {
        WasmError(.malformed, offset: offset, isSubrange ? "unexpected end of section or function" : "unexpected end")
    }

    // MARK: Bytes

    /// Reads one byte.
    @inlinable
    public mutating func readByte() throws(WasmError) -> UInt8 {
        guard offset < endOffset else { throw unexpectedEnd() }
        let byte = bytes[offset]
        offset += 1
        return byte
    }

    /// Returns the next byte without consuming it.
    @inlinable
    public func peekByte() throws(WasmError) -> UInt8 {
        guard offset < endOffset else { throw unexpectedEnd() }
        return bytes[offset]
    }

    /// Skips `count` bytes and returns their range in `bytes`.
    public mutating func readRange(count: Int) throws(WasmError) -> Range<Int> {
        guard count >= 0, count <= remainingCount else {
            throw WasmError(.malformed, offset: offset, "length out of bounds")
        }
        let start = offset
        offset += count
        return start..<offset
    }

    /// Reads a `u32` length followed by that many bytes; returns their range in `bytes`.
    public mutating func readLengthPrefixedRange() throws(WasmError) -> Range<Int> {
        let lengthOffset = offset
        let length = Int(try readUInt32())
        guard length <= remainingCount else {
            throw WasmError(.malformed, offset: lengthOffset, "length out of bounds")
        }
        return try readRange(count: length)
    }

    /// Reads a `u32` length and that many bytes (`vec(byte)`).
    public mutating func readByteVector() throws(WasmError) -> [UInt8] {
        Array(bytes[try readLengthPrefixedRange()])
    }

    /// Reads a little-endian 32-bit word (the bits of an `f32` immediate).
    @inlinable
    public mutating func readFixedUInt32() throws(WasmError) -> UInt32 {
        guard remainingCount >= 4 else {
            offset = endOffset
            throw unexpectedEnd()
        }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        offset += 4
        return value
    }

    /// Reads a little-endian 64-bit word (the bits of an `f64` immediate).
    @inlinable
    public mutating func readFixedUInt64() throws(WasmError) -> UInt64 {
        guard remainingCount >= 8 else {
            offset = endOffset
            throw unexpectedEnd()
        }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        offset += 8
        return value
    }

    // MARK: LEB128

    /// Reads an unsigned LEB128 `u32`.
    @inlinable
    public mutating func readUInt32() throws(WasmError) -> UInt32 {
        if offset < endOffset, bytes[offset] < 0x80 {
            let byte = bytes[offset]
            offset += 1
            return UInt32(byte)
        }
        return UInt32(truncatingIfNeeded: try readUnsigned(bitWidth: 32))
    }

    /// Reads an unsigned LEB128 `u64`.
    public mutating func readUInt64() throws(WasmError) -> UInt64 {
        try readUnsigned(bitWidth: 64)
    }

    /// Reads a signed LEB128 `s32`.
    @inlinable
    public mutating func readInt32() throws(WasmError) -> Int32 {
        Int32(truncatingIfNeeded: try readSigned(bitWidth: 32))
    }

    /// Reads a signed LEB128 `s33` (the type index form of a block type).
    public mutating func readInt33() throws(WasmError) -> Int64 {
        try readSigned(bitWidth: 33)
    }

    /// Reads a signed LEB128 `s64`.
    public mutating func readInt64() throws(WasmError) -> Int64 {
        try readSigned(bitWidth: 64)
    }

    /// Reads an unsigned LEB128 number of at most `bitWidth` bits: at most ⌈bitWidth/7⌉ bytes,
    /// and the unused high bits of the last byte must be zero.
    @usableFromInline
    mutating func readUnsigned(bitWidth: Int) throws(WasmError) -> UInt64 {
        let maximumLength = (bitWidth + 6) / 7
        var result: UInt64 = 0
        var shift = 0
        for index in 0..<maximumLength {
            let byte = try readByte()
            if index == maximumLength - 1 {
                try checkLastByte(byte, unusedBitsMask: 0x7F & ~((1 << (bitWidth - shift)) - 1), signed: false)
            }
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return result
    }

    /// Reads a signed LEB128 number of at most `bitWidth` bits: at most ⌈bitWidth/7⌉ bytes,
    /// and the unused high bits of the last byte must repeat the sign bit.
    @usableFromInline
    mutating func readSigned(bitWidth: Int) throws(WasmError) -> Int64 {
        let maximumLength = (bitWidth + 6) / 7
        var result: Int64 = 0
        var shift = 0
        for index in 0..<maximumLength {
            let byte = try readByte()
            if index == maximumLength - 1 {
                try checkLastByte(byte, unusedBitsMask: 0x7F & ~((1 << (bitWidth - shift - 1)) - 1), signed: true)
            }
            result |= Int64(byte & 0x7F) << Int64(shift)
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64, byte & 0x40 != 0 { result |= -1 << Int64(shift) }
                break
            }
        }
        return result
    }

    /// Checks the last allowed byte of a LEB128 number: no continuation bit, and the bits
    /// beyond the number's width are zero (unsigned) or copies of the sign bit (signed).
    @usableFromInline
    func checkLastByte(_ byte: UInt8, unusedBitsMask: Int, signed: Bool) throws(WasmError) {
        if byte & 0x80 != 0 {
            throw WasmError(.malformed, offset: offset - 1, "integer representation too long")
        }
        let unusedBits = Int(byte) & unusedBitsMask
        if unusedBits != 0 && !(signed && unusedBits == unusedBitsMask) {
            throw WasmError(.malformed, offset: offset - 1, "integer too large")
        }
    }

    // MARK: Structured values

    /// Reads the element count of a vector. Each element takes at least one byte, so a count
    /// larger than the bytes left is rejected before anything is allocated.
    public mutating func readVectorCount() throws(WasmError) -> Int {
        let count = Int(try readUInt32())
        guard count <= remainingCount else { throw unexpectedEnd() }
        return count
    }

    /// Reads a name: a `u32` byte length followed by that many bytes of valid UTF-8.
    public mutating func readName() throws(WasmError) -> String {
        let range = try readLengthPrefixedRange()
        guard UTF8Validation.isValid(bytes[range]) else {
            throw WasmError(.malformed, offset: range.lowerBound, "malformed UTF-8 encoding")
        }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Reads a one-byte flags field whose highest allowed value is `maximum`; larger values
    /// are reported the way an over-long or too-large LEB128 number is.
    public mutating func readFlags(maximum: UInt8) throws(WasmError) -> UInt8 {
        let flags = try readByte()
        guard flags <= maximum else {
            throw WasmError(
                .malformed, offset: offset - 1,
                flags & 0x80 != 0 ? "integer representation too long" : "integer too large")
        }
        return flags
    }

    /// Reads a value type byte.
    public mutating func readValueType() throws(WasmError) -> ValueType {
        let typeOffset = offset
        guard let type = ValueType(byte: try readByte()), accepts(type) else {
            throw WasmError(.malformed, offset: typeOffset, "malformed value type")
        }
        return type
    }

    /// Whether `type` is part of WebAssembly 2.0 or of an enabled proposal.
    public func accepts(_ type: ValueType) -> Bool {
        type != .exnRef || features.contains(.exceptionHandling)
    }

    /// Reads a reference type byte (`funcref` or `externref`).
    public mutating func readReferenceType() throws(WasmError) -> ReferenceType {
        let typeOffset = offset
        switch try readByte() {
        case 0x70: return .funcRef
        case 0x6F: return .externRef
        case 0x69 where features.contains(.exceptionHandling): return .exnRef
        default: throw WasmError(.malformed, offset: typeOffset, "malformed reference type")
        }
    }
}

extension ValueType {
    /// The value type encoded by `byte` in the binary format, if it is one.
    public init?(byte: UInt8) {
        switch byte {
        case 0x7F: self = .i32
        case 0x7E: self = .i64
        case 0x7D: self = .f32
        case 0x7C: self = .f64
        case 0x7B: self = .v128
        case 0x70: self = .funcRef
        case 0x6F: self = .externRef
        case 0x69: self = .exnRef
        default: return nil
        }
    }
}
