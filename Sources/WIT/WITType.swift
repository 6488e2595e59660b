/// A WIT value type: a primitive or a reference to a type definition in the arena.
public enum WITType: Hashable, Sendable {
    case bool, u8, u16, u32, u64, s8, s16, s32, s64, f32, f64, char, string, errorContext
    /// A type defined in `Resolve.types` (named or anonymous).
    case id(TypeID)

    /// The WIT spelling of a primitive, `nil` for `.id`.
    public var primitiveName: String? {
        switch self {
        case .bool: "bool"
        case .u8: "u8"
        case .u16: "u16"
        case .u32: "u32"
        case .u64: "u64"
        case .s8: "s8"
        case .s16: "s16"
        case .s32: "s32"
        case .s64: "s64"
        case .f32: "f32"
        case .f64: "f64"
        case .char: "char"
        case .string: "string"
        case .errorContext: "error-context"
        case .id: nil
        }
    }

    /// The referenced type definition, if any.
    public var typeID: TypeID? {
        if case .id(let id) = self { return id }
        return nil
    }
}
