import ComponentModel

/// Any JSON value, as component-model scripts nest typed values in arrays and objects.
indirect enum WastJSON: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([WastJSON])
    case object([String: WastJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([WastJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: WastJSON].self))
        }
    }
}

/// A typed component value in a script (`{"type": "u32", "value": "7"}`), converted to a
/// `ComponentValue`. Float values are bit patterns in decimal; NaN patterns (`nan:canonical`,
/// `nan:arithmetic`) become the canonical NaN, which is what lifting produces.
enum ComponentWastValue {
    /// Converts a typed value; throws a `CommandFailure` naming what is not understood.
    static func value(_ json: WastJSON) throws -> ComponentValue {
        guard case .object(let object) = json, case .string(let type)? = object["type"] else {
            throw CommandFailure("a value must be an object with a type")
        }
        let value = object["value"] ?? .null
        func text() throws -> String {
            guard case .string(let text) = value else { throw CommandFailure("\(type) value must be a string") }
            return text
        }
        func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
            guard let number = T(try text()) else { throw CommandFailure("bad \(type) value") }
            return number
        }
        func elements() throws -> [ComponentValue] {
            guard case .array(let items) = value else { throw CommandFailure("\(type) value must be an array") }
            return try items.map(Self.value)
        }
        switch type {
        case "bool":
            guard case .bool(let flag) = value else { throw CommandFailure("bool value must be true or false") }
            return .bool(flag)
        case "s8": return .s8(try integer(Int8.self))
        case "u8": return .u8(try integer(UInt8.self))
        case "s16": return .s16(try integer(Int16.self))
        case "u16": return .u16(try integer(UInt16.self))
        case "s32": return .s32(try integer(Int32.self))
        case "u32": return .u32(try integer(UInt32.self))
        case "s64": return .s64(try integer(Int64.self))
        case "u64": return .u64(try integer(UInt64.self))
        case "f32":
            let bits = try text()
            return .f32(bits.hasPrefix("nan") ? Float(bitPattern: 0x7fc0_0000) : Float(bitPattern: try integer(UInt32.self)))
        case "f64":
            let bits = try text()
            return .f64(bits.hasPrefix("nan") ? Double(bitPattern: 0x7ff8_0000_0000_0000) : Double(bitPattern: try integer(UInt64.self)))
        case "char":
            let scalars = try text().unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else { throw CommandFailure("char value must be one character") }
            return .char(scalar)
        case "string": return .string(try text())
        case "list": return .list(try elements())
        case "tuple": return .tuple(try elements())
        case "record":
            guard case .array(let fields) = value else { throw CommandFailure("record value must be an array") }
            return .record(try fields.map { field in
                guard case .array(let pair) = field, pair.count == 2, case .string(let name) = pair[0] else {
                    throw CommandFailure("record field must be [name, value]")
                }
                return ComponentRecordField(name: name, value: try Self.value(pair[1]))
            })
        case "variant":
            guard case .object(let variant) = value, case .string(let name)? = variant["case"] else {
                throw CommandFailure("variant value must name its case")
            }
            return .variant(caseName: name, payload: try optional(variant["payload"]))
        case "enum": return .enum(try text())
        case "flags":
            guard case .array(let names) = value else { throw CommandFailure("flags value must be an array") }
            return .flags(try names.map { name in
                guard case .string(let text) = name else { throw CommandFailure("flag names must be strings") }
                return text
            })
        case "option": return .option(try optional(value))
        case "result":
            guard case .object(let result) = value, result.count == 1, let (key, payload) = result.first else {
                throw CommandFailure("result value must be {Ok: ...} or {Err: ...}")
            }
            switch key {
            case "Ok": return .result(.ok(try optional(payload)))
            case "Err": return .result(.error(try optional(payload)))
            default: throw CommandFailure("result value must be {Ok: ...} or {Err: ...}")
            }
        default:
            throw CommandFailure("unsupported value type \(type)")
        }
    }

    private static func optional(_ json: WastJSON?) throws -> ComponentValue? {
        switch json {
        case nil, .null?: nil
        case let value?: try Self.value(value)
        }
    }
}
