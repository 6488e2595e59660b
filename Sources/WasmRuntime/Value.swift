import WasmCore

/// A runtime value. Floats are carried as raw IEEE-754 bits so NaN payloads survive.
public enum Value: Hashable, Sendable {
    case i32(UInt32)
    case i64(UInt64)
    /// The raw bits of an `f32`.
    case f32(UInt32)
    /// The raw bits of an `f64`.
    case f64(UInt64)
    /// A function reference; nil is `ref.null func`.
    case funcRef(Function?)
    /// A host-chosen payload; nil is `ref.null extern`.
    case externRef(UInt64?)
    /// An exception reference (exception handling); nil is `ref.null exn`.
    case exnRef(Exception?)

    /// The WebAssembly type of this value.
    public var type: ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .funcRef: .funcRef
        case .externRef: .externRef
        case .exnRef: .exnRef
        }
    }

    /// The default (zero or null) value of `type`.
    public static func defaultValue(of type: ValueType) -> Value {
        switch type {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        case .funcRef: .funcRef(nil)
        case .externRef, .v128: .externRef(nil)
        case .exnRef: .exnRef(nil)
        }
    }
}
