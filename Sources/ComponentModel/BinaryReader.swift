/// A bounds-checked cursor over the bytes of a component binary.
///
/// Every read either succeeds or throws a `malformed` `ComponentError` carrying the absolute
/// byte offset and the section being read; nothing here can trap on bad input.
struct BinaryReader {
    private let bytes: [UInt8]
    /// Absolute offset of the next byte to read.
    private(set) var position: Int
    /// Absolute offset one past the last readable byte.
    private(set) var end: Int
    /// Name of the section being read, attached to every error.
    var section: String?
    /// How many nested components or component/instance types enclose the current position.
    var nestingDepth = 0
    /// The deepest nesting accepted, so that hostile input cannot exhaust the stack.
    static let maximumNestingDepth = 100

    init(bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        let range = range ?? 0..<bytes.count
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    /// An error at `offset` (the current position by default) naming the current section.
    func malformed(_ message: String, at offset: Int? = nil) -> ComponentError {
        ComponentError(.malformed, offset: offset ?? position, section: section, message)
    }

    /// The bytes of an absolute range already known to lie inside the binary.
    func slice(_ range: Range<Int>) -> [UInt8] { Array(bytes[range]) }

    /// A reader limited to the next `length` bytes; throws if they are not all present.
    func subReader(length: Int) throws(ComponentError) -> BinaryReader {
        guard length <= end - position else { throw malformed("unexpected end-of-file") }
        var reader = self
        reader.end = position + length
        return reader
    }

    /// Moves past `count` bytes that a sub-reader consumed.
    mutating func skip(_ count: Int) throws(ComponentError) {
        guard count <= end - position else { throw malformed("unexpected end-of-file") }
        position += count
    }

    func peekByte() throws(ComponentError) -> UInt8 {
        guard position < end else { throw malformed("unexpected end-of-file") }
        return bytes[position]
    }

    mutating func readByte() throws(ComponentError) -> UInt8 {
        let byte = try peekByte()
        position += 1
        return byte
    }

    mutating func readBytes(_ count: Int) throws(ComponentError) -> [UInt8] {
        guard count >= 0, count <= end - position else { throw malformed("unexpected end-of-file") }
        let result = Array(bytes[position..<position + count])
        position += count
        return result
    }

    /// Reads an unsigned LEB128 integer of at most `bits` bits.
    mutating func readUnsigned(bits: Int) throws(ComponentError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift = 0
        while true {
            let byte = try readByte()
            let payload = UInt64(byte & 0x7F)
            if shift + 7 > bits {
                // Last permitted byte: the continuation bit and the unused high bits must be zero.
                let usedBits = bits - shift
                if byte & 0x80 != 0 {
                    throw malformed("integer representation too long", at: start)
                }
                if payload >> usedBits != 0 {
                    throw malformed("integer too large", at: start)
                }
            }
            result |= payload << UInt64(shift)
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Reads a signed LEB128 integer of at most `bits` bits (33 for type indices, 64 at most).
    mutating func readSigned(bits: Int) throws(ComponentError) -> Int64 {
        let start = position
        var result: Int64 = 0
        var shift = 0
        var byte: UInt8
        repeat {
            byte = try readByte()
            let payload = Int64(byte & 0x7F)
            if shift + 7 > bits {
                if byte & 0x80 != 0 {
                    throw malformed("integer representation too long", at: start)
                }
                // The unused high bits must all equal the sign bit.
                let usedBits = bits - shift
                let signAndUnused = payload >> (usedBits - 1)
                let allOnes = Int64(0x7F) >> (usedBits - 1)
                if signAndUnused != 0 && signAndUnused != allOnes {
                    throw malformed("integer too large", at: start)
                }
            }
            result |= payload << Int64(shift)
            shift += 7
        } while byte & 0x80 != 0
        if shift < 64 && byte & 0x40 != 0 {
            result |= -1 << Int64(shift)
        }
        return result
    }

    mutating func readU32() throws(ComponentError) -> UInt32 {
        UInt32(try readUnsigned(bits: 32))
    }

    /// Reads a vector length; it must fit in the remaining bytes at one byte per element.
    mutating func readCount() throws(ComponentError) -> Int {
        let start = position
        let count = Int(try readU32())
        guard count <= end - position else { throw malformed("unexpected end-of-file", at: start) }
        return count
    }

    /// Reads a `name`: a length-prefixed UTF-8 string.
    mutating func readName() throws(ComponentError) -> String {
        let length = Int(try readU32())
        let start = position
        let raw = try readBytes(length)
        guard let string = String(validating: raw, as: UTF8.self) else {
            throw malformed("malformed UTF-8 encoding", at: start)
        }
        return string
    }

    /// Reads a vector whose elements are read by `element`.
    mutating func readVector<T>(
        _ element: (inout BinaryReader) throws(ComponentError) -> T
    ) throws(ComponentError) -> [T] {
        let count = try readCount()
        var result: [T] = []
        result.reserveCapacity(Swift.min(count, 1024))
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    /// Reads a boolean flag byte (0x00 or 0x01).
    mutating func readFlag(_ what: String) throws(ComponentError) -> Bool {
        let start = position
        switch try readByte() {
        case 0x00: return false
        case 0x01: return true
        case let byte: throw invalidLeadingByte(byte, what, at: start)
        }
    }

    /// Reads `0x00` (absent) or `0x01` followed by a value read by `element`.
    mutating func readOptional<T>(
        _ what: String, _ element: (inout BinaryReader) throws(ComponentError) -> T
    ) throws(ComponentError) -> T? {
        try readFlag(what) ? try element(&self) : nil
    }

    /// Runs `body` one nesting level deeper, rejecting input nested beyond the limit.
    mutating func nested<T>(
        _ body: (inout BinaryReader) throws(ComponentError) -> T
    ) throws(ComponentError) -> T {
        guard nestingDepth < BinaryReader.maximumNestingDepth else {
            throw malformed("nesting too deep (more than \(BinaryReader.maximumNestingDepth) levels)")
        }
        nestingDepth += 1
        defer { nestingDepth -= 1 }
        return try body(&self)
    }

    /// The error for an unexpected discriminant byte.
    func invalidLeadingByte(_ byte: UInt8, _ what: String, at offset: Int) -> ComponentError {
        malformed("invalid leading byte (0x\(String(byte, radix: 16))) for \(what)", at: offset)
    }
}
