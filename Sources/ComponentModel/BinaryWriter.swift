/// Accumulates the bytes of a component binary, with the integer encodings the format uses.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func bytes(_ values: some Sequence<UInt8>) { bytes.append(contentsOf: values) }

    /// Writes `value` as unsigned LEB128, padded with continuation bytes to `width` bytes when
    /// `width` is given and larger than the minimal encoding.
    mutating func unsigned(_ value: UInt64, width: Int? = nil) {
        var value = value
        var written = 0
        let target = width ?? 0
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            written += 1
            if value != 0 || written < target { byte |= 0x80 }
            bytes.append(byte)
        } while value != 0
        while written < target {
            written += 1
            bytes.append(written < target ? 0x80 : 0x00)
        }
    }

    mutating func u32(_ value: UInt32) { unsigned(UInt64(value)) }

    /// Writes `value` as minimal signed LEB128.
    mutating func signed(_ value: Int64) {
        var value = value
        while true {
            let byte = UInt8(value & 0x7F)
            value >>= 7
            let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0)
            bytes.append(done ? byte : byte | 0x80)
            if done { return }
        }
    }

    mutating func name(_ value: String) {
        let utf8 = Array(value.utf8)
        unsigned(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func vector<T>(_ elements: [T], _ element: (inout BinaryWriter, T) -> Void) {
        unsigned(UInt64(elements.count))
        for value in elements { element(&self, value) }
    }

    mutating func optional<T>(_ value: T?, _ element: (inout BinaryWriter, T) -> Void) {
        if let value {
            bytes.append(1)
            element(&self, value)
        } else {
            bytes.append(0)
        }
    }

    /// The number of bytes the minimal unsigned LEB128 encoding of `value` takes.
    static func unsignedWidth(_ value: UInt64) -> Int {
        var value = value >> 7
        var width = 1
        while value != 0 { value >>= 7; width += 1 }
        return width
    }
}
