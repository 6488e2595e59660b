/// Decodes the `name` custom section (module name and function names).
///
/// The section is informative only: a malformed one yields nil and never rejects the module.
enum NameSectionDecoder {
    private static let moduleNameID: UInt8 = 0
    private static let functionNamesID: UInt8 = 1

    /// The names in `payload` of `bytes`, or nil when the section is malformed.
    static func decode(bytes: [UInt8], payload: Range<Int>) -> NameMap? {
        var reader = BinaryReader(bytes: bytes, range: payload)
        var names = NameMap()
        var lastID: UInt8?
        do {
            while !reader.isAtEnd {
                let id = try reader.readByte()
                if let lastID, id <= lastID { return nil }
                lastID = id
                let contents = try reader.readLengthPrefixedRange()
                var subsection = BinaryReader(bytes: bytes, range: contents)
                switch id {
                case moduleNameID:
                    names.moduleName = try subsection.readName()
                case functionNamesID:
                    let count = try subsection.readVectorCount()
                    for _ in 0..<count {
                        let index = try subsection.readUInt32()
                        names.functionNames[index] = try subsection.readName()
                    }
                default:
                    subsection.offset = subsection.endOffset
                }
                guard subsection.isAtEnd else { return nil }
            }
        } catch {
            return nil
        }
        return names
    }
}
