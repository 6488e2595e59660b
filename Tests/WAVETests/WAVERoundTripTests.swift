import ComponentModel
import Testing
import WAVE

/// Every value printed and read back against its type is the value it was.
@Suite("WAVE round trips")
struct WAVERoundTripTests {
    /// Types and values covering every value type WAVE can write, edge cases included.
    private static func samples() -> (TypeBuilder, [(ResolvedValueType, ComponentValue)]) {
        var b = TypeBuilder()
        var samples: [(ResolvedValueType, ComponentValue)] = [
            (TypeBuilder.bool, .bool(true)), (TypeBuilder.bool, .bool(false)),
            (TypeBuilder.s8, .s8(.min)), (TypeBuilder.s8, .s8(.max)), (TypeBuilder.u8, .u8(.max)), (TypeBuilder.u8, .u8(0)),
            (TypeBuilder.s16, .s16(.min)), (TypeBuilder.u16, .u16(.max)),
            (TypeBuilder.s32, .s32(.min)), (TypeBuilder.s32, .s32(-1)), (TypeBuilder.u32, .u32(.max)),
            (TypeBuilder.s64, .s64(.min)), (TypeBuilder.s64, .s64(.max)), (TypeBuilder.u64, .u64(.max)),
            (TypeBuilder.char, .char("\u{0}")), (TypeBuilder.char, .char("'")), (TypeBuilder.char, .char("\u{10FFFF}")),
            (TypeBuilder.char, .char("\u{301}")), (TypeBuilder.char, .char("\\")),
            (TypeBuilder.string, .string("")), (TypeBuilder.string, .string("héllo, 世界 👋🏽\n\t\"quoted\" 'single' \\ \u{7F}\u{FEFF}")),
            (TypeBuilder.string, .string("// not a comment")),
        ]
        for bits: UInt32 in [0, 0x8000_0000, 0x3F80_0000, 0x0000_0001, 0x7F7F_FFFF, 0x7F80_0000, 0xFF80_0000, 0x3DCC_CCCD, 0x7FC0_0000] {
            samples.append((TypeBuilder.f32, .f32(Float(bitPattern: bits))))
        }
        for bits: UInt64 in [0x3FB9_9999_9999_999A, 0x7FEF_FFFF_FFFF_FFFF, 1, 0xC009_21FB_5444_2D18, 0x8000_0000_0000_0000,
                             0x7FF0_0000_0000_0000, 0x7FF8_0000_0000_0000, 0x4415_AF1D_78B5_8C40] {
            samples.append((TypeBuilder.f64, .f64(Double(bitPattern: bits))))
        }
        let bytes = b.list(TypeBuilder.u8)
        let maybe = b.option(TypeBuilder.u8)
        let maybeMaybe = b.option(maybe)
        let point = b.record(["x": TypeBuilder.s32, "y": TypeBuilder.s32, "label": b.option(TypeBuilder.string)])
        let shape = b.variant(["circle": TypeBuilder.f64, "none": nil, "ok": point, "empty": nil])
        let color = b.enumeration("red", "green", "err", "light-BLUE")
        let perms = b.flags("read", "write", "exec")
        let outcome = b.result(ok: b.list(point), error: shape)
        let bare = b.result()
        let triple = b.tuple(color, perms, maybeMaybe)
        let fixed = b.list(TypeBuilder.char, length: 2)
        samples += [
            (bytes, .list([])), (bytes, .list([.u8(0), .u8(255)])),
            (maybe, .option(nil)), (maybe, .option(.u8(7))),
            (maybeMaybe, .option(nil)), (maybeMaybe, .option(.option(nil))), (maybeMaybe, .option(.option(.u8(3)))),
            (point, .record([.init(name: "x", value: .s32(1)), .init(name: "y", value: .s32(-2)), .init(name: "label", value: .option(nil))])),
            (point, .record([.init(name: "x", value: .s32(0)), .init(name: "y", value: .s32(0)), .init(name: "label", value: .option(.string("o")))])),
            (shape, .variant(caseName: "circle", payload: .f64(1.5))), (shape, .variant(caseName: "none", payload: nil)),
            (shape, .variant(caseName: "empty", payload: nil)),
            (shape, .variant(caseName: "ok", payload: .record([.init(name: "x", value: .s32(1)), .init(name: "y", value: .s32(2)),
                                                               .init(name: "label", value: .option(nil))]))),
            (color, .enum("red")), (color, .enum("err")), (color, .enum("light-BLUE")),
            (perms, .flags([])), (perms, .flags(["read", "exec"])), (perms, .flags(["read", "write", "exec"])),
            (outcome, .result(.ok(.list([])))), (outcome, .result(.error(.variant(caseName: "none", payload: nil)))),
            (bare, .result(.ok(nil))), (bare, .result(.error(nil))),
            (triple, .tuple([.enum("green"), .flags(["write"]), .option(.option(nil))])),
            (fixed, .list([.char("a"), .char("\n")])),
        ]
        return (b, samples)
    }

    @Test func printedValuesReadBack() throws {
        let (types, samples) = Self.samples()
        for (type, value) in samples {
            let text = WAVEPrinter.string(value)
            let parsed = try ComponentValue(parsingWAVE: text, as: type, types: types.arena)
            #expect(parsed == value, "\(text)")
            #expect(WAVEPrinter.string(parsed) == text)
        }
    }
}
