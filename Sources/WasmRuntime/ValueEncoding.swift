internal import CWasmInterpreter
import WasmCore

/// Conversions between `Value` and the 64-bit slots the interpreter computes on.
///
/// Numbers are stored as their bits (32-bit values zero-extended); a `funcref` is the
/// address of its `FunctionRecord`, an `externref` the index of its payload plus one, an
/// `exnref` the index of its exception plus one; 0 is null for all.
extension Store {
    /// The slot bits of `value`; objects of another store are rejected.
    func encode(_ value: Value) throws(RuntimeError) -> UInt64 {
        switch value {
        case .i32(let bits): return UInt64(bits)
        case .i64(let bits): return bits
        case .f32(let bits): return UInt64(bits)
        case .f64(let bits): return bits
        case .funcRef(nil), .externRef(nil), .exnRef(nil): return 0
        case .exnRef(let exception?):
            guard exception.store === self else { throw RuntimeError("exception belongs to another store") }
            return UInt64(exception.index + 1)
        case .funcRef(let function?):
            guard function.store === self else { throw RuntimeError("function belongs to another store") }
            return encodeFunction(function.index)
        case .externRef(let payload?):
            if let index = externIndices[payload] { return UInt64(index + 1) }
            externPayloads.append(payload)
            externIndices[payload] = externPayloads.count - 1
            return UInt64(externPayloads.count)
        }
    }

    /// The slot bits of a reference to the function at `index` in `functions`.
    func encodeFunction(_ index: Int) -> UInt64 {
        UInt64(UInt(bitPattern: functions[index].record))
    }

    /// The value of type `type` whose slot bits are `bits`.
    func decode(_ bits: UInt64, as type: ValueType) -> Value {
        switch type {
        case .i32: return .i32(UInt32(truncatingIfNeeded: bits))
        case .i64: return .i64(bits)
        case .f32: return .f32(UInt32(truncatingIfNeeded: bits))
        case .f64: return .f64(bits)
        case .funcRef:
            guard let record = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(bits)) else { return .funcRef(nil) }
            return .funcRef(Function(store: self, index: record.pointee.storeIndex))
        case .exnRef:
            return .exnRef(bits == 0 ? nil : Exception(store: self, index: Int(bits - 1)))
        case .externRef, .v128:
            return bits == 0 ? .externRef(nil) : .externRef(externPayloads[Int(bits - 1)])
        }
    }
}
