import enum ComponentModel.ComponentValue
import WAVE
import WasmCore
import WasmRuntime

/// Converts between WAVE literals and core WebAssembly values for `wcomp run --invoke`.
///
/// Core integers have no signedness: an `i32` argument may be written from -2147483648 up to
/// 4294967295 (negative numbers are two's complement); results are printed signed, as
/// wasmtime prints them, as the component types s32/s64/f32/f64. Only the numeric types have a
/// WAVE form.
enum CoreValueConversion {
    /// Whether values of `type` can be written and printed in WAVE.
    static func isSupported(_ type: ValueType) -> Bool {
        switch type {
        case .i32, .i64, .f32, .f64: true
        case .v128, .funcRef, .externRef, .exnRef: false
        }
    }

    /// The value of type `type` the argument denotes; fails when it is not a number, out of
    /// range or not a number of that kind (a fraction for an integer type).
    static func value(_ argument: WAVENode, as type: ValueType) throws(WAVEError) -> Value {
        guard case .number(let number) = argument.kind else {
            throw WAVEError("expected a number (\(type)), found \(argument.summary)", at: argument.range)
        }
        let negative = number.text.hasPrefix("-")
        switch type {
        case .i32:
            return .i32(negative ? UInt32(bitPattern: try number.integer(as: Int32.self)) : try number.integer(as: UInt32.self))
        case .i64:
            return .i64(negative ? UInt64(bitPattern: try number.integer(as: Int64.self)) : try number.integer(as: UInt64.self))
        case .f32:
            return .f32(number.float32().bitPattern)
        case .f64:
            return .f64(number.float64().bitPattern)
        case .v128, .funcRef, .externRef, .exnRef:
            throw WAVEError("\(type) values cannot be written in WAVE", at: number.range)
        }
    }

    /// The component value a numeric result is printed as; nil for references.
    static func componentValue(_ value: Value) -> ComponentValue? {
        switch value {
        case .i32(let bits): .s32(Int32(bitPattern: bits))
        case .i64(let bits): .s64(Int64(bitPattern: bits))
        case .f32(let bits): .f32(Float(bitPattern: bits))
        case .f64(let bits): .f64(Double(bitPattern: bits))
        case .funcRef, .externRef, .exnRef: nil
        }
    }
}
