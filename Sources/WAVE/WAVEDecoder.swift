import ComponentModel

/// Gives parsed WAVE (`WAVENode`) its meaning for a component value type, producing a
/// `ComponentValue`, the way wasm-wave reads typed values:
///
/// - numbers must fit the integer type exactly (no fraction, no exponent) or are rounded to
///   the float type (`nan`, `inf`, `-inf` included);
/// - a label is an enum case or a payload-less variant case, `label(value)` a variant case with
///   a payload; cases spelled like keywords are written with `%` (`%none`);
/// - records take their fields in any order, and fields of `option` type may be left out
///   (`none`); flags are returned in the order of the flags type;
/// - `some(x)`/`none` and `ok`/`ok(x)`/`err`/`err(x)` are options and results; a value of the
///   payload type itself is accepted as `some`/`ok` when that payload is not itself an option
///   or result ("flat" form).
///
/// Errors name what the type expected, what was written and where. Resource handles, streams,
/// futures, maps and error contexts have no WAVE form and are rejected.
public struct WAVEDecoder: Sendable {
    /// The arena the types passed to this decoder refer to.
    public let types: TypeArena

    /// Creates a decoder for types stored in `types`.
    public init(types: TypeArena) {
        self.types = types
    }

    /// The value `node` denotes as a value of `type`.
    public func value(_ node: WAVENode, as type: ResolvedValueType) throws(WAVEError) -> ComponentValue {
        switch type {
        case .primitive(let primitive): return try value(node, as: primitive)
        case .defined:
            return try value(node, as: try defined(type, at: node.range), named: type)
        }
    }

    /// The arguments of `call` converted to the parameter types of `function`, in order.
    /// Parameters of `option` type at the end may be left out; they are `none`. Errors give
    /// their line and column in `call.source`.
    public func arguments(of call: WAVECall, for function: ResolvedFunctionType) throws(WAVEError) -> [ComponentValue] {
        do {
            return try uncheckedArguments(of: call, for: function)
        } catch {
            throw error.located(in: Array(call.source.unicodeScalars))
        }
    }

    private func uncheckedArguments(of call: WAVECall, for function: ResolvedFunctionType) throws(WAVEError) -> [ComponentValue] {
        let parameters = function.parameters
        if call.arguments.count > parameters.count {
            let extra = call.arguments[parameters.count]
            throw WAVEError(
                "too many arguments: '\(call.name)' takes \(parameters.count), got \(call.arguments.count)",
                at: extra.range)
        }
        var values: [ComponentValue] = []
        for (argument, parameter) in zip(call.arguments, parameters) {
            values.append(try value(argument, as: parameter.type))
        }
        for parameter in parameters.dropFirst(call.arguments.count) {
            guard isOption(parameter.type) else {
                let end = call.range.upperBound
                throw WAVEError(
                    "missing argument '\(parameter.label)' of type \(typeName(parameter.type)) for '\(call.name)'",
                    at: max(end - 1, call.range.lowerBound)..<end)
            }
            values.append(.option(nil))
        }
        return values
    }

    // MARK: Types

    private func typeName(_ type: ResolvedValueType?) -> String { WAVETypeName(types: types).name(type) }

    private func defined(_ type: ResolvedValueType, at range: Range<Int>) throws(WAVEError) -> ResolvedDefinedType {
        switch type {
        case .primitive(let primitive): return .primitive(primitive)
        case .defined(let id):
            guard case .defined(let defined) = types[id] else {
                throw WAVEError("type \(id.rawValue) is not a value type", at: range)
            }
            return defined
        }
    }

    private func isOption(_ type: ResolvedValueType) -> Bool {
        if case .defined(let id) = type, case .defined(.option) = types[id] { return true }
        return false
    }

    /// Whether a value of `type` may stand for `some(value)` or `ok(value)`.
    private func isFlattenable(_ type: ResolvedValueType) -> Bool {
        guard case .defined(let id) = type, case .defined(let defined) = types[id] else { return true }
        switch defined {
        case .option, .result: return false
        default: return true
        }
    }

    private func mismatch(_ node: WAVENode, expected: String) -> WAVEError {
        WAVEError("expected \(expected), found \(node.summary)", at: node.range)
    }

    // MARK: Primitives

    private func value(_ node: WAVENode, as primitive: PrimitiveValueType) throws(WAVEError) -> ComponentValue {
        switch primitive {
        case .bool:
            guard case .bool(let value) = node.kind else { throw mismatch(node, expected: "a bool ('true' or 'false')") }
            return .bool(value)
        case .s8: return .s8(try integer(node, as: Int8.self, primitive))
        case .u8: return .u8(try integer(node, as: UInt8.self, primitive))
        case .s16: return .s16(try integer(node, as: Int16.self, primitive))
        case .u16: return .u16(try integer(node, as: UInt16.self, primitive))
        case .s32: return .s32(try integer(node, as: Int32.self, primitive))
        case .u32: return .u32(try integer(node, as: UInt32.self, primitive))
        case .s64: return .s64(try integer(node, as: Int64.self, primitive))
        case .u64: return .u64(try integer(node, as: UInt64.self, primitive))
        case .f32:
            guard case .number(let number) = node.kind else { throw mismatch(node, expected: "a number (f32)") }
            return .f32(number.float32())
        case .f64:
            guard case .number(let number) = node.kind else { throw mismatch(node, expected: "a number (f64)") }
            return .f64(number.float64())
        case .char:
            guard case .char(let scalar) = node.kind else { throw mismatch(node, expected: "a char") }
            return .char(scalar)
        case .string:
            guard case .string(let string) = node.kind else { throw mismatch(node, expected: "a string") }
            return .string(string)
        case .errorContext:
            throw WAVEError("error-context values cannot be written in WAVE", at: node.range)
        }
    }

    private func integer<T: FixedWidthInteger>(_ node: WAVENode, as type: T.Type,
                                               _ primitive: PrimitiveValueType) throws(WAVEError) -> T {
        guard case .number(let number) = node.kind else { throw mismatch(node, expected: "an integer (\(primitive))") }
        guard number.isInteger else {
            throw WAVEError("expected an integer (\(primitive)), found \(number.text)", at: node.range)
        }
        do {
            return try number.integer(as: T.self)
        } catch {
            throw WAVEError("\(number.text) is out of range for \(primitive) (\(T.min)...\(T.max))", at: node.range)
        }
    }

    // MARK: Defined types

    private func value(_ node: WAVENode, as defined: ResolvedDefinedType,
                       named type: ResolvedValueType) throws(WAVEError) -> ComponentValue {
        switch defined {
        case .primitive(let primitive):
            return try value(node, as: primitive)
        case .list(let elementType):
            guard case .list(let elements) = node.kind else { throw mismatch(node, expected: "a list (\(typeName(type)))") }
            return .list(try values(elements, as: elementType))
        case .fixedLengthList(let elementType, let length):
            guard case .list(let elements) = node.kind else { throw mismatch(node, expected: "a list (\(typeName(type)))") }
            guard elements.count == Int(length) else {
                throw WAVEError("expected a list of exactly \(length) elements, found \(elements.count)", at: node.range)
            }
            return .list(try values(elements, as: elementType))
        case .tuple(let elementTypes):
            guard case .tuple(let elements) = node.kind else { throw mismatch(node, expected: "a tuple (\(typeName(type)))") }
            guard elements.count == elementTypes.count else {
                throw WAVEError("expected a tuple of \(elementTypes.count) elements (\(typeName(type))), found \(elements.count)",
                                at: node.range)
            }
            var values: [ComponentValue] = []
            for (element, elementType) in zip(elements, elementTypes) { values.append(try value(element, as: elementType)) }
            return .tuple(values)
        case .record(let fields):
            return try record(node, fields: fields, type: type)
        case .variant(let cases):
            return try variant(node, cases: cases, type: type)
        case .enum(let names):
            guard case .label(let label, let payload) = node.kind else {
                throw mismatch(node, expected: "an enum case (\(typeName(type)))")
            }
            guard names.contains(label.name) else {
                throw WAVEError("unknown case '\(label.name)' (\(typeName(type)))", at: label.range)
            }
            if let payload { throw WAVEError("enum case '\(label.name)' takes no payload", at: payload.range) }
            return .enum(label.name)
        case .flags(let names):
            guard case .flags(let labels) = node.kind else {
                throw mismatch(node, expected: "flags (\(typeName(type)))")
            }
            for label in labels where !names.contains(label.name) {
                throw WAVEError("unknown flag '\(label.name)' (\(typeName(type)))", at: label.range)
            }
            return .flags(names.filter { name in labels.contains { $0.name == name } })
        case .option(let payloadType):
            switch node.kind {
            case .some(let payload): return .option(try value(payload, as: payloadType))
            case .none: return .option(nil)
            default:
                guard isFlattenable(payloadType) else {
                    throw mismatch(node, expected: "'some(…)' or 'none' (\(typeName(type)))")
                }
                return .option(try value(node, as: payloadType))
            }
        case .result(let okType, let errorType):
            switch node.kind {
            case .ok(let payload): return .result(.ok(try self.payload(payload, of: "ok", as: okType, at: node.range)))
            case .err(let payload): return .result(.error(try self.payload(payload, of: "err", as: errorType, at: node.range)))
            default:
                guard let okType, isFlattenable(okType) else {
                    throw mismatch(node, expected: "'ok' or 'err' (\(typeName(type)))")
                }
                return .result(.ok(try value(node, as: okType)))
            }
        case .own, .borrow:
            throw WAVEError("resource handles (\(typeName(type))) cannot be written in WAVE", at: node.range)
        case .stream, .future, .map:
            throw WAVEError("\(typeName(type)) values cannot be written in WAVE", at: node.range)
        }
    }

    private func values(_ nodes: [WAVENode], as type: ResolvedValueType) throws(WAVEError) -> [ComponentValue] {
        var values: [ComponentValue] = []
        values.reserveCapacity(nodes.count)
        for node in nodes { values.append(try value(node, as: type)) }
        return values
    }

    private func record(_ node: WAVENode, fields: [ResolvedField], type: ResolvedValueType) throws(WAVEError) -> ComponentValue {
        guard case .record(let written) = node.kind else {
            let hint = if case .flags(let labels) = node.kind, labels.isEmpty {
                " (a record with every field omitted is written '{:}')"
            } else { "" }
            throw WAVEError("expected a record (\(typeName(type))), found \(node.summary)\(hint)", at: node.range)
        }
        for field in written where !fields.contains(where: { $0.label == field.label.name }) {
            throw WAVEError("unknown field '\(field.label.name)' (\(typeName(type)))", at: field.label.range)
        }
        var values: [ComponentRecordField] = []
        for field in fields {
            if let entry = written.first(where: { $0.label.name == field.label }) {
                values.append(ComponentRecordField(name: field.label, value: try value(entry.value, as: field.type)))
            } else if isOption(field.type) {
                values.append(ComponentRecordField(name: field.label, value: .option(nil)))
            } else {
                throw WAVEError("missing field '\(field.label)' of type \(typeName(field.type))", at: node.range)
            }
        }
        return .record(values)
    }

    private func variant(_ node: WAVENode, cases: [ResolvedCase], type: ResolvedValueType) throws(WAVEError) -> ComponentValue {
        guard case .label(let label, let payload) = node.kind else {
            throw mismatch(node, expected: "a variant case (\(typeName(type)))")
        }
        guard let variantCase = cases.first(where: { $0.label == label.name }) else {
            throw WAVEError("unknown case '\(label.name)' (\(typeName(type)))", at: label.range)
        }
        return .variant(caseName: label.name,
                        payload: try self.payload(payload, of: label.name, as: variantCase.type, at: node.range))
    }

    /// The payload of a case, checked against whether the case has one.
    private func payload(_ node: WAVENode?, of caseName: String, as type: ResolvedValueType?,
                         at range: Range<Int>) throws(WAVEError) -> ComponentValue? {
        switch (node, type) {
        case (nil, nil): return nil
        case (let node?, let type?): return try value(node, as: type)
        case (nil, let type?):
            throw WAVEError("'\(caseName)' needs a payload of type \(typeName(type)): \(caseName)(…)", at: range)
        case (let node?, nil):
            throw WAVEError("'\(caseName)' takes no payload", at: node.range)
        }
    }
}
