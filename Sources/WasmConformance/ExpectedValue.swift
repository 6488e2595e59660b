import WasmRuntime

/// What an `assert_return` accepts for one result.
enum ExpectedValue: CustomStringConvertible {
    /// Exactly this value (floats compared bit for bit, references by identity or payload).
    case exact(Value)
    /// Any NaN with the canonical payload (sign ignored).
    case canonicalNaN32, canonicalNaN64
    /// Any NaN with the quiet bit set (sign and other payload bits ignored).
    case arithmeticNaN32, arithmeticNaN64
    /// Any non-null function reference.
    case anyFunctionReference
    /// Any non-null external reference.
    case anyExternalReference

    /// Whether `value` satisfies this expectation.
    func matches(_ value: Value) -> Bool {
        switch (self, value) {
        case (.exact(let expected), _): expected == value
        case (.canonicalNaN32, .f32(let bits)): bits & 0x7FFF_FFFF == 0x7FC0_0000
        case (.arithmeticNaN32, .f32(let bits)): bits & 0x7FC0_0000 == 0x7FC0_0000
        case (.canonicalNaN64, .f64(let bits)): bits & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
        case (.arithmeticNaN64, .f64(let bits)): bits & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        case (.anyFunctionReference, .funcRef(let function)): function != nil
        case (.anyExternalReference, .externRef(let payload)): payload != nil
        default: false
        }
    }

    var description: String {
        switch self {
        case .exact(let value): ValueDescription.of(value)
        case .canonicalNaN32: "f32:nan:canonical"
        case .canonicalNaN64: "f64:nan:canonical"
        case .arithmeticNaN32: "f32:nan:arithmetic"
        case .arithmeticNaN64: "f64:nan:arithmetic"
        case .anyFunctionReference: "ref.func"
        case .anyExternalReference: "ref.extern"
        }
    }
}

/// Why a script value cannot be used by this runner.
enum UnsupportedValue: Error, CustomStringConvertible {
    /// The runtime has no value of this type yet (v128).
    case type(String)
    /// The text does not parse as a value of its type.
    case text(String, type: String)

    var description: String {
        switch self {
        case .type(let type): "\(type) values are not supported"
        case .text(let text, let type): "cannot read '\(text)' as \(type)"
        }
    }
}

extension WastValue {
    /// The runtime value this script argument denotes.
    func argument() throws(UnsupportedValue) -> Value {
        switch try expectation() {
        case .exact(let value): return value
        default: throw .text(scalarText ?? "", type: type)
        }
    }

    /// The expectation this script result denotes.
    func expectation() throws(UnsupportedValue) -> ExpectedValue {
        guard let text = scalarText else {
            switch (type, value) {
            case ("funcref", nil): return .anyFunctionReference
            case ("externref", nil): return .anyExternalReference
            default: throw .type(type)
            }
        }
        switch type {
        case "i32":
            guard let bits = Self.integerBits(text, as: UInt32.self) else { throw .text(text, type: type) }
            return .exact(.i32(bits))
        case "i64":
            guard let bits = Self.integerBits(text, as: UInt64.self) else { throw .text(text, type: type) }
            return .exact(.i64(bits))
        case "f32":
            switch text {
            case "nan:canonical": return .canonicalNaN32
            case "nan:arithmetic": return .arithmeticNaN32
            default:
                guard let bits = UInt32(text) else { throw .text(text, type: type) }
                return .exact(.f32(bits))
            }
        case "f64":
            switch text {
            case "nan:canonical": return .canonicalNaN64
            case "nan:arithmetic": return .arithmeticNaN64
            default:
                guard let bits = UInt64(text) else { throw .text(text, type: type) }
                return .exact(.f64(bits))
            }
        case "externref":
            if text == "null" { return .exact(.externRef(nil)) }
            guard let payload = UInt64(text) else { throw .text(text, type: type) }
            return .exact(.externRef(payload))
        case "funcref":
            guard text == "null" else { throw .text(text, type: type) }
            return .exact(.funcRef(nil))
        case "exnref":
            guard text == "null" else { throw .text(text, type: type) }
            return .exact(.exnRef(nil))
        default:
            throw .type(type)
        }
    }

    private var scalarText: String? {
        if case .scalar(let text) = value { text } else { nil }
    }

    /// Integers are written signed or unsigned; both denote the same bit pattern.
    private static func integerBits<T: FixedWidthInteger & UnsignedInteger>(_ text: String, as type: T.Type) -> T? {
        if let unsigned = T(text) { return unsigned }
        let minimum: Int64 = T.bitWidth >= 64 ? .min : -(Int64(1) << (T.bitWidth - 1))
        guard let signed = Int64(text), signed < 0, signed >= minimum else { return nil }
        return T(truncatingIfNeeded: signed)
    }
}
