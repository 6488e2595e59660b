/// Strings in linear memory in the three canonical encodings (`load_string_from_range`,
/// `store_string_into_range` in CanonicalABI.md). Host strings are treated as UTF-8 sources,
/// so storing follows the specification's UTF-8-source algorithms, realloc calls included.
extension LiftLowerContext {
    /// Decodes the string at `pointer` whose length in code units (tagged for `latin1+utf16`)
    /// is `taggedCodeUnits`, trapping on misalignment, out-of-bounds ranges and invalid text.
    public func loadString(at pointer: Int, taggedCodeUnits: UInt32) throws(ComponentTrap) -> String {
        enum Source { case utf8, utf16, latin1 }
        let source: Source
        switch options.stringEncoding {
        case .utf8: source = .utf8
        case .utf16: source = .utf16
        case .latin1UTF16: source = taggedCodeUnits & Self.utf16Tag != 0 ? .utf16 : .latin1
        }
        let codeUnits = Int(options.stringEncoding == .latin1UTF16 ? taggedCodeUnits & ~Self.utf16Tag : taggedCodeUnits)
        let byteLength = source == .utf16 ? 2 * codeUnits : codeUnits
        let alignment = options.stringEncoding == .utf8 ? 1 : 2
        guard byteLength <= Self.maximumByteLength else { throw ComponentTrap("string content too long") }
        try checkAlignment(pointer, alignment)
        let memory = try checkBounds(pointer, byteLength, "string content out-of-bounds")
        let bytes = UnsafeRawBufferPointer(rebasing: memory[pointer ..< pointer + byteLength])
        switch source {
        case .utf8:
            guard let string = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
                throw ComponentTrap("invalid utf-8")
            }
            return string
        case .utf16:
            let units = UnsafeRawBufferPointer(bytes).withMemoryRebound(to: UInt8.self) { raw in
                (0 ..< byteLength / 2).map { (index: Int) -> UInt16 in
                    let low = UInt16(raw[2 * index])
                    let high = UInt16(raw[2 * index + 1])
                    return low | high << 8
                }
            }
            guard let string = String(validating: units, as: UTF16.self) else { throw ComponentTrap("invalid utf-16") }
            return string
        case .latin1:
            var scalars = String.UnicodeScalarView()
            scalars.reserveCapacity(byteLength)
            for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
            return String(scalars)
        }
    }

    /// Stores `string` in memory allocated with `realloc`; returns the pointer and the
    /// (tagged) code unit count.
    public func storeString(_ string: String) throws -> (pointer: Int, taggedCodeUnits: UInt32) {
        var string = string
        let sourceUnits = string.utf8.count
        guard sourceUnits <= Self.maximumByteLength else { throw ComponentTrap("string too long to lower") }
        switch options.stringEncoding {
        case .utf8:
            let pointer = try allocate(alignment: 1, size: sourceUnits)
            let memory = try checkBounds(pointer, sourceUnits, "string pointer/length out of bounds of memory")
            string.withUTF8 { utf8 in
                if let base = utf8.baseAddress { memory.baseAddress!.advanced(by: pointer).copyMemory(from: base, byteCount: utf8.count) }
            }
            return (pointer, UInt32(sourceUnits))
        case .utf16:
            let worstCase = 2 * sourceUnits
            var pointer = try allocate(alignment: 2, size: worstCase)
            let encodedLength = try writeUTF16(string, at: pointer)
            if encodedLength < worstCase {
                pointer = try reallocate(pointer, oldSize: worstCase, alignment: 2, newSize: encodedLength)
            }
            return (pointer, UInt32(encodedLength / 2))
        case .latin1UTF16:
            var pointer = try allocate(alignment: 2, size: sourceUnits)
            var latin1Length = 0
            for scalar in string.unicodeScalars {
                guard scalar.value < 0x100 else {
                    let worstCase = 2 * sourceUnits
                    pointer = try reallocate(pointer, oldSize: sourceUnits, alignment: 2, newSize: worstCase)
                    let encodedLength = try writeUTF16(string, at: pointer)
                    if worstCase > encodedLength {
                        pointer = try reallocate(pointer, oldSize: worstCase, alignment: 2, newSize: encodedLength)
                    }
                    return (pointer, UInt32(encodedLength / 2) | Self.utf16Tag)
                }
                try store(UInt8(scalar.value), at: pointer + latin1Length)
                latin1Length += 1
            }
            if latin1Length < sourceUnits {
                pointer = try reallocate(pointer, oldSize: sourceUnits, alignment: 2, newSize: latin1Length)
            }
            return (pointer, UInt32(latin1Length))
        }
    }

    /// Writes the UTF-16LE encoding of `string` at `pointer`; returns its byte length.
    private func writeUTF16(_ string: String, at pointer: Int) throws(ComponentTrap) -> Int {
        let length = 2 * string.utf16.count
        let memory = try checkBounds(pointer, length, "string pointer/length out of bounds of memory")
        var offset = pointer
        for unit in string.utf16 {
            memory.storeBytes(of: unit.littleEndian, toByteOffset: offset, as: UInt16.self)
            offset += 2
        }
        return length
    }
}
