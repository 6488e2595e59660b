/// Strings in linear memory in the three canonical encodings (`load_string_from_range`,
/// `store_string_into_range` in CanonicalABI.md). Storing transcodes from the encoding the
/// string came from (`LiftLowerContext.stringSource`; UTF-8 for host strings) with the
/// specification's algorithm for that pair of encodings, `realloc` calls and sizes included.
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
    /// (tagged) code unit count. `stringSource` names the encoding the string had where it came
    /// from (UTF-8 for host strings), which decides the `realloc` calls and their sizes exactly
    /// as `store_string_into_range` in CanonicalABI.md does. A `latin1+utf16` source string
    /// counts as Latin-1 when every character fits, else as UTF-16 (the tag it was read with
    /// is not kept; a UTF-16-tagged string of Latin-1 characters is stored as a Latin-1 one).
    public func storeString(_ string: String) throws -> (pointer: Int, taggedCodeUnits: UInt32) {
        let source = StringSourceEncoding(string, stringSource)
        let sourceUnits = source.codeUnits(of: string)
        switch (options.stringEncoding, source) {
        case (.utf8, .utf8):
            return try storeCopy(string, codeUnits: sourceUnits, unitSize: 1, alignment: 1, encoding: .utf8)
        case (.utf8, .utf16):
            return try storeToUTF8(string, codeUnits: sourceUnits, worstCase: 3 * sourceUnits)
        case (.utf8, .latin1):
            return try storeToUTF8(string, codeUnits: sourceUnits, worstCase: 2 * sourceUnits)
        case (.utf16, .utf8):
            return try storeUTF8ToUTF16(string, codeUnits: sourceUnits)
        case (.utf16, .utf16), (.utf16, .latin1):
            return try storeCopy(string, codeUnits: sourceUnits, unitSize: 2, alignment: 2, encoding: .utf16)
        case (.latin1UTF16, .latin1) where stringSource == .latin1UTF16:
            return try storeCopy(string, codeUnits: sourceUnits, unitSize: 1, alignment: 2, encoding: .latin1)
        case (.latin1UTF16, .utf16) where stringSource == .latin1UTF16:
            // `store_probably_utf16_to_latin1_or_utf16` for a string with a non-Latin-1 character.
            let (pointer, units) = try storeCopy(string, codeUnits: sourceUnits, unitSize: 2, alignment: 2, encoding: .utf16)
            return (pointer, units | Self.utf16Tag)
        case (.latin1UTF16, _):
            return try storeToLatin1OrUTF16(string, codeUnits: sourceUnits)
        }
    }

    /// The destination encodings of a copy.
    private enum CopyEncoding { case utf8, utf16, latin1 }

    /// `store_string_copy`: one allocation of `unitSize * codeUnits` bytes, then the copy.
    private func storeCopy(_ string: String, codeUnits: Int, unitSize: Int, alignment: Int,
                           encoding: CopyEncoding) throws -> (pointer: Int, taggedCodeUnits: UInt32) {
        let byteLength = unitSize * codeUnits
        guard byteLength <= Self.maximumByteLength else { throw ComponentTrap("string too long to lower") }
        let pointer = try allocate(alignment: alignment, size: byteLength)
        switch encoding {
        case .utf8: try writeUTF8(string, from: 0, at: pointer)
        case .utf16: _ = try writeUTF16(string, at: pointer)
        case .latin1: try writeLatin1(string, at: pointer)
        }
        return (pointer, UInt32(codeUnits))
    }

    /// `store_string_to_utf8`: optimistically one byte per source code unit; at the first
    /// non-ASCII character, grow to `worstCase` and shrink to the encoded length.
    private func storeToUTF8(_ string: String, codeUnits: Int, worstCase: Int) throws -> (pointer: Int, taggedCodeUnits: UInt32) {
        guard codeUnits <= Self.maximumByteLength else { throw ComponentTrap("string too long to lower") }
        var pointer = try allocate(alignment: 1, size: codeUnits)
        var index = 0
        for scalar in string.unicodeScalars {
            guard scalar.isASCII else {
                guard worstCase <= Self.maximumByteLength else { throw ComponentTrap("string too long to lower") }
                pointer = try reallocate(pointer, oldSize: codeUnits, alignment: 1, newSize: worstCase)
                let encodedLength = string.utf8.count
                try writeUTF8(string, from: index, at: pointer)
                if worstCase > encodedLength {
                    pointer = try reallocate(pointer, oldSize: worstCase, alignment: 1, newSize: encodedLength)
                }
                return (pointer, UInt32(encodedLength))
            }
            try store(UInt8(scalar.value), at: pointer + index)
            index += 1
        }
        return (pointer, UInt32(codeUnits))
    }

    /// `store_utf8_to_utf16`: the worst case (two bytes per UTF-8 byte), shrunk to the encoding.
    private func storeUTF8ToUTF16(_ string: String, codeUnits: Int) throws -> (pointer: Int, taggedCodeUnits: UInt32) {
        let worstCase = 2 * codeUnits
        guard worstCase <= Self.maximumByteLength else { throw ComponentTrap("string too long to lower") }
        var pointer = try allocate(alignment: 2, size: worstCase)
        let encodedLength = try writeUTF16(string, at: pointer)
        if encodedLength < worstCase {
            pointer = try reallocate(pointer, oldSize: worstCase, alignment: 2, newSize: encodedLength)
        }
        return (pointer, UInt32(encodedLength / 2))
    }

    /// `store_string_to_latin1_or_utf16`: Latin-1 while every character fits, else UTF-16 in
    /// the worst-case size, shrunk to the encoding.
    private func storeToLatin1OrUTF16(_ string: String, codeUnits: Int) throws -> (pointer: Int, taggedCodeUnits: UInt32) {
        guard codeUnits <= Self.maximumByteLength else { throw ComponentTrap("string too long to lower") }
        var pointer = try allocate(alignment: 2, size: codeUnits)
        var latin1Length = 0
        for scalar in string.unicodeScalars {
            guard scalar.value < 0x100 else {
                let worstCase = 2 * codeUnits
                guard worstCase <= Self.maximumByteLength else { throw ComponentTrap("string too long to lower") }
                pointer = try reallocate(pointer, oldSize: codeUnits, alignment: 2, newSize: worstCase)
                let encodedLength = try writeUTF16(string, at: pointer)
                if worstCase > encodedLength {
                    pointer = try reallocate(pointer, oldSize: worstCase, alignment: 2, newSize: encodedLength)
                }
                return (pointer, UInt32(encodedLength / 2) | Self.utf16Tag)
            }
            try store(UInt8(scalar.value), at: pointer + latin1Length)
            latin1Length += 1
        }
        if latin1Length < codeUnits {
            pointer = try reallocate(pointer, oldSize: codeUnits, alignment: 2, newSize: latin1Length)
        }
        return (pointer, UInt32(latin1Length))
    }

    /// Writes the UTF-8 encoding of `string` from byte `start` on at `pointer + start`.
    private func writeUTF8(_ string: String, from start: Int, at pointer: Int) throws(ComponentTrap) {
        var string = string
        let length = string.utf8.count
        let memory = try checkBounds(pointer, length, "string pointer/length out of bounds of memory")
        string.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, length > start else { return }
            memory.baseAddress!.advanced(by: pointer + start).copyMemory(from: base + start, byteCount: length - start)
        }
    }

    /// Writes the Latin-1 encoding of `string` (every character below U+0100) at `pointer`.
    private func writeLatin1(_ string: String, at pointer: Int) throws(ComponentTrap) {
        let memory = try checkBounds(pointer, string.unicodeScalars.count, "string pointer/length out of bounds of memory")
        var offset = pointer
        for scalar in string.unicodeScalars {
            memory[offset] = UInt8(truncatingIfNeeded: scalar.value)
            offset += 1
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

/// The simple encoding a string had where it was read (`src_simple_encoding` in
/// CanonicalABI.md), and its length in that encoding's code units.
enum StringSourceEncoding {
    case utf8, utf16, latin1

    /// The simple encoding of `string` read with `encoding`.
    init(_ string: String, _ encoding: CanonicalStringEncoding) {
        switch encoding {
        case .utf8: self = .utf8
        case .utf16: self = .utf16
        case .latin1UTF16: self = string.unicodeScalars.allSatisfy { $0.value < 0x100 } ? .latin1 : .utf16
        }
    }

    /// `src_code_units`: the length of `string` in this encoding.
    func codeUnits(of string: String) -> Int {
        switch self {
        case .utf8: string.utf8.count
        case .utf16, .latin1: string.utf16.count
        }
    }
}
