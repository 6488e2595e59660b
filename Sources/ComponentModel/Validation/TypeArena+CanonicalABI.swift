/// Canonical ABI facts about resolved types (CanonicalABI.md): flattening to core values,
/// element size, and whether lifting or lowering needs linear memory.
extension TypeArena {
    /// `elem_size(t)` of every defined value type must be below this (Binary.md).
    static let maximumValueSize: UInt64 = 1 << 28
    /// The deepest nesting of a defined value type (as in wasmparser).
    static let maximumValueTypeDepth: UInt64 = 100
    /// The deepest nesting of any type (function, instance and component types add levels
    /// around value types); bounds the recursion of every type traversal.
    static let maximumTypeDepth: UInt64 = 200
    /// The largest effective size of any type.
    static let maximumTypeSize: UInt64 = 1_000_000

    /// The core values a value type flattens to (`flatten_type`, cut to
    /// `CanonicalABIRules.flatLimit`).
    func flatten(_ type: ResolvedValueType) -> [FlatType] {
        guard let defined = defined(type) else { return [] }
        switch defined {
        case .primitive(let primitive):
            switch primitive {
            case .s64, .u64: return [.i64]
            case .f32: return [.f32]
            case .f64: return [.f64]
            case .string: return [.i32, .i32]
            default: return [.i32]
            }
        case .list, .map: return [.i32, .i32]
        case .fixedLengthList(let element, let length):
            let flat = flatten(element)
            let count = Int(min(UInt64(length), UInt64(CanonicalABIRules.flatLimit)))
            return CanonicalABIRules.capped(Array(repeating: flat, count: count).flatMap { $0 })
        case .record(let fields): return CanonicalABIRules.capped(fields.flatMap { flatten($0.type) })
        case .tuple(let elements): return CanonicalABIRules.capped(elements.flatMap { flatten($0) })
        case .flags, .enum, .own, .borrow, .stream, .future: return [.i32]
        case .variant(let cases): return flattenVariant(cases.map(\.type))
        case .option(let payload): return flattenVariant([nil, payload])
        case .result(let ok, let error): return flattenVariant([ok, error])
        }
    }

    private func flattenVariant(_ payloads: [ResolvedValueType?]) -> [FlatType] {
        CanonicalABIRules.flattenVariant(payloads: payloads.compactMap { $0.map(flatten) })
    }

    /// Whether lifting or lowering a value of this type touches linear memory (strings, lists).
    func usesMemory(_ type: ResolvedValueType) -> Bool {
        if case .primitive(.string) = type { return true }
        return anyNested(type) { defined in
            switch defined {
            case .primitive(.string), .list, .map: true
            default: false
            }
        }
    }

    /// `elem_size(t)` with 64-bit pointers, saturating at `UInt64.max`.
    func elementSize(_ type: ResolvedValueType) -> UInt64 {
        layout(type).size
    }

    private func layout(_ type: ResolvedValueType) -> (size: UInt64, alignment: UInt64) {
        guard let defined = defined(type) else { return (0, 1) }
        switch defined {
        case .primitive(let primitive):
            switch primitive {
            case .bool, .s8, .u8: return (1, 1)
            case .s16, .u16: return (2, 2)
            case .s32, .u32, .f32, .char, .errorContext: return (4, 4)
            case .s64, .u64, .f64: return (8, 8)
            case .string: return (16, 8)
            }
        case .list, .map: return (16, 8)
        case .own, .borrow, .stream, .future: return (4, 4)
        case .fixedLengthList(let element, let length):
            let inner = layout(element)
            return (multiply(inner.size, UInt64(length)), inner.alignment)
        case .record(let fields): return layoutOfSequence(fields.map(\.type))
        case .tuple(let elements): return layoutOfSequence(elements)
        case .flags(let labels):
            let size = UInt64(CanonicalABIRules.flagsSize(labelCount: labels.count))
            return (size, max(size, 1))
        case .enum(let labels): return discriminantLayout(cases: labels.count)
        case .variant(let cases): return layoutOfVariant(cases.map(\.type))
        case .option(let payload): return layoutOfVariant([nil, payload])
        case .result(let ok, let error): return layoutOfVariant([ok, error])
        }
    }

    private func layoutOfSequence(_ types: [ResolvedValueType]) -> (size: UInt64, alignment: UInt64) {
        var size: UInt64 = 0
        var alignment: UInt64 = 1
        for type in types {
            let field = layout(type)
            size = add(alignUp(size, field.alignment), field.size)
            alignment = max(alignment, field.alignment)
        }
        return (alignUp(size, alignment), alignment)
    }

    private func discriminantLayout(cases: Int) -> (size: UInt64, alignment: UInt64) {
        let size = UInt64(CanonicalABIRules.discriminantSize(caseCount: cases))
        return (size, size)
    }

    private func layoutOfVariant(_ payloads: [ResolvedValueType?]) -> (size: UInt64, alignment: UInt64) {
        let discriminant = discriminantLayout(cases: payloads.count)
        var payloadSize: UInt64 = 0
        var alignment = discriminant.alignment
        for payload in payloads {
            guard let payload else { continue }
            let inner = layout(payload)
            payloadSize = max(payloadSize, inner.size)
            alignment = max(alignment, inner.alignment)
        }
        let size = add(alignUp(discriminant.size, alignment), payloadSize)
        return (alignUp(size, alignment), alignment)
    }

    private func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    private func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : product
    }

    private func alignUp(_ value: UInt64, _ alignment: UInt64) -> UInt64 {
        guard value != .max else { return .max }
        return add(value, alignment - 1) / alignment * alignment
    }
}
