import WasmRuntime

/// Passing scalar values from one instance's flat core values to another's without lifting
/// them into `ComponentValue`s: what lifting then lowering does to a number, `bool` or `char`
/// (truncate or extend small integers, make `bool` 0 or 1, check `char`, canonicalize NaNs),
/// done on the flat values directly. It serves calls between two component instances (a
/// lowered import whose callee is a lifted export) whose parameters and results are all such
/// scalars and fit in registers — the common shape of cross-component calls in a composition.
enum FlatScalarTransfer {
    /// Whether every type is a scalar this transfer handles.
    static func supports(_ types: [CanonicalType]) -> Bool {
        types.allSatisfy { type in
            switch type.kind {
            case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char: true
            default: false
            }
        }
    }

    /// Reads one value of each type from `reader`, as lifting does, and returns the flat values
    /// lowering them gives. `types` must be `supports`ed.
    static func transfer(_ types: [CanonicalType], from reader: inout FlatValueReader) throws(ComponentTrap) -> [Value] {
        var output: [Value] = []
        output.reserveCapacity(types.count)
        for type in types {
            switch type.kind {
            case .bool: output.append(.i32(try reader.nextI32() != 0 ? 1 : 0))
            case .s8: output.append(.i32(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: try reader.nextI32())))))
            case .u8: output.append(.i32(UInt32(UInt8(truncatingIfNeeded: try reader.nextI32()))))
            case .s16: output.append(.i32(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: try reader.nextI32())))))
            case .u16: output.append(.i32(UInt32(UInt16(truncatingIfNeeded: try reader.nextI32()))))
            case .s32, .u32: output.append(.i32(try reader.nextI32()))
            case .s64, .u64: output.append(.i64(try reader.nextI64()))
            case .f32: output.append(.f32(LiftLowerContext.canonicalFloat(try reader.nextI32()).bitPattern))
            case .f64: output.append(.f64(LiftLowerContext.canonicalDouble(try reader.nextI64()).bitPattern))
            case .char: output.append(.i32(try LiftLowerContext.char(try reader.nextI32()).value))
            default: throw ComponentTrap("a \(type) value cannot be passed as a flat scalar")
            }
        }
        return output
    }
}
