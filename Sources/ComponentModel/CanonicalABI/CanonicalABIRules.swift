/// The layout and flattening rules of CanonicalABI.md that both the validator (on resolved
/// types, `TypeArena`) and the runtime (on `CanonicalType`) apply, stated once.
enum CanonicalABIRules {
    /// `MAX_FLAT_PARAMS`: more flat parameters are passed through memory.
    static let maximumFlatParameters = 16
    /// `MAX_FLAT_RESULTS`: more flat results are returned through memory.
    static let maximumFlatResults = 1
    /// `MAX_FLAT_ASYNC_PARAMS`: the flat parameter limit of an async lowered call.
    static let maximumFlatAsyncParameters = 4

    /// Flat lists longer than every flattening limit are cut to this length: only the fact
    /// that they exceed the limits matters then (the value is passed in memory), and cutting
    /// keeps huge types (`list<u8, 1000000>`) cheap.
    static let flatLimit = maximumFlatParameters + 1

    /// `flat` cut to `flatLimit`.
    static func capped(_ flat: [FlatType]) -> [FlatType] {
        flat.count > flatLimit ? Array(flat.prefix(flatLimit)) : flat
    }

    /// The byte size (and alignment) of a variant's discriminant (`discriminant_type`).
    static func discriminantSize(caseCount: Int) -> Int {
        caseCount <= 0x100 ? 1 : caseCount <= 0x10000 ? 2 : 4
    }

    /// The byte size of a flags value with this many labels (no labels: no bytes).
    static func flagsSize(labelCount: Int) -> Int {
        labelCount == 0 ? 0 : labelCount <= 8 ? 1 : labelCount <= 16 ? 2 : 4
    }

    /// `flatten_variant`: the discriminant, then the payloads' flat types joined position by
    /// position (`join`), cut to `flatLimit`.
    static func flattenVariant(payloads: [[FlatType]]) -> [FlatType] {
        var joined: [FlatType] = []
        for flat in payloads {
            for (index, type) in flat.enumerated() {
                if index < joined.count {
                    joined[index] = FlatType.join(joined[index], type)
                } else {
                    joined.append(type)
                }
            }
        }
        return capped([.i32] + joined)
    }
}
