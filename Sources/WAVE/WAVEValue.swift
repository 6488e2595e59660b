/// A typed value that can be written as WAVE text (the numeric types and tuples for now;
/// it grows with the component value types).
///
/// `description` is the WAVE encoding: integers in decimal, floats in the shortest decimal
/// form that reads back to the same value (`nan`, `inf`, `-inf` for the special values; NaN
/// payloads are not preserved, as in WAVE), tuples as `(a, b)`.
public enum WAVEValue: Sendable, CustomStringConvertible {
    case s32(Int32)
    case s64(Int64)
    case u32(UInt32)
    case u64(UInt64)
    case f32(Float)
    case f64(Double)
    indirect case tuple([WAVEValue])

    public var description: String {
        switch self {
        case .s32(let value): String(value)
        case .s64(let value): String(value)
        case .u32(let value): String(value)
        case .u64(let value): String(value)
        case .f32(let value): WAVEFloatFormat.string(value)
        case .f64(let value): WAVEFloatFormat.string(value)
        case .tuple(let elements): "(" + elements.map(\.description).joined(separator: ", ") + ")"
        }
    }
}
