import WasmRuntime

/// Parameters and results as a whole (`lift_flat_values`, `lower_flat_values` in
/// CanonicalABI.md): flat when they fit the limits, else spilled to linear memory as a tuple.
extension LiftLowerContext {
    /// Lowers `values` of `types` (whose tuple is `tuple`) to at most `spills ? 1 : flat count`
    /// core values, allocating the spill area with `realloc` when they do not fit.
    func lowerFlatValues(_ values: [ComponentValue], _ types: [CanonicalType], tuple: CanonicalType,
                         spills: Bool) throws -> [Value] {
        guard values.count == types.count else {
            throw ComponentTrap("expected \(types.count) values, got \(values.count)")
        }
        if spills {
            let pointer = try allocate(alignment: tuple.alignment, size: tuple.size)
            try storeTuple(values, types, tuple: tuple, at: pointer)
            return [.i32(UInt32(pointer))]
        }
        var flat: [Value] = []
        flat.reserveCapacity(tuple.flat.count)
        for (value, type) in zip(values, types) { try lowerFlat(value, type, into: &flat) }
        return flat
    }

    /// Stores `values` as a tuple at a pointer supplied by the core code (the result out-parameter).
    func storeValues(_ values: [ComponentValue], _ types: [CanonicalType], tuple: CanonicalType,
                     at pointer: Int) throws {
        guard values.count == types.count else {
            throw ComponentTrap("expected \(types.count) values, got \(values.count)")
        }
        try checkAlignment(pointer, tuple.alignment)
        _ = try checkBounds(pointer, tuple.size, "out of bounds memory access")
        try storeTuple(values, types, tuple: tuple, at: pointer)
    }

    private func storeTuple(_ values: [ComponentValue], _ types: [CanonicalType], tuple: CanonicalType,
                            at pointer: Int) throws {
        for (index, (value, type)) in zip(values, types).enumerated() {
            try store(value, type, at: pointer + tuple.fieldOffsets[index])
        }
    }

    /// Lifts values of `types` from `reader`: flat, or through the pointer it yields when spilled.
    func liftFlatValues(_ types: [CanonicalType], tuple: CanonicalType, spills: Bool,
                        from reader: inout FlatValueReader) throws -> [ComponentValue] {
        if spills {
            let pointer = Int(try reader.nextI32())
            try checkAlignment(pointer, tuple.alignment)
            _ = try checkBounds(pointer, tuple.size, "out of bounds memory access")
            return try types.enumerated().map { index, type in try load(type, at: pointer + tuple.fieldOffsets[index]) }
        }
        var values: [ComponentValue] = []
        values.reserveCapacity(types.count)
        for type in types { values.append(try liftFlat(type, from: &reader)) }
        return values
    }
}
