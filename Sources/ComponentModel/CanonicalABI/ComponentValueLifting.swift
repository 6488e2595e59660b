import WasmRuntime

/// Reads flat core values in order (`CoreValueIter`).
public struct FlatValueReader {
    private let values: [Value]
    private var position: Int

    init(_ values: [Value], from position: Int = 0) {
        self.values = values
        self.position = position
    }

    /// The next value; a missing value is a mismatch of types reported as a trap.
    public mutating func next() throws(ComponentTrap) -> Value {
        guard position < values.count else { throw ComponentTrap("too few core values for the component type") }
        defer { position += 1 }
        return values[position]
    }

    /// The next value as 32 bits (an i32, or the bits of an f32).
    public mutating func nextI32() throws(ComponentTrap) -> UInt32 {
        switch try next() {
        case .i32(let v), .f32(let v): return v
        case .i64(let v), .f64(let v): return UInt32(truncatingIfNeeded: v)
        default: throw ComponentTrap("reference where a number was expected")
        }
    }

    /// The next value as 64 bits (an i64, or the bits of an f64).
    public mutating func nextI64() throws(ComponentTrap) -> UInt64 {
        switch try next() {
        case .i32(let v), .f32(let v): return UInt64(v)
        case .i64(let v), .f64(let v): return v
        default: throw ComponentTrap("reference where a number was expected")
        }
    }
}

/// Lifting `ComponentValue`s (`lift_flat` and `load` in CanonicalABI.md), driven by the
/// precomputed `CanonicalType`, with every trap the specification requires.
extension LiftLowerContext {
    /// Lifts a value of `type` from the flat values `reader` yields.
    func liftFlat(_ type: CanonicalType, from reader: inout FlatValueReader) throws -> ComponentValue {
        switch type.kind {
        case .bool: return .bool(try reader.nextI32() != 0)
        case .s8: return .s8(Int8(truncatingIfNeeded: try reader.nextI32()))
        case .u8: return .u8(UInt8(truncatingIfNeeded: try reader.nextI32()))
        case .s16: return .s16(Int16(truncatingIfNeeded: try reader.nextI32()))
        case .u16: return .u16(UInt16(truncatingIfNeeded: try reader.nextI32()))
        case .s32: return .s32(Int32(bitPattern: try reader.nextI32()))
        case .u32: return .u32(try reader.nextI32())
        case .s64: return .s64(Int64(bitPattern: try reader.nextI64()))
        case .u64: return .u64(try reader.nextI64())
        case .f32: return .f32(Self.canonicalFloat(try reader.nextI32()))
        case .f64: return .f64(Self.canonicalDouble(try reader.nextI64()))
        case .char: return .char(try Self.char(try reader.nextI32()))
        case .string:
            let pointer = try reader.nextI32()
            let units = try reader.nextI32()
            return .string(try loadString(at: Int(pointer), taggedCodeUnits: units))
        case .list(let element):
            let pointer = try reader.nextI32()
            let count = try reader.nextI32()
            return .list(try loadList(at: Int(pointer), count: Int(count), element))
        case .fixedLengthList(let element, let count):
            var elements: [ComponentValue] = []
            elements.reserveCapacity(count)
            for _ in 0 ..< count { elements.append(try liftFlat(element, from: &reader)) }
            return .list(elements)
        case .record(let fields):
            var values: [ComponentRecordField] = []
            values.reserveCapacity(fields.count)
            for field in fields { values.append(ComponentRecordField(name: field.label, value: try liftFlat(field.type, from: &reader))) }
            return .record(values)
        case .tuple(let types):
            var values: [ComponentValue] = []
            values.reserveCapacity(types.count)
            for itemType in types { values.append(try liftFlat(itemType, from: &reader)) }
            return .tuple(values)
        case .flags(let labels):
            return .flags(Self.unpackFlags(labels.isEmpty ? 0 : try reader.nextI32(), labels))
        case .own(let resource):
            return .resource(try handle(to: try liftOwn(try reader.nextI32(), resource), .own, resource))
        case .borrow(let resource):
            return .resource(try handle(to: try liftBorrow(try reader.nextI32(), resource), .borrow, resource))
        case .stream, .future, .errorContext:
            throw Self.unsupportedValue(type)
        case .variant, .enum, .option, .result:
            let caseIndex = Int(try reader.nextI32())
            guard caseIndex < type.cases.count else { throw ComponentTrap("invalid variant discriminant") }
            var payload: ComponentValue?
            var payloadFlat: [Value] = []
            for _ in 1 ..< type.flat.count { payloadFlat.append(try reader.next()) }
            if let payloadType = type.cases[caseIndex].type {
                // Narrow each joined flat value back to the case's own flat type.
                let narrowed = zip(payloadType.flat, payloadFlat).map { Self.narrow($1, to: $0) }
                var payloadReader = FlatValueReader(narrowed)
                payload = try liftFlat(payloadType, from: &payloadReader)
            }
            return Self.variantValue(type, caseIndex, payload)
        }
    }

    /// Loads a value of `type` from `pointer` (aligned and in bounds, checked by the caller's range).
    func load(_ type: CanonicalType, at pointer: Int) throws -> ComponentValue {
        switch type.kind {
        case .bool: return .bool(try load(UInt8.self, at: pointer) != 0)
        case .s8: return .s8(try load(Int8.self, at: pointer))
        case .u8: return .u8(try load(UInt8.self, at: pointer))
        case .s16: return .s16(try load(Int16.self, at: pointer))
        case .u16: return .u16(try load(UInt16.self, at: pointer))
        case .s32: return .s32(try load(Int32.self, at: pointer))
        case .u32: return .u32(try load(UInt32.self, at: pointer))
        case .s64: return .s64(try load(Int64.self, at: pointer))
        case .u64: return .u64(try load(UInt64.self, at: pointer))
        case .f32: return .f32(Self.canonicalFloat(try load(UInt32.self, at: pointer)))
        case .f64: return .f64(Self.canonicalDouble(try load(UInt64.self, at: pointer)))
        case .char: return .char(try Self.char(try load(UInt32.self, at: pointer)))
        case .string:
            let address = try load(UInt32.self, at: pointer)
            let units = try load(UInt32.self, at: pointer + 4)
            return .string(try loadString(at: Int(address), taggedCodeUnits: units))
        case .list(let element):
            let address = try load(UInt32.self, at: pointer)
            let count = try load(UInt32.self, at: pointer + 4)
            return .list(try loadList(at: Int(address), count: Int(count), element))
        case .fixedLengthList(let element, let count):
            var elements: [ComponentValue] = []
            elements.reserveCapacity(count)
            for index in 0 ..< count { elements.append(try load(element, at: pointer + index * element.size)) }
            return .list(elements)
        case .record(let fields):
            var values: [ComponentRecordField] = []
            values.reserveCapacity(fields.count)
            for (index, field) in fields.enumerated() {
                values.append(ComponentRecordField(name: field.label, value: try load(field.type, at: pointer + type.fieldOffsets[index])))
            }
            return .record(values)
        case .tuple(let types):
            var values: [ComponentValue] = []
            values.reserveCapacity(types.count)
            for (index, itemType) in types.enumerated() { values.append(try load(itemType, at: pointer + type.fieldOffsets[index])) }
            return .tuple(values)
        case .flags(let labels):
            let bits: UInt32 = switch type.size {
            case 0: 0
            case 1: UInt32(try load(UInt8.self, at: pointer))
            case 2: UInt32(try load(UInt16.self, at: pointer))
            default: try load(UInt32.self, at: pointer)
            }
            return .flags(Self.unpackFlags(bits, labels))
        case .own(let resource):
            return .resource(try handle(to: try liftOwn(try load(UInt32.self, at: pointer), resource), .own, resource))
        case .borrow(let resource):
            return .resource(try handle(to: try liftBorrow(try load(UInt32.self, at: pointer), resource), .borrow, resource))
        case .stream, .future, .errorContext:
            throw Self.unsupportedValue(type)
        case .variant, .enum, .option, .result:
            let caseIndex: Int = switch type.discriminantSize {
            case 1: Int(try load(UInt8.self, at: pointer))
            case 2: Int(try load(UInt16.self, at: pointer))
            default: Int(try load(UInt32.self, at: pointer))
            }
            guard caseIndex < type.cases.count else { throw ComponentTrap("invalid variant discriminant") }
            let payload = try type.cases[caseIndex].type.map { try load($0, at: pointer + type.payloadOffset) }
            return Self.variantValue(type, caseIndex, payload)
        }
    }

    /// `load_list_from_range`: checks length, alignment and bounds, then loads each element.
    func loadList(at pointer: Int, count: Int, _ element: CanonicalType) throws -> [ComponentValue] {
        let (byteLength, overflow) = count.multipliedReportingOverflow(by: element.size)
        guard !overflow, byteLength <= Self.maximumByteLength else { throw ComponentTrap("list content too long") }
        try checkAlignment(pointer, element.alignment)
        _ = try checkBounds(pointer, byteLength, "list content out-of-bounds")
        var elements: [ComponentValue] = []
        elements.reserveCapacity(count)
        for index in 0 ..< count { elements.append(try load(element, at: pointer + index * element.size)) }
        return elements
    }

    // MARK: Pieces

    static func variantValue(_ type: CanonicalType, _ caseIndex: Int, _ payload: ComponentValue?) -> ComponentValue {
        switch type.kind {
        case .enum(let labels): .enum(labels[caseIndex])
        case .option: .option(caseIndex == 0 ? nil : payload)
        case .result: .result(caseIndex == 0 ? .ok(payload) : .error(payload))
        default: .variant(caseName: type.cases[caseIndex].label, payload: payload)
        }
    }

    static func unpackFlags(_ bits: UInt32, _ labels: [String]) -> [String] {
        labels.enumerated().compactMap { index, label in index < 32 && bits & (1 << UInt32(index)) != 0 ? label : nil }
    }

    /// `convert_i32_to_char`.
    public static func char(_ value: UInt32) throws(ComponentTrap) -> Unicode.Scalar {
        guard let scalar = Unicode.Scalar(value) else { throw ComponentTrap("invalid `char` bit pattern") }
        return scalar
    }

    /// An f32 from its bits, NaN canonicalized (`decode_i32_as_float`).
    public static func canonicalFloat(_ bits: UInt32) -> Float {
        let value = Float(bitPattern: bits)
        return value.isNaN ? Float(bitPattern: 0x7fc0_0000) : value
    }

    /// An f64 from its bits, NaN canonicalized (`decode_i64_as_float`).
    public static func canonicalDouble(_ bits: UInt64) -> Double {
        let value = Double(bitPattern: bits)
        return value.isNaN ? Double(bitPattern: 0x7ff8_0000_0000_0000) : value
    }

    /// Converts a joined flat value back to a case's flat type (`CoerceValueIter`).
    static func narrow(_ value: Value, to want: FlatType) -> Value {
        switch (value, want) {
        case (.i32(let bits), .f32): .f32(bits)
        case (.i64(let bits), .i32): .i32(UInt32(truncatingIfNeeded: bits))
        case (.i64(let bits), .f32): .f32(UInt32(truncatingIfNeeded: bits))
        case (.i64(let bits), .f64): .f64(bits)
        default: value
        }
    }
}
