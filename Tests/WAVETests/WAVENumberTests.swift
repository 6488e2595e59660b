import Testing
import WAVE

@Suite("WAVE numbers")
struct WAVENumberTests {
    private func number(_ text: String) throws -> WAVENumber {
        let node = try WAVEParser.parseValue(text)
        guard case .number(let number) = node.kind else { throw WAVEError("not a number", at: node.range) }
        return number
    }

    @Test func convertsIntegersWithRangeChecks() throws {
        #expect(try number("-2147483648").integer(as: Int32.self) == Int32.min)
        #expect(try number("4294967295").integer(as: UInt32.self) == UInt32.max)
        #expect(try number("18446744073709551615").integer(as: UInt64.self) == UInt64.max)
        #expect(throws: WAVEError("2147483648 is out of range (-2147483648...2147483647)", at: 0..<10)) {
            try number("2147483648").integer(as: Int32.self)
        }
        #expect(throws: WAVEError("-0 is out of range (0...255)", at: 0..<2)) {
            try number("-0").integer(as: UInt8.self)
        }
        #expect(throws: WAVEError("expected an integer, got 1.5", at: 0..<3)) {
            try number("1.5").integer(as: Int64.self)
        }
        #expect(throws: WAVEError("expected an integer, got nan", at: 0..<3)) {
            try number("nan").integer(as: Int64.self)
        }
    }

    @Test func convertsFloats() throws {
        #expect(try number("1.5").float32() == 1.5)
        #expect(try number("-inf").float64() == -.infinity)
        #expect(try number("inf").float64() == .infinity)
        #expect(try number("nan").float32().isNaN)
        #expect(try number("1e39").float32() == .infinity)
        #expect(try number("7").float64() == 7)
        #expect(try number("0.1").float64() == 0.1)
        #expect(try number("-2.5E-3").float64() == -0.0025)
        #expect(try number("-0").float64().sign == .minus)
    }
}
