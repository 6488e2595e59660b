@testable import ComponentModel

/// Builds resolved component types in a `TypeArena` for tests, the way validation stores them.
struct TypeBuilder {
    var arena = TypeArena()

    static let bool = ResolvedValueType.primitive(.bool)
    static let s8 = ResolvedValueType.primitive(.s8)
    static let u8 = ResolvedValueType.primitive(.u8)
    static let s16 = ResolvedValueType.primitive(.s16)
    static let u16 = ResolvedValueType.primitive(.u16)
    static let s32 = ResolvedValueType.primitive(.s32)
    static let u32 = ResolvedValueType.primitive(.u32)
    static let s64 = ResolvedValueType.primitive(.s64)
    static let u64 = ResolvedValueType.primitive(.u64)
    static let f32 = ResolvedValueType.primitive(.f32)
    static let f64 = ResolvedValueType.primitive(.f64)
    static let char = ResolvedValueType.primitive(.char)
    static let string = ResolvedValueType.primitive(.string)

    mutating func define(_ type: ResolvedDefinedType) -> ResolvedValueType {
        .defined(arena.add(.defined(type)))
    }

    mutating func list(_ element: ResolvedValueType) -> ResolvedValueType { define(.list(element)) }
    mutating func list(_ element: ResolvedValueType, length: UInt32) -> ResolvedValueType {
        define(.fixedLengthList(element, length: length))
    }
    mutating func tuple(_ elements: ResolvedValueType...) -> ResolvedValueType { define(.tuple(elements)) }
    mutating func option(_ payload: ResolvedValueType) -> ResolvedValueType { define(.option(payload)) }
    mutating func result(ok: ResolvedValueType? = nil, error: ResolvedValueType? = nil) -> ResolvedValueType {
        define(.result(ok: ok, error: error))
    }
    mutating func record(_ fields: KeyValuePairs<String, ResolvedValueType>) -> ResolvedValueType {
        define(.record(fields.map { ResolvedField(label: $0.key, type: $0.value) }))
    }
    mutating func variant(_ cases: KeyValuePairs<String, ResolvedValueType?>) -> ResolvedValueType {
        define(.variant(cases.map { ResolvedCase(label: $0.key, type: $0.value) }))
    }
    mutating func enumeration(_ names: String...) -> ResolvedValueType { define(.enum(names)) }
    mutating func flags(_ names: String...) -> ResolvedValueType { define(.flags(names)) }
    mutating func own() -> ResolvedValueType {
        let resource = arena.add(.resource(arena.freshResource()))
        return define(.own(resource))
    }

    func function(_ parameters: KeyValuePairs<String, ResolvedValueType>, result: ResolvedValueType? = nil)
        -> ResolvedFunctionType
    {
        ResolvedFunctionType(isAsync: false,
                             parameters: parameters.map { ResolvedField(label: $0.key, type: $0.value) },
                             result: result)
    }
}
