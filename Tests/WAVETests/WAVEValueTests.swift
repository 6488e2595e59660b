import Testing
import WAVE

@Suite("Writing WAVE values")
struct WAVEValueTests {
    @Test func writesIntegers() {
        #expect(WAVEValue.s32(-7).description == "-7")
        #expect(WAVEValue.u64(.max).description == "18446744073709551615")
    }

    @Test(arguments: [
        (Float(1), "1"), (-0.0, "-0"), (0.1, "0.1"), (1e-7, "0.0000001"), (-3.1415, "-3.1415"),
        (Float.greatestFiniteMagnitude, "340282350000000000000000000000000000000"),
        (Float.leastNonzeroMagnitude, "0.000000000000000000000000000000000000000000001"),
        (Float.nan, "nan"), (Float.infinity, "inf"), (-Float.infinity, "-inf"), (100000, "100000"),
    ])
    func writesFloat32(value: Float, text: String) {
        #expect(WAVEValue.f32(value).description == text)
    }

    @Test func writesFloat64() {
        #expect(WAVEValue.f64(1e21).description == "1000000000000000000000")
        #expect(WAVEValue.f64(123.456).description == "123.456")
        #expect(WAVEValue.f64(5e-324).description == "0." + String(repeating: "0", count: 323) + "5")
    }

    @Test func writtenFloatsReadBack() throws {
        for bits: UInt64 in [0x3FB9_9999_9999_999A, 0x7FEF_FFFF_FFFF_FFFF, 0x0000_0000_0000_0001, 0xC00921FB54442D18] {
            let value = Double(bitPattern: bits)
            let call = try WAVECall(parsing: "f(\(WAVEValue.f64(value)))")
            guard case .number(let number) = call.arguments[0] else { Issue.record("not a number"); return }
            #expect(number.float64().bitPattern == bits)
        }
    }

    @Test func writesTuples() {
        #expect(WAVEValue.tuple([.s32(1), .f64(2.5), .s64(-3)]).description == "(1, 2.5, -3)")
    }
}
