import ComponentModel

/// Writes component values as WAVE text, the way wasm-wave writes them:
///
/// - integers in decimal; floats in the shortest positional form that reads back to the same
///   value, `nan`, `inf` and `-inf` for the special values (NaN payloads are not kept);
/// - chars and strings quoted, with `\\`, quotes, tab, line feed and carriage return escaped
///   and other control or invisible characters written `\u{…}`;
/// - records in field order, fields whose value is `none` left out (`{:}` when none is
///   left); flags in the order of their type; cases and enum names spelled like keywords
///   escaped with `%`; options and results in their explicit `some(…)`/`ok(…)` form.
///
/// A `ComponentValue` carries its field and case names and its flags in type order, so no type
/// is needed to print it. Resource handles have no WAVE form: they are written
/// `<own resource R, handle H>` (or `borrow`), which reads back as an error.
public enum WAVEPrinter {
    /// The WAVE text of `value`.
    public static func string(_ value: ComponentValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    /// Appends the WAVE text of `value` to `output`.
    public static func write(_ value: ComponentValue, to output: inout String) {
        switch value {
        case .bool(let value): output += value ? "true" : "false"
        case .s8(let value): output += String(value)
        case .u8(let value): output += String(value)
        case .s16(let value): output += String(value)
        case .u16(let value): output += String(value)
        case .s32(let value): output += String(value)
        case .u32(let value): output += String(value)
        case .s64(let value): output += String(value)
        case .u64(let value): output += String(value)
        case .f32(let value): output += WAVEFloatFormat.string(value)
        case .f64(let value): output += WAVEFloatFormat.string(value)
        case .char(let scalar):
            output += "'"
            writeCharacter(scalar, to: &output)
            output += "'"
        case .string(let string):
            output += "\""
            for scalar in string.unicodeScalars { writeCharacter(scalar, to: &output) }
            output += "\""
        case .list(let elements): writeSequence(elements, open: "[", close: "]", to: &output)
        case .tuple(let elements): writeSequence(elements, open: "(", close: ")", to: &output)
        case .record(let fields):
            let present = fields.filter { $0.value != .option(nil) }
            guard !present.isEmpty else { output += "{:}"; return }
            output += "{"
            for (index, field) in present.enumerated() {
                if index > 0 { output += ", " }
                output += field.name + ": "
                write(field.value, to: &output)
            }
            output += "}"
        case .variant(let caseName, let payload):
            writeCase(caseName, payload: payload, to: &output)
        case .enum(let caseName):
            writeCase(caseName, payload: nil, to: &output)
        case .option(let payload):
            if let payload {
                output += "some("
                write(payload, to: &output)
                output += ")"
            } else {
                output += "none"
            }
        case .result(.ok(let payload)):
            writeKeyword("ok", payload: payload, to: &output)
        case .result(.error(let payload)):
            writeKeyword("err", payload: payload, to: &output)
        case .flags(let names):
            output += "{" + names.joined(separator: ", ") + "}"
        case .resource(let handle):
            let ownership = handle.ownership == .own ? "own" : "borrow"
            output += "<\(ownership) resource \(handle.resourceType), handle \(handle.index)>"
        }
    }

    private static func writeSequence(_ elements: [ComponentValue], open: String, close: String,
                                      to output: inout String) {
        output += open
        for (index, element) in elements.enumerated() {
            if index > 0 { output += ", " }
            write(element, to: &output)
        }
        output += close
    }

    /// A variant or enum case: `%` before names that are keywords, then the optional payload.
    private static func writeCase(_ name: String, payload: ComponentValue?, to output: inout String) {
        if WAVELexer.keywords.contains(name) { output += "%" }
        writeKeyword(name, payload: payload, to: &output)
    }

    private static func writeKeyword(_ word: String, payload: ComponentValue?, to output: inout String) {
        output += word
        guard let payload else { return }
        output += "("
        write(payload, to: &output)
        output += ")"
    }

    /// One character of a char or string literal.
    private static func writeCharacter(_ scalar: Unicode.Scalar, to output: inout String) {
        switch scalar {
        case "\\": output += "\\\\"
        case "\"": output += "\\\""
        case "'": output += "\\'"
        case "\t": output += "\\t"
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        default:
            if isInvisible(scalar) {
                output += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }

    /// Control, format, separator (other than space), private-use and unassigned characters and
    /// combining marks that extend the previous character, which are escaped so the text shows
    /// exactly which scalars the value holds.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return false }
        let properties = scalar.properties
        if properties.isGraphemeExtend { return true }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return false
        }
    }
}
