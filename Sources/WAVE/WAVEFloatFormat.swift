/// Writes floats the way WAVE does: the shortest digits that read back to the same value,
/// in plain positional notation without an exponent (`0.0000001`, `340282350000000000000000000000000000000`),
/// with no trailing `.0` (`1`, `-0`), and `nan`, `inf`, `-inf` for the special values.
enum WAVEFloatFormat {
    static func string<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        // Swift's description already has the shortest round-tripping digits; it may use an
        // exponent ("1e-07", "3.4028235e+38"), which is re-expressed positionally here.
        return positional(value.description)
    }

    /// Converts `[-]digits[.digits][e[+-]digits]` to positional notation.
    static func positional(_ text: String) -> String {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(body[body.index(after: e)...]) ?? 0
            body = body[..<e]
        }
        let point = body.firstIndex(of: ".")
        let integerPart = point.map { body[..<$0] } ?? body
        let fractionPart = point.map { body[body.index(after: $0)...] } ?? ""
        let digits = Array(integerPart + fractionPart)
        // The decimal point sits after this many digits of `digits`.
        let pointPosition = integerPart.count + exponent

        var whole: String
        var fraction: String
        if pointPosition <= 0 {
            whole = "0"
            fraction = String(repeating: "0", count: -pointPosition) + String(digits)
        } else if pointPosition >= digits.count {
            whole = String(digits) + String(repeating: "0", count: pointPosition - digits.count)
            fraction = ""
        } else {
            whole = String(digits[..<pointPosition])
            fraction = String(digits[pointPosition...])
        }
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}
