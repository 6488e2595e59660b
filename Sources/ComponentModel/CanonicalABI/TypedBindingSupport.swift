import WasmRuntime

// Building blocks for generated bindings (SwiftBindgen): the public layout facts and the
// variant steps that records, variants, enums, flags and results need to lower and lift
// themselves through `ComponentLowerable` / `ComponentLiftable` without `ComponentValue`.

extension CanonicalField {
    /// A field or parameter named `label` of type `type`.
    public init(_ label: String, _ type: CanonicalType) {
        self.init(label: label, type: type)
    }
}

extension CanonicalCase {
    /// A case named `label` with an optional payload type.
    public init(_ label: String, _ type: CanonicalType?) {
        self.init(label: label, type: type)
    }
}

extension CanonicalType {
    /// Record, tuple and fixed-length-list member offsets from the start of the value.
    public var memberOffsets: [Int] { fieldOffsets }
    /// Variant-like types: the byte size of the discriminant (1, 2 or 4).
    public var caseDiscriminantSize: Int { discriminantSize }
    /// Variant-like types: the offset of the payload from the start of the value.
    public var casePayloadOffset: Int { payloadOffset }
}

extension LiftLowerContext {
    /// `lower_flat` of a variant case: the discriminant `index`, then the payload that `payload`
    /// appends, each of its values widened to the variant's joined flat type `joined[i]`, then
    /// zeros up to the joined length.
    public func lowerCase(_ index: Int, joined: [FlatType], into output: inout [Value],
                          payload: (inout [Value]) throws -> Void) rethrows {
        output.append(.i32(UInt32(index)))
        let start = output.count
        try payload(&output)
        for offset in 0 ..< output.count - start {
            output[start + offset] = Self.widen(output[start + offset], to: joined[offset])
        }
        for want in joined.dropFirst(output.count - start) { output.append(Self.zero(want)) }
    }

    /// `lift_flat` of a variant: reads the discriminant (trapping unless it is below
    /// `caseFlat.count`) and the joined payload values, narrows them to the case's own flat
    /// types `caseFlat[index]` and passes the case index and a reader over them to `payload`.
    public func liftCase<Lifted>(caseFlat: [[FlatType]], joinedCount: Int, from reader: inout FlatValueReader,
                                 payload: (Int, inout FlatValueReader) throws -> Lifted) throws -> Lifted {
        let index = Int(try reader.nextI32())
        guard index < caseFlat.count else { throw ComponentTrap("invalid variant discriminant") }
        var values: [Value] = []
        values.reserveCapacity(joinedCount)
        for _ in 0 ..< joinedCount { values.append(try reader.next()) }
        var payloadReader = FlatValueReader(zip(caseFlat[index], values).map { Self.narrow($1, to: $0) })
        return try payload(index, &payloadReader)
    }

    /// `store` of a discriminant of `size` bytes (1, 2 or 4).
    public func storeDiscriminant(_ index: Int, size: Int, at pointer: Int) throws(ComponentTrap) {
        switch size {
        case 1: try store(UInt8(truncatingIfNeeded: index), at: pointer)
        case 2: try store(UInt16(truncatingIfNeeded: index), at: pointer)
        default: try store(UInt32(truncatingIfNeeded: index), at: pointer)
        }
    }

    /// `load` of a discriminant of `size` bytes, trapping unless it is below `caseCount`.
    public func loadDiscriminant(size: Int, caseCount: Int, at pointer: Int) throws(ComponentTrap) -> Int {
        let index = switch size {
        case 1: Int(try load(UInt8.self, at: pointer))
        case 2: Int(try load(UInt16.self, at: pointer))
        default: Int(try load(UInt32.self, at: pointer))
        }
        guard index < caseCount else { throw ComponentTrap("invalid variant discriminant") }
        return index
    }

    /// `store` of flags packed in `bits`, in the 1, 2 or 4 bytes their count needs.
    public func storeFlags(_ bits: UInt32, count: Int, at pointer: Int) throws(ComponentTrap) {
        try storeDiscriminant(Int(bits), size: count <= 8 ? 1 : count <= 16 ? 2 : 4, at: pointer)
    }

    /// `load` of `count` flags, bits beyond the count ignored.
    public func loadFlags(count: Int, at pointer: Int) throws(ComponentTrap) -> UInt32 {
        let bits: UInt32 = switch count {
        case 0: 0
        case 1 ... 8: UInt32(try load(UInt8.self, at: pointer))
        case 9 ... 16: UInt32(try load(UInt16.self, at: pointer))
        default: try load(UInt32.self, at: pointer)
        }
        return count >= 32 ? bits : bits & ((1 << UInt32(count)) - 1)
    }
}
