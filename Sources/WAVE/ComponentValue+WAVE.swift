import ComponentModel

extension ComponentValue {
    /// Parses WAVE `text` as a value of `type`, whose identifiers refer to `types`:
    /// `ComponentValue(parsingWAVE: "{x: 1, y: 2}", as: point, types: arena)`.
    /// Errors say what was expected and give the line and column in `text`.
    public init(parsingWAVE text: String, as type: ResolvedValueType, types: TypeArena) throws(WAVEError) {
        let node = try WAVEParser.parseValue(text)
        do {
            self = try WAVEDecoder(types: types).value(node, as: type)
        } catch {
            throw error.located(in: Array(text.unicodeScalars))
        }
    }

    /// The value written in WAVE (see `WAVEPrinter`).
    public var waveDescription: String { WAVEPrinter.string(self) }
}
