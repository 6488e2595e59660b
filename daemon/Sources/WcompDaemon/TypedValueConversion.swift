import ComponentModel
import WcompDaemonProto

/// Converts between protobuf `Value`s and component values. Protobuf values carry no type,
/// so incoming values are checked and narrowed against the callee's parameter types; the
/// error names the path of the offending value (`arguments[0].x[2]`).
struct TypedValueConversion {
    /// Deepest nesting accepted, so hostile messages cannot exhaust the stack.
    static let maximumDepth = 100

    let types: TypeArena

    /// The component value of `value` read as `type`.
    func componentValue(_ value: Wcomp_Daemon_V1_Value, as type: ResolvedValueType, path: String, depth: Int = 0) throws(DaemonError) -> ComponentValue {
        guard depth < Self.maximumDepth else { throw .invalid("\(path): nested deeper than \(Self.maximumDepth) levels") }
        switch type {
        case .primitive(let primitive):
            return try self.primitive(value, primitive, path: path)
        case .defined(let id):
            guard case .defined(let defined) = types[id] else { throw .invalid("\(path): unsupported parameter type") }
            return try self.defined(value, defined, path: path, depth: depth)
        }
    }

    private func defined(_ value: Wcomp_Daemon_V1_Value, _ type: ResolvedDefinedType, path: String, depth: Int) throws(DaemonError) -> ComponentValue {
        func inner(_ value: Wcomp_Daemon_V1_Value, _ type: ResolvedValueType, _ suffix: String) throws(DaemonError) -> ComponentValue {
            try componentValue(value, as: type, path: path + suffix, depth: depth + 1)
        }
        switch (type, value.kind) {
        case (.primitive(let primitive), _):
            return try self.primitive(value, primitive, path: path)
        case (.list(let element), .list(let list)?):
            var elements: [ComponentValue] = []
            for (index, item) in list.values.enumerated() { elements.append(try inner(item, element, "[\(index)]")) }
            return .list(elements)
        case (.fixedLengthList(let element, let length), .list(let list)?):
            guard list.values.count == length else { throw .invalid("\(path): expected \(length) elements, got \(list.values.count)") }
            var elements: [ComponentValue] = []
            for (index, item) in list.values.enumerated() { elements.append(try inner(item, element, "[\(index)]")) }
            return .list(elements)
        case (.tuple(let elementTypes), .tuple(let tuple)?):
            guard tuple.values.count == elementTypes.count else {
                throw .invalid("\(path): expected a tuple of \(elementTypes.count), got \(tuple.values.count) values")
            }
            var elements: [ComponentValue] = []
            for (index, (item, element)) in zip(tuple.values, elementTypes).enumerated() { elements.append(try inner(item, element, ".\(index)")) }
            return .tuple(elements)
        case (.record(let fieldTypes), .record(let record)?):
            guard record.fields.map(\.name) == fieldTypes.map(\.label) else {
                throw .invalid("\(path): expected the fields \(fieldTypes.map(\.label).joined(separator: ", ")) in that order")
            }
            var fields: [ComponentRecordField] = []
            for (field, fieldType) in zip(record.fields, fieldTypes) {
                fields.append(ComponentRecordField(name: field.name, value: try inner(field.value, fieldType.type, ".\(field.name)")))
            }
            return .record(fields)
        case (.variant(let cases), .variant(let variant)?):
            guard let match = cases.first(where: { $0.label == variant.case }) else {
                throw .invalid("\(path): no case '\(variant.case)' (cases: \(cases.map(\.label).joined(separator: ", ")))")
            }
            switch (match.type, variant.hasPayload) {
            case (nil, false): return .variant(caseName: match.label, payload: nil)
            case (let payloadType?, true): return .variant(caseName: match.label, payload: try inner(variant.payload, payloadType, "(\(match.label))"))
            case (nil, true): throw .invalid("\(path): case '\(match.label)' has no payload")
            case (.some, false): throw .invalid("\(path): case '\(match.label)' needs a payload")
            }
        case (.enum(let cases), .enum(let name)?):
            guard cases.contains(name) else { throw .invalid("\(path): no case '\(name)' (cases: \(cases.joined(separator: ", ")))") }
            return .enum(name)
        case (.option(let payloadType), .option(let option)?):
            return .option(option.hasSome ? try inner(option.some, payloadType, "?") : nil)
        case (.result(let okType, let errorType), .result(let result)?):
            switch result.outcome {
            case .ok(let payload)?:
                return .result(.ok(try self.payload(payload, okType, path: path + ".ok", depth: depth)))
            case .error(let payload)?:
                return .result(.error(try self.payload(payload, errorType, path: path + ".error", depth: depth)))
            case nil:
                throw .invalid("\(path): a result needs ok or error")
            }
        case (.flags(let names), .flags(let flags)?):
            for name in flags.names where !names.contains(name) {
                throw .invalid("\(path): no flag '\(name)' (flags: \(names.joined(separator: ", ")))")
            }
            return .flags(names.filter(flags.names.contains))
        case (.own, _), (.borrow, _), (.stream, _), (.future, _), (.map, _):
            throw .invalid("\(path): resources, streams, futures and maps cannot be passed as typed values")
        default:
            throw .invalid("\(path): expected \(Self.describe(type)), got \(Self.describe(value))")
        }
    }

    private func payload(_ payload: Wcomp_Daemon_V1_ResultPayload, _ type: ResolvedValueType?, path: String, depth: Int) throws(DaemonError) -> ComponentValue? {
        switch (type, payload.hasValue) {
        case (nil, false): return nil
        case (let type?, true): return try componentValue(payload.value, as: type, path: path, depth: depth + 1)
        case (nil, true): throw .invalid("\(path): this side of the result has no payload")
        case (.some, false): throw .invalid("\(path): this side of the result needs a payload")
        }
    }

    private func primitive(_ value: Wcomp_Daemon_V1_Value, _ type: PrimitiveValueType, path: String) throws(DaemonError) -> ComponentValue {
        func signed<T: FixedWidthInteger & SignedInteger>(_: T.Type) throws(DaemonError) -> T {
            guard case .signed(let number)? = value.kind else { throw .invalid("\(path): expected \(type) (signed), got \(Self.describe(value))") }
            guard let narrowed = T(exactly: number) else { throw .invalid("\(path): \(number) does not fit \(type)") }
            return narrowed
        }
        func unsigned<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(DaemonError) -> T {
            guard case .unsigned(let number)? = value.kind else { throw .invalid("\(path): expected \(type) (unsigned), got \(Self.describe(value))") }
            guard let narrowed = T(exactly: number) else { throw .invalid("\(path): \(number) does not fit \(type)") }
            return narrowed
        }
        switch (type, value.kind) {
        case (.bool, .bool(let flag)?): return .bool(flag)
        case (.s8, _): return .s8(try signed(Int8.self))
        case (.s16, _): return .s16(try signed(Int16.self))
        case (.s32, _): return .s32(try signed(Int32.self))
        case (.s64, _): return .s64(try signed(Int64.self))
        case (.u8, _): return .u8(try unsigned(UInt8.self))
        case (.u16, _): return .u16(try unsigned(UInt16.self))
        case (.u32, _): return .u32(try unsigned(UInt32.self))
        case (.u64, _): return .u64(try unsigned(UInt64.self))
        case (.f32, .f32(let number)?): return .f32(number)
        case (.f64, .f64(let number)?): return .f64(number)
        case (.char, .char(let scalar)?):
            guard let character = Unicode.Scalar(scalar) else { throw .invalid("\(path): \(scalar) is not a Unicode scalar value") }
            return .char(character)
        case (.string, .string(let text)?): return .string(text)
        default: throw .invalid("\(path): expected \(type), got \(Self.describe(value))")
        }
    }

    /// The protobuf form of a component value (the inverse of `componentValue`); resource
    /// handles, which mean nothing outside the daemon, are refused.
    static func protoValue(_ value: ComponentValue) throws(DaemonError) -> Wcomp_Daemon_V1_Value {
        var result = Wcomp_Daemon_V1_Value()
        switch value {
        case .bool(let flag): result.bool = flag
        case .s8(let number): result.signed = Int64(number)
        case .s16(let number): result.signed = Int64(number)
        case .s32(let number): result.signed = Int64(number)
        case .s64(let number): result.signed = number
        case .u8(let number): result.unsigned = UInt64(number)
        case .u16(let number): result.unsigned = UInt64(number)
        case .u32(let number): result.unsigned = UInt64(number)
        case .u64(let number): result.unsigned = number
        case .f32(let number): result.f32 = number
        case .f64(let number): result.f64 = number
        case .char(let scalar): result.char = scalar.value
        case .string(let text): result.string = text
        case .list(let elements): result.list = try list(elements)
        case .tuple(let elements): result.tuple = try list(elements)
        case .record(let fields):
            var record = Wcomp_Daemon_V1_RecordValue()
            for field in fields {
                var entry = Wcomp_Daemon_V1_RecordField()
                entry.name = field.name
                entry.value = try protoValue(field.value)
                record.fields.append(entry)
            }
            result.record = record
        case .variant(let name, let payload):
            var variant = Wcomp_Daemon_V1_VariantValue()
            variant.case = name
            if let payload { variant.payload = try protoValue(payload) }
            result.variant = variant
        case .enum(let name): result.enum = name
        case .option(let payload):
            var option = Wcomp_Daemon_V1_OptionValue()
            if let payload { option.some = try protoValue(payload) }
            result.option = option
        case .result(let outcome):
            var resultValue = Wcomp_Daemon_V1_ResultValue()
            switch outcome {
            case .ok(let payload): resultValue.ok = try resultPayload(payload)
            case .error(let payload): resultValue.error = try resultPayload(payload)
            }
            result.result = resultValue
        case .flags(let names):
            var flags = Wcomp_Daemon_V1_FlagsValue()
            flags.names = names
            result.flags = flags
        case .resource:
            throw DaemonError(.unimplemented, "the result holds a resource handle, which has no typed form outside the daemon; read the WAVE result")
        }
        return result
    }

    private static func list(_ elements: [ComponentValue]) throws(DaemonError) -> Wcomp_Daemon_V1_ValueList {
        var list = Wcomp_Daemon_V1_ValueList()
        for element in elements { list.values.append(try protoValue(element)) }
        return list
    }

    private static func resultPayload(_ payload: ComponentValue?) throws(DaemonError) -> Wcomp_Daemon_V1_ResultPayload {
        var result = Wcomp_Daemon_V1_ResultPayload()
        if let payload { result.value = try protoValue(payload) }
        return result
    }

    private static func describe(_ type: ResolvedDefinedType) -> String {
        switch type {
        case .primitive(let primitive): "\(primitive)"
        case .record: "a record"
        case .variant: "a variant"
        case .list, .fixedLengthList: "a list"
        case .tuple: "a tuple"
        case .flags: "flags"
        case .enum: "an enum case"
        case .option: "an option"
        case .result: "a result"
        case .own, .borrow: "a resource handle"
        case .stream: "a stream"
        case .future: "a future"
        case .map: "a map"
        }
    }

    private static func describe(_ value: Wcomp_Daemon_V1_Value) -> String {
        switch value.kind {
        case nil: "no value"
        case .bool: "a bool"
        case .signed: "a signed integer"
        case .unsigned: "an unsigned integer"
        case .f32: "an f32"
        case .f64: "an f64"
        case .char: "a char"
        case .string: "a string"
        case .list: "a list"
        case .record: "a record"
        case .tuple: "a tuple"
        case .variant: "a variant"
        case .enum: "an enum case"
        case .option: "an option"
        case .result: "a result"
        case .flags: "flags"
        }
    }
}
