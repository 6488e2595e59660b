import ComponentModel
import WIT

/// The canonical ABI layout of WIT types, computed with ComponentModel's `CanonicalType` so
/// generated code can use constant offsets. Handles are laid out like the `u32` index they
/// are; resource types themselves are not value types and have no layout (`nil`), nor do
/// flags with more than 32 members.
struct WITLayout {
    let resolve: Resolve
    private var cache: [WIT.TypeID: CanonicalType?] = [:]

    init(resolve: Resolve) {
        self.resolve = resolve
    }

    /// The canonical type of `type`, or `nil` when it has no value layout.
    mutating func canonical(_ type: WITType) -> CanonicalType? {
        switch type {
        case .bool: return CanonicalType(.bool)
        case .u8: return CanonicalType(.u8)
        case .u16: return CanonicalType(.u16)
        case .u32: return CanonicalType(.u32)
        case .u64: return CanonicalType(.u64)
        case .s8: return CanonicalType(.s8)
        case .s16: return CanonicalType(.s16)
        case .s32: return CanonicalType(.s32)
        case .s64: return CanonicalType(.s64)
        case .f32: return CanonicalType(.f32)
        case .f64: return CanonicalType(.f64)
        case .char: return CanonicalType(.char)
        case .string: return CanonicalType(.string)
        case .errorContext: return .errorContext
        case .id(let id):
            if let done = cache[id] { return done }
            let result = definition(resolve[type: id].kind)
            cache[id] = result
            return result
        }
    }

    /// Whether `type` can be bound.
    mutating func isSupported(_ type: WITType) -> Bool { canonical(type) != nil }

    private mutating func definition(_ kind: TypeDefKind) -> CanonicalType? {
        switch kind {
        case .record(let fields):
            var members: [CanonicalField] = []
            for field in fields {
                guard let type = canonical(field.type) else { return nil }
                members.append(CanonicalField(field.name, type))
            }
            return CanonicalType(.record(members))
        case .variant(let cases):
            var members: [CanonicalCase] = []
            for variantCase in cases {
                if let payload = variantCase.type {
                    guard let type = canonical(payload) else { return nil }
                    members.append(CanonicalCase(variantCase.name, type))
                } else {
                    members.append(CanonicalCase(variantCase.name, nil))
                }
            }
            return CanonicalType(.variant(members))
        case .enumeration(let cases): return CanonicalType(.enum(cases.map(\.name)))
        case .flags(let flags): return flags.count <= 32 ? CanonicalType(.flags(flags.map(\.name))) : nil
        case .tuple(let elements):
            var types: [CanonicalType] = []
            for element in elements {
                guard let type = canonical(element) else { return nil }
                types.append(type)
            }
            return CanonicalType(.tuple(types))
        case .option(let payload): return canonical(payload).map { CanonicalType(.option($0)) }
        case .result(let ok, let error):
            var okType: CanonicalType?
            var errorType: CanonicalType?
            if let ok {
                guard let type = canonical(ok) else { return nil }
                okType = type
            }
            if let error {
                guard let type = canonical(error) else { return nil }
                errorType = type
            }
            return CanonicalType(.result(ok: okType, error: errorType))
        case .list(let element): return canonical(element).map { CanonicalType(.list($0)) }
        case .map(let key, let value):
            guard let keyType = canonical(key), let valueType = canonical(value) else { return nil }
            return CanonicalType(.list(CanonicalType(.tuple([keyType, valueType]))))
        case .type(let target): return canonical(target)
        case .handle: return CanonicalType(.u32)
        case .fixedLengthList(let element, let count):
            return canonical(element).map { CanonicalType(.fixedLengthList($0, count: Int(count))) }
        case .future(let payload): return optionalPayload(payload).map { CanonicalType(.future($0)) }
        case .stream(let payload): return optionalPayload(payload).map { CanonicalType(.stream($0)) }
        case .resource: return nil
        }
    }

    /// The canonical type of an optional payload: `.some(nil)` when absent, `nil` when unsupported.
    private mutating func optionalPayload(_ payload: WITType?) -> CanonicalType?? {
        guard let payload else { return .some(nil) }
        return canonical(payload).map { .some($0) }
    }
}
