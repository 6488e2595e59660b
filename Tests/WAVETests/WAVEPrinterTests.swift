import ComponentModel
import Testing
import WAVE

@Suite("Writing WAVE values")
struct WAVEPrinterTests {
    private func text(_ value: ComponentValue) -> String { WAVEPrinter.string(value) }

    @Test func writesIntegersAndBools() {
        #expect(text(.s32(-7)) == "-7")
        #expect(text(.u64(.max)) == "18446744073709551615")
        #expect(text(.s64(.min)) == "-9223372036854775808")
        #expect(text(.s8(-128)) == "-128")
        #expect(text(.u16(65535)) == "65535")
        #expect(text(.bool(true)) == "true")
    }

    @Test(arguments: [
        (Float(1), "1"), (-0.0, "-0"), (0.1, "0.1"), (1e-7, "0.0000001"), (-3.1415, "-3.1415"),
        (Float.greatestFiniteMagnitude, "340282350000000000000000000000000000000"),
        (Float.leastNonzeroMagnitude, "0.000000000000000000000000000000000000000000001"),
        (Float.nan, "nan"), (Float.infinity, "inf"), (-Float.infinity, "-inf"), (100000, "100000"),
        (Float(bitPattern: 0x7FA0_0001), "nan"), (Float(bitPattern: 0xFFC0_0000), "nan"),
    ])
    func writesFloat32(value: Float, text expected: String) {
        #expect(text(.f32(value)) == expected)
    }

    @Test func writesFloat64() {
        #expect(text(.f64(1e21)) == "1000000000000000000000")
        #expect(text(.f64(123.456)) == "123.456")
        #expect(text(.f64(5e-324)) == "0." + String(repeating: "0", count: 323) + "5")
    }

    @Test func escapesCharsAndStrings() {
        #expect(text(.char("x")) == "'x'")
        #expect(text(.char("'")) == #"'\''"#)
        #expect(text(.char("\"")) == #"'\"'"#)
        #expect(text(.char("\u{0}")) == #"'\u{0}'"#)
        #expect(text(.char("\u{1F600}")) == "'\u{1F600}'")
        #expect(text(.string("a\tb\nc\rd\\e\"f'g")) == #""a\tb\nc\rd\\e\"f\'g""#)
        #expect(text(.string("bell\u{7}del\u{7F}zwj\u{200D}nbsp\u{A0}ls\u{2028}")) == #""bell\u{7}del\u{7f}zwj\u{200d}nbsp\u{a0}ls\u{2028}""#)
        #expect(text(.string("e\u{301} 中文 👋🏽")) == "\"e\\u{301} 中文 👋🏽\"")
        #expect(text(.string("")) == #""""#)
    }

    @Test func writesCompoundValues() {
        #expect(text(.list([.u8(1), .u8(2)])) == "[1, 2]")
        #expect(text(.list([])) == "[]")
        #expect(text(.tuple([.s32(1), .f64(2.5), .string("a")])) == #"(1, 2.5, "a")"#)
        #expect(text(.record([.init(name: "x", value: .s32(1)), .init(name: "y", value: .s32(2))])) == "{x: 1, y: 2}")
        #expect(text(.variant(caseName: "circle", payload: .f64(1.5))) == "circle(1.5)")
        #expect(text(.variant(caseName: "empty", payload: nil)) == "empty")
        #expect(text(.enum("red")) == "red")
        #expect(text(.option(.option(nil))) == "some(none)")
        #expect(text(.option(.result(.ok(.list([.u8(1)]))))) == "some(ok([1]))")
        #expect(text(.result(.ok(nil))) == "ok")
        #expect(text(.result(.error(.string("oops")))) == #"err("oops")"#)
        #expect(text(.result(.error(nil))) == "err")
        #expect(text(.flags(["read", "write"])) == "{read, write}")
        #expect(text(.flags([])) == "{}")
        #expect(text(.resource(ResourceHandle(ownership: .own, resourceType: 2, index: 5))) == "<own resource 2, handle 5>")
    }

    @Test func escapesKeywordCases() {
        for keyword in ["true", "false", "some", "none", "ok", "err", "inf", "nan"] {
            #expect(text(.enum(keyword)) == "%" + keyword)
            #expect(text(.variant(caseName: keyword, payload: .u8(1))) == "%\(keyword)(1)")
        }
        #expect(text(.record([.init(name: "ok", value: .bool(true))])) == "{ok: true}")
    }

    @Test func omitsNoneFields() {
        let value = ComponentValue.record([
            .init(name: "must-have", value: .u8(123)), .init(name: "optional", value: .option(nil)),
            .init(name: "present", value: .option(.u8(1))),
        ])
        #expect(text(value) == "{must-have: 123, present: some(1)}")
        #expect(text(.record([.init(name: "optional", value: .option(nil))])) == "{:}")
        #expect(ComponentValue.option(.bool(false)).waveDescription == "some(false)")
    }
}
