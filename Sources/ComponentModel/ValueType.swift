/// A primitive component value type (`primvaltype`), by binary code.
public enum PrimitiveValueType: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case bool = 0x7F
    case s8 = 0x7E
    case u8 = 0x7D
    case s16 = 0x7C
    case u16 = 0x7B
    case s32 = 0x7A
    case u32 = 0x79
    case s64 = 0x78
    case u64 = 0x77
    case f32 = 0x76
    case f64 = 0x75
    case char = 0x74
    case string = 0x73
    case errorContext = 0x64

    /// A readable rendering for messages and debugging.
    public var description: String {
        switch self {
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
        case .errorContext: "error-context"
        }
    }
}

/// A component value type reference (`valtype`): a primitive or an index into the type index space.
public enum ValueType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case index(UInt32)
}

/// A labelled value type: a record field or a function parameter.
public struct LabeledValueType: Hashable, Sendable {
    public var label: String
    public var type: ValueType
    /// Creates a field or parameter `label` of `type`.
    public init(label: String, type: ValueType) {
        self.label = label
        self.type = type
    }
}

/// One case of a variant type.
public struct VariantCase: Hashable, Sendable {
    public var label: String
    public var type: ValueType?
    /// Creates a case `label` carrying an optional payload of `type`.
    public init(label: String, type: ValueType? = nil) {
        self.label = label
        self.type = type
    }
}

/// A defined value type (`defvaltype`).
public enum DefinedValueType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case record([LabeledValueType])
    case variant([VariantCase])
    case list(ValueType)
    /// A fixed-length list (🔧).
    case fixedLengthList(ValueType, length: UInt32)
    case tuple([ValueType])
    case flags([String])
    case `enum`([String])
    case option(ValueType)
    case result(ok: ValueType?, error: ValueType?)
    /// An owned handle to the resource type at this type index.
    case own(UInt32)
    /// A borrowed handle to the resource type at this type index.
    case borrow(UInt32)
    /// A stream of optional element type (🔀).
    case stream(ValueType?)
    /// A future of optional element type (🔀).
    case future(ValueType?)
    /// A map from key to value type (🗺️).
    case map(key: ValueType, value: ValueType)
}
