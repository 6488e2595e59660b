import WasmRuntime

/// Lowering `ComponentValue`s (`lower_flat` and `store` in CanonicalABI.md), driven by the
/// precomputed `CanonicalType`. A value whose shape does not match the type is a host error,
/// reported as a `ComponentTrap` naming both.
extension LiftLowerContext {
    /// Appends the flat core values of `value` to `output`.
    func lowerFlat(_ value: ComponentValue, _ type: CanonicalType, into output: inout [Value]) throws {
        switch (type.kind, value) {
        case (.bool, .bool(let v)): output.append(.i32(v ? 1 : 0))
        case (.s8, .s8(let v)): output.append(.i32(UInt32(bitPattern: Int32(v))))
        case (.u8, .u8(let v)): output.append(.i32(UInt32(v)))
        case (.s16, .s16(let v)): output.append(.i32(UInt32(bitPattern: Int32(v))))
        case (.u16, .u16(let v)): output.append(.i32(UInt32(v)))
        case (.s32, .s32(let v)): output.append(.i32(UInt32(bitPattern: v)))
        case (.u32, .u32(let v)): output.append(.i32(v))
        case (.s64, .s64(let v)): output.append(.i64(UInt64(bitPattern: v)))
        case (.u64, .u64(let v)): output.append(.i64(v))
        case (.f32, .f32(let v)): output.append(.f32(Self.canonicalBits(v)))
        case (.f64, .f64(let v)): output.append(.f64(Self.canonicalBits(v)))
        case (.char, .char(let v)): output.append(.i32(v.value))
        case (.string, .string(let v)):
            let (pointer, units) = try storeString(v)
            output.append(.i32(UInt32(pointer)))
            output.append(.i32(units))
        case (.list(let element), .list(let elements)):
            let pointer = try storeList(elements, element)
            output.append(.i32(UInt32(pointer)))
            output.append(.i32(UInt32(elements.count)))
        case (.fixedLengthList(let element, let count), .list(let elements)):
            guard elements.count == count else { throw mismatch(value, type) }
            for item in elements { try lowerFlat(item, element, into: &output) }
        case (.record(let fields), .record(let values)):
            guard fields.count == values.count else { throw mismatch(value, type) }
            for (field, item) in zip(fields, values) {
                guard field.label == item.name else { throw mismatch(value, type) }
                try lowerFlat(item.value, field.type, into: &output)
            }
        case (.tuple(let types), .tuple(let values)):
            guard types.count == values.count else { throw mismatch(value, type) }
            for (itemType, item) in zip(types, values) { try lowerFlat(item, itemType, into: &output) }
        case (.flags(let labels), .flags(let names)):
            if !labels.isEmpty { output.append(.i32(try packFlags(names, labels, value, type))) }
        case (.own, _), (.borrow, _):
            output.append(.i32(try lowerHandle(value, type)))
        case (.stream, _), (.future, _), (.errorContext, _):
            throw Self.unsupportedValue(type)
        default:
            let (caseIndex, payload) = try matchCase(value, type)
            output.append(.i32(UInt32(caseIndex)))
            let start = output.count
            if let payloadType = type.cases[caseIndex].type, let payload {
                try lowerFlat(payload, payloadType, into: &output)
                // Coerce each payload value to the joined flat type of its position.
                for (offset, have) in payloadType.flat.enumerated() {
                    let want = type.flat[1 + offset]
                    if have != want { output[start + offset] = Self.widen(output[start + offset], to: want) }
                }
            }
            for want in type.flat.dropFirst(1 + output.count - start) { output.append(Self.zero(want)) }
        }
    }

    /// Writes `value` at `pointer`, which is aligned and in bounds for `type`.
    func store(_ value: ComponentValue, _ type: CanonicalType, at pointer: Int) throws {
        switch (type.kind, value) {
        case (.bool, .bool(let v)): try store(UInt8(v ? 1 : 0), at: pointer)
        case (.s8, .s8(let v)): try store(v, at: pointer)
        case (.u8, .u8(let v)): try store(v, at: pointer)
        case (.s16, .s16(let v)): try store(v, at: pointer)
        case (.u16, .u16(let v)): try store(v, at: pointer)
        case (.s32, .s32(let v)): try store(v, at: pointer)
        case (.u32, .u32(let v)): try store(v, at: pointer)
        case (.s64, .s64(let v)): try store(v, at: pointer)
        case (.u64, .u64(let v)): try store(v, at: pointer)
        case (.f32, .f32(let v)): try store(Self.canonicalBits(v), at: pointer)
        case (.f64, .f64(let v)): try store(Self.canonicalBits(v), at: pointer)
        case (.char, .char(let v)): try store(v.value, at: pointer)
        case (.string, .string(let v)):
            let (address, units) = try storeString(v)
            try store(UInt32(address), at: pointer)
            try store(units, at: pointer + 4)
        case (.list(let element), .list(let elements)):
            let address = try storeList(elements, element)
            try store(UInt32(address), at: pointer)
            try store(UInt32(elements.count), at: pointer + 4)
        case (.fixedLengthList(let element, let count), .list(let elements)):
            guard elements.count == count else { throw mismatch(value, type) }
            for (index, item) in elements.enumerated() { try store(item, element, at: pointer + index * element.size) }
        case (.record(let fields), .record(let values)):
            guard fields.count == values.count else { throw mismatch(value, type) }
            for (index, (field, item)) in zip(fields, values).enumerated() {
                guard field.label == item.name else { throw mismatch(value, type) }
                try store(item.value, field.type, at: pointer + type.fieldOffsets[index])
            }
        case (.tuple(let types), .tuple(let values)):
            guard types.count == values.count else { throw mismatch(value, type) }
            for (index, (itemType, item)) in zip(types, values).enumerated() {
                try store(item, itemType, at: pointer + type.fieldOffsets[index])
            }
        case (.flags(let labels), .flags(let names)):
            let bits = try packFlags(names, labels, value, type)
            switch type.size {
            case 0: break
            case 1: try store(UInt8(truncatingIfNeeded: bits), at: pointer)
            case 2: try store(UInt16(truncatingIfNeeded: bits), at: pointer)
            default: try store(bits, at: pointer)
            }
        case (.own, _), (.borrow, _):
            try store(try lowerHandle(value, type), at: pointer)
        case (.stream, _), (.future, _), (.errorContext, _):
            throw Self.unsupportedValue(type)
        default:
            let (caseIndex, payload) = try matchCase(value, type)
            switch type.discriminantSize {
            case 1: try store(UInt8(caseIndex), at: pointer)
            case 2: try store(UInt16(caseIndex), at: pointer)
            default: try store(UInt32(caseIndex), at: pointer)
            }
            if let payloadType = type.cases[caseIndex].type, let payload {
                try store(payload, payloadType, at: pointer + type.payloadOffset)
            }
        }
    }

    /// `store_list_into_range`: allocates the elements' space and stores them; returns the pointer.
    func storeList(_ elements: [ComponentValue], _ element: CanonicalType) throws -> Int {
        let (byteLength, overflow) = elements.count.multipliedReportingOverflow(by: element.size)
        guard !overflow, byteLength <= Self.maximumByteLength else { throw ComponentTrap("list too long to lower") }
        let pointer = try allocate(alignment: element.alignment, size: byteLength)
        for (index, item) in elements.enumerated() { try store(item, element, at: pointer + index * element.size) }
        return pointer
    }

    // MARK: Pieces

    /// The case index and payload of a variant-like value, checked against the type's cases.
    private func matchCase(_ value: ComponentValue, _ type: CanonicalType) throws(ComponentTrap) -> (Int, ComponentValue?) {
        let label: String
        let payload: ComponentValue?
        switch (type.kind, value) {
        case (.variant, .variant(let name, let v)): (label, payload) = (name, v)
        case (.enum, .enum(let name)): (label, payload) = (name, nil)
        case (.option, .option(let v)): (label, payload) = (v == nil ? "none" : "some", v)
        case (.result, .result(.ok(let v))): (label, payload) = ("ok", v)
        case (.result, .result(.error(let v))): (label, payload) = ("error", v)
        default: throw mismatch(value, type)
        }
        guard let index = type.cases.firstIndex(where: { $0.label == label }),
              (type.cases[index].type == nil) == (payload == nil) else { throw mismatch(value, type) }
        return (index, payload)
    }

    private func packFlags(_ names: [String], _ labels: [String], _ value: ComponentValue,
                           _ type: CanonicalType) throws(ComponentTrap) -> UInt32 {
        var bits: UInt32 = 0
        for name in names {
            guard let index = labels.firstIndex(of: name), index < 32 else { throw mismatch(value, type) }
            bits |= 1 << UInt32(index)
        }
        return bits
    }

    private func lowerHandle(_ value: ComponentValue, _ type: CanonicalType) throws(ComponentTrap) -> UInt32 {
        guard case .resource(let handle) = value else { throw mismatch(value, type) }
        switch type.kind {
        case .own(let resource):
            guard handle.resourceType == resource.id, handle.ownership == .own else { throw mismatch(value, type) }
            return try lowerOwn(try representation(of: handle, .own, resource), resource)
        case .borrow(let resource):
            guard handle.resourceType == resource.id else { throw mismatch(value, type) }
            return try lowerBorrow(try representation(of: handle, .borrow, resource), resource)
        default:
            throw mismatch(value, type)
        }
    }

    /// The trap for values of the async ABI, which the runtime does not implement.
    static func unsupportedValue(_ type: CanonicalType) -> ComponentTrap {
        ComponentTrap("\(type) values are not supported (the async ABI is not implemented)")
    }

    func mismatch(_ value: ComponentValue, _ type: CanonicalType) -> ComponentTrap {
        ComponentTrap("value \(value) does not have type \(type)")
    }

    /// Float bits with NaN canonicalized (the deterministic profile of `maybe_scramble_nan`).
    public static func canonicalBits(_ value: Float) -> UInt32 { value.isNaN ? 0x7fc0_0000 : value.bitPattern }
    /// Double bits with NaN canonicalized.
    public static func canonicalBits(_ value: Double) -> UInt64 { value.isNaN ? 0x7ff8_0000_0000_0000 : value.bitPattern }

    /// Reinterprets or extends a flat value to a wider joined flat type (`lower_flat_variant`).
    static func widen(_ value: Value, to want: FlatType) -> Value {
        switch (value, want) {
        case (.f32(let bits), .i32): .i32(bits)
        case (.i32(let bits), .i64), (.f32(let bits), .i64): .i64(UInt64(bits))
        case (.f64(let bits), .i64): .i64(bits)
        default: value
        }
    }

    /// The zero of a flat type.
    static func zero(_ type: FlatType) -> Value {
        switch type {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        }
    }
}
