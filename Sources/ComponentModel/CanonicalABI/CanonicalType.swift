/// A core value type a component value flattens to (`flatten_type` in CanonicalABI.md).
public enum FlatType: UInt8, Hashable, Sendable, CustomStringConvertible {
    case i32, i64, f32, f64

    /// The text-format spelling.
    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        }
    }

    /// `join(a, b)` of CanonicalABI.md: the flat type that can carry both.
    static func join(_ a: FlatType, _ b: FlatType) -> FlatType {
        if a == b { return a }
        if (a == .i32 && b == .f32) || (a == .f32 && b == .i32) { return .i32 }
        return .i64
    }
}

/// A named field of a record type or a parameter of a function type.
public struct CanonicalField {
    public let label: String
    public let type: CanonicalType
}

/// One case of a variant-like type (`variant`, `enum`, `option`, `result`), despecialized.
public struct CanonicalCase {
    public let label: String
    public let type: CanonicalType?
}

/// A component value type with its resources bound to actual resource types and its canonical
/// ABI layout computed once: size, alignment, flattening and, for aggregates, field offsets.
/// Lifting and lowering read these precomputed facts instead of re-deriving them per call.
public final class CanonicalType {
    /// The shape of the type.
    public enum Kind {
        case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string
        case list(CanonicalType)
        case fixedLengthList(CanonicalType, count: Int)
        case record([CanonicalField])
        case tuple([CanonicalType])
        case variant([CanonicalCase])
        case `enum`([String])
        case option(CanonicalType)
        case result(ok: CanonicalType?, error: CanonicalType?)
        case flags([String])
        case own(ComponentResourceType)
        case borrow(ComponentResourceType)
        /// 🔀 Async values: laid out as handles; their values cannot be lifted or lowered yet.
        case stream(CanonicalType?)
        case future(CanonicalType?)
        case errorContext
    }

    public let kind: Kind
    /// `elem_size(t)` with 32-bit pointers.
    public let size: Int
    /// `alignment(t)` with 32-bit pointers.
    public let alignment: Int
    /// `flatten_type(t)`.
    public let flat: [FlatType]
    /// Record, tuple and fixed-length-list element offsets from the start of the value.
    let fieldOffsets: [Int]
    /// Variant-like types: the cases, the discriminant's byte size and the payload's offset.
    let cases: [CanonicalCase]
    let discriminantSize: Int
    let payloadOffset: Int
    /// Whether the type contains a string or list (lifting and lowering it needs memory).
    let usesMemory: Bool
    /// Whether the type contains a `borrow` handle.
    let containsBorrow: Bool

    /// Computes the layout of a type of the given shape.
    public init(_ kind: Kind) {
        self.kind = kind
        var offsets: [Int] = []
        var cases: [CanonicalCase] = []
        var discriminantSize = 0
        var payloadOffset = 0
        var usesMemory = false
        var containsBorrow = false
        func sequence(_ types: [CanonicalType]) -> (Int, Int, [FlatType]) {
            var size = 0
            var alignment = 1
            var flat: [FlatType] = []
            for type in types {
                size = CanonicalType.align(size, to: type.alignment)
                offsets.append(size)
                size += type.size
                alignment = max(alignment, type.alignment)
                flat = CanonicalABIRules.capped(flat + type.flat)
                usesMemory = usesMemory || type.usesMemory
                containsBorrow = containsBorrow || type.containsBorrow
            }
            return (CanonicalType.align(size, to: alignment), alignment, flat)
        }
        func variant(_ variantCases: [CanonicalCase]) -> (Int, Int, [FlatType]) {
            cases = variantCases
            discriminantSize = CanonicalABIRules.discriminantSize(caseCount: variantCases.count)
            let payloads = variantCases.compactMap(\.type)
            let caseAlignment = payloads.map(\.alignment).max() ?? 1
            let payloadSize = payloads.map(\.size).max() ?? 0
            for payload in payloads {
                usesMemory = usesMemory || payload.usesMemory
                containsBorrow = containsBorrow || payload.containsBorrow
            }
            payloadOffset = CanonicalType.align(discriminantSize, to: caseAlignment)
            let alignment = max(discriminantSize, caseAlignment)
            return (CanonicalType.align(payloadOffset + payloadSize, to: alignment), alignment,
                    CanonicalABIRules.flattenVariant(payloads: payloads.map(\.flat)))
        }
        let layout: (size: Int, alignment: Int, flat: [FlatType])
        switch kind {
        case .bool, .s8, .u8: layout = (1, 1, [.i32])
        case .s16, .u16: layout = (2, 2, [.i32])
        case .s32, .u32, .char: layout = (4, 4, [.i32])
        case .s64, .u64: layout = (8, 8, [.i64])
        case .f32: layout = (4, 4, [.f32])
        case .f64: layout = (8, 8, [.f64])
        case .string:
            usesMemory = true
            layout = (8, 4, [.i32, .i32])
        case .list(let element):
            usesMemory = true
            containsBorrow = element.containsBorrow
            layout = (8, 4, [.i32, .i32])
        case .fixedLengthList(let element, let count):
            usesMemory = element.usesMemory
            containsBorrow = element.containsBorrow
            var flat: [FlatType] = []
            for _ in 0 ..< min(count, CanonicalABIRules.flatLimit) { flat += element.flat }
            layout = (element.size * count, element.alignment, CanonicalABIRules.capped(flat))
        case .record(let fields): layout = sequence(fields.map(\.type))
        case .tuple(let elements): layout = sequence(elements)
        case .variant(let variantCases): layout = variant(variantCases)
        case .enum(let labels): layout = variant(labels.map { CanonicalCase(label: $0, type: nil) })
        case .option(let payload):
            layout = variant([CanonicalCase(label: "none", type: nil), CanonicalCase(label: "some", type: payload)])
        case .result(let ok, let error):
            layout = variant([CanonicalCase(label: "ok", type: ok), CanonicalCase(label: "error", type: error)])
        case .flags(let labels):
            let size = CanonicalABIRules.flagsSize(labelCount: labels.count)
            layout = (size, max(size, 1), labels.isEmpty ? [] : [.i32])
        case .own, .stream, .future, .errorContext: layout = (4, 4, [.i32])
        case .borrow:
            containsBorrow = true
            layout = (4, 4, [.i32])
        }
        size = layout.size
        alignment = layout.alignment
        flat = layout.flat
        fieldOffsets = offsets
        self.cases = cases
        self.discriminantSize = discriminantSize
        self.payloadOffset = payloadOffset
        self.usesMemory = usesMemory
        self.containsBorrow = containsBorrow
    }

    /// `align_to(offset, alignment)`.
    static func align(_ offset: Int, to alignment: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }

    /// Shared instances of the primitive types.
    public static let bool = CanonicalType(.bool)
    public static let s8 = CanonicalType(.s8)
    public static let u8 = CanonicalType(.u8)
    public static let s16 = CanonicalType(.s16)
    public static let u16 = CanonicalType(.u16)
    public static let s32 = CanonicalType(.s32)
    public static let u32 = CanonicalType(.u32)
    public static let s64 = CanonicalType(.s64)
    public static let u64 = CanonicalType(.u64)
    public static let f32 = CanonicalType(.f32)
    public static let f64 = CanonicalType(.f64)
    public static let char = CanonicalType(.char)
    public static let string = CanonicalType(.string)
    public static let errorContext = CanonicalType(.errorContext)

    /// The shared type of a primitive.
    static func primitiveType(_ primitive: PrimitiveValueType) -> CanonicalType {
        switch primitive {
        case .bool: .bool
        case .s8: .s8
        case .u8: .u8
        case .s16: .s16
        case .u16: .u16
        case .s32: .s32
        case .u32: .u32
        case .s64: .s64
        case .u64: .u64
        case .f32: .f32
        case .f64: .f64
        case .char: .char
        case .string: .string
        case .errorContext: .errorContext
        }
    }
}

// Immutable after initialization: every stored property is a `let`.
extension CanonicalType: @unchecked Sendable {}

extension CanonicalType: CustomStringConvertible {
    /// The type in WIT-like syntax, for messages.
    public var description: String {
        switch kind {
        case .bool: "bool"
        case .s8: "s8"
        case .u8: "u8"
        case .s16: "s16"
        case .u16: "u16"
        case .s32: "s32"
        case .u32: "u32"
        case .s64: "s64"
        case .u64: "u64"
        case .f32: "f32"
        case .f64: "f64"
        case .char: "char"
        case .string: "string"
        case .list(let element): "list<\(element)>"
        case .fixedLengthList(let element, let count): "list<\(element), \(count)>"
        case .record(let fields): "record { \(fields.map { "\($0.label): \($0.type)" }.joined(separator: ", ")) }"
        case .tuple(let elements): "tuple<\(elements.map(\.description).joined(separator: ", "))>"
        case .variant(let cases):
            "variant { \(cases.map { item in item.type.map { "\(item.label)(\($0))" } ?? item.label }.joined(separator: ", ")) }"
        case .enum(let labels): "enum { \(labels.joined(separator: ", ")) }"
        case .option(let payload): "option<\(payload)>"
        case .result(let ok, let error): "result<\(ok?.description ?? "_"), \(error?.description ?? "_")>"
        case .flags(let labels): "flags { \(labels.joined(separator: ", ")) }"
        case .own(let resource): "own<\(resource)>"
        case .borrow(let resource): "borrow<\(resource)>"
        case .stream(let element): element.map { "stream<\($0)>" } ?? "stream"
        case .future(let element): element.map { "future<\($0)>" } ?? "future"
        case .errorContext: "error-context"
        }
    }
}

extension CanonicalType {
    /// Whether two types have the same structure (labels included) and the same resource
    /// types: what typed calls check Swift types against.
    public func hasSameShape(as other: CanonicalType) -> Bool {
        var bindings = ResourceBindings()
        return matches(other, binding: &bindings)
    }

    /// `hasSameShape`, where the placeholder resource types of typed handles (in `self`) are
    /// bound in `bindings` to the resource types they meet in `other`.
    func matches(_ other: CanonicalType, binding bindings: inout ResourceBindings) -> Bool {
        if self === other { return true }
        func same(_ a: CanonicalType?, _ b: CanonicalType?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case (let a?, let b?): a.matches(b, binding: &bindings)
            default: false
            }
        }
        switch (kind, other.kind) {
        case (.bool, .bool), (.s8, .s8), (.u8, .u8), (.s16, .s16), (.u16, .u16), (.s32, .s32), (.u32, .u32),
             (.s64, .s64), (.u64, .u64), (.f32, .f32), (.f64, .f64), (.char, .char), (.string, .string),
             (.errorContext, .errorContext):
            return true
        case (.list(let a), .list(let b)), (.option(let a), .option(let b)): return a.matches(b, binding: &bindings)
        case (.fixedLengthList(let a, let m), .fixedLengthList(let b, let n)): return m == n && a.matches(b, binding: &bindings)
        case (.record(let a), .record(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.label == $1.label && $0.type.matches($1.type, binding: &bindings) }
        case (.tuple(let a), .tuple(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1, binding: &bindings) }
        case (.variant(let a), .variant(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.label == $1.label && same($0.type, $1.type) }
        case (.enum(let a), .enum(let b)), (.flags(let a), .flags(let b)): return a == b
        case (.result(let okA, let errorA), .result(let okB, let errorB)): return same(okA, okB) && same(errorA, errorB)
        case (.own(let a), .own(let b)), (.borrow(let a), .borrow(let b)): return bindings.match(a, b)
        case (.stream(let a), .stream(let b)), (.future(let a), .future(let b)): return same(a, b)
        default: return false
        }
    }
}
