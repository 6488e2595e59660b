/// Strict UTF-8 validation as the binary format requires for names: no overlong encodings,
/// no surrogates (U+D800–U+DFFF), nothing above U+10FFFF, no truncated sequences.
enum UTF8Validation {
    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lowestSecond: UInt8 = 0x80
            var highestSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowestSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; highestSecond = 0x9F
            case 0xF0: length = 4; lowestSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; highestSecond = 0x8F
            default: return false
            }
            guard end - index >= length else { return false }
            let second = bytes[index + 1]
            guard second >= lowestSecond, second <= highestSecond else { return false }
            for continuation in (index + 2)..<(index + length) where bytes[continuation] & 0xC0 != 0x80 {
                return false
            }
            index += length
        }
        return true
    }
}
