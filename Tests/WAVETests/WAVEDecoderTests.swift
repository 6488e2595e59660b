import ComponentModel
import Testing
import WAVE

@Suite("Reading typed WAVE values")
struct WAVEDecoderTests {
    private func parse(_ text: String, _ type: ResolvedValueType, _ types: TypeBuilder) throws(WAVEError) -> ComponentValue {
        try ComponentValue(parsingWAVE: text, as: type, types: types.arena)
    }

    private func failure(_ text: String, _ type: ResolvedValueType, _ types: TypeBuilder) -> String? {
        do {
            let value = try parse(text, type, types)
            Issue.record("parsed \(value) from \(text)")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsIntegersAtTheirBounds() throws {
        let b = TypeBuilder()
        #expect(try parse("-128", TypeBuilder.s8, b) == .s8(.min))
        #expect(try parse("127", TypeBuilder.s8, b) == .s8(.max))
        #expect(try parse("255", TypeBuilder.u8, b) == .u8(.max))
        #expect(try parse("-32768", TypeBuilder.s16, b) == .s16(.min))
        #expect(try parse("65535", TypeBuilder.u16, b) == .u16(.max))
        #expect(try parse("-2147483648", TypeBuilder.s32, b) == .s32(.min))
        #expect(try parse("4294967295", TypeBuilder.u32, b) == .u32(.max))
        #expect(try parse("-9223372036854775808", TypeBuilder.s64, b) == .s64(.min))
        #expect(try parse("9223372036854775807", TypeBuilder.s64, b) == .s64(.max))
        #expect(try parse("18446744073709551615", TypeBuilder.u64, b) == .u64(.max))
        #expect(try parse("0", TypeBuilder.u64, b) == .u64(0))
    }

    @Test(arguments: [
        ("-129", TypeBuilder.s8, "-129 is out of range for s8 (-128...127) at column 1"),
        ("128", TypeBuilder.s8, "128 is out of range for s8 (-128...127) at column 1"),
        ("256", TypeBuilder.u8, "256 is out of range for u8 (0...255) at column 1"),
        ("-1", TypeBuilder.u8, "-1 is out of range for u8 (0...255) at column 1"),
        ("65536", TypeBuilder.u16, "65536 is out of range for u16 (0...65535) at column 1"),
        ("-2147483649", TypeBuilder.s32, "-2147483649 is out of range for s32 (-2147483648...2147483647) at column 1"),
        ("4294967296", TypeBuilder.u32, "4294967296 is out of range for u32 (0...4294967295) at column 1"),
        ("9223372036854775808", TypeBuilder.s64, "9223372036854775808 is out of range for s64 (-9223372036854775808...9223372036854775807) at column 1"),
        ("18446744073709551616", TypeBuilder.u64, "18446744073709551616 is out of range for u64 (0...18446744073709551615) at column 1"),
        ("1.0", TypeBuilder.u32, "expected an integer (u32), found 1.0 at column 1"),
        ("1e3", TypeBuilder.s64, "expected an integer (s64), found 1e3 at column 1"),
        ("nan", TypeBuilder.s32, "expected an integer (s32), found nan at column 1"),
        ("\"1\"", TypeBuilder.s32, "expected an integer (s32), found a string at column 1"),
    ])
    func rejectsBadIntegers(text: String, type: ResolvedValueType, message: String) {
        #expect(failure(text, type, TypeBuilder()) == message)
    }

    @Test func readsFloats() throws {
        let b = TypeBuilder()
        #expect(try parse("1.5", TypeBuilder.f32, b) == .f32(1.5))
        #expect(try parse("-0", TypeBuilder.f64, b) == .f64(-0.0))
        #expect(try parse("6.022e+23", TypeBuilder.f64, b) == .f64(6.022e23))
        #expect(try parse("inf", TypeBuilder.f32, b) == .f32(.infinity))
        #expect(try parse("-inf", TypeBuilder.f64, b) == .f64(-.infinity))
        #expect(try parse("1e39", TypeBuilder.f32, b) == .f32(.infinity))
        #expect(try parse("3", TypeBuilder.f64, b) == .f64(3))
        guard case .f64(let nan) = try parse("nan", TypeBuilder.f64, b), case .f32(let nan32) = try parse("nan", TypeBuilder.f32, b) else {
            Issue.record("not floats"); return
        }
        #expect(nan.isNaN && nan32.isNaN)
        #expect(failure("true", TypeBuilder.f32, b) == "expected a number (f32), found 'true' at column 1")
    }

    @Test func readsBoolsCharsAndStrings() throws {
        let b = TypeBuilder()
        #expect(try parse("true", TypeBuilder.bool, b) == .bool(true))
        #expect(try parse(" false ", TypeBuilder.bool, b) == .bool(false))
        #expect(try parse("'☃'", TypeBuilder.char, b) == .char("☃"))
        #expect(try parse(#""\u{1F600} world""#, TypeBuilder.string, b) == .string("😀 world"))
        #expect(failure("1", TypeBuilder.bool, b) == "expected a bool ('true' or 'false'), found the number 1 at column 1")
        #expect(failure("\"x\"", TypeBuilder.char, b) == "expected a char, found a string at column 1")
        #expect(failure("'x'", TypeBuilder.string, b) == "expected a string, found a char at column 1")
    }

    @Test func readsListsAndTuples() throws {
        var b = TypeBuilder()
        let bytes = b.list(TypeBuilder.u8)
        let nested = b.list(bytes)
        let pair = b.tuple(TypeBuilder.u8, TypeBuilder.string)
        let triple = b.list(TypeBuilder.s32, length: 3)
        #expect(try parse("[]", bytes, b) == .list([]))
        #expect(try parse("[1, 2, 3,]", bytes, b) == .list([.u8(1), .u8(2), .u8(3)]))
        #expect(try parse("[[], [7]]", nested, b) == .list([.list([]), .list([.u8(7)])]))
        #expect(try parse("(123, \"abc\")", pair, b) == .tuple([.u8(123), .string("abc")]))
        #expect(try parse("[1, -2, 3]", triple, b) == .list([.s32(1), .s32(-2), .s32(3)]))
        #expect(failure("[1, 300]", bytes, b) == "300 is out of range for u8 (0...255) at column 5")
        #expect(failure("(1)", pair, b) == "expected a tuple of 2 elements (tuple<u8, string>), found 1 at column 1")
        #expect(failure("[1, 2]", triple, b) == "expected a list of exactly 3 elements, found 2 at column 1")
        #expect(failure("(1, 2)", bytes, b) == "expected a list (list<u8>), found a tuple at column 1")
    }

    @Test func readsRecords() throws {
        var b = TypeBuilder()
        let maybe = b.option(TypeBuilder.u8)
        let example = b.record(["must-have": TypeBuilder.u8, "optional": maybe])
        let allOptional = b.record(["optional": maybe])
        let expected = ComponentValue.record([.init(name: "must-have", value: .u8(123)), .init(name: "optional", value: .option(nil))])
        #expect(try parse("{must-have: 123}", example, b) == expected)
        #expect(try parse("{optional: none, must-have: 123,}", example, b) == expected)
        #expect(try parse("{%optional: 5, %must-have: 123}", example, b)
                == .record([.init(name: "must-have", value: .u8(123)), .init(name: "optional", value: .option(.u8(5)))]))
        #expect(try parse("{:}", allOptional, b) == .record([.init(name: "optional", value: .option(nil))]))
        #expect(failure("{}", allOptional, b)
                == "expected a record (record { optional }), found flags (a record with every field omitted is written '{:}') at column 1")
        #expect(failure("{optional: 1}", example, b) == "missing field 'must-have' of type u8 at column 1")
        #expect(failure("{must-have: 1, other: 2}", example, b) == "unknown field 'other' (record { must-have, optional }) at column 16")
        #expect(failure("{must-have: \"x\"}", example, b) == "expected an integer (u8), found a string at column 13")
    }

    @Test func readsVariantsAndEnums() throws {
        var b = TypeBuilder()
        let response = b.variant(["empty": nil, "body": b.list(TypeBuilder.u8), "err": TypeBuilder.string])
        let status = b.enumeration("ok", "not-found")
        #expect(try parse("empty", response, b) == .variant(caseName: "empty", payload: nil))
        #expect(try parse("body([79, 75])", response, b) == .variant(caseName: "body", payload: .list([.u8(79), .u8(75)])))
        #expect(try parse(#"%err("oops")"#, response, b) == .variant(caseName: "err", payload: .string("oops")))
        #expect(try parse("%ok", status, b) == .enum("ok"))
        #expect(try parse("not-found", status, b) == .enum("not-found"))
        #expect(failure(#"err("oops")"#, response, b) == "expected a variant case (variant { empty, body(…), err(…) }), found 'err(…)' at column 1")
        #expect(failure("body", response, b) == "'body' needs a payload of type list<u8>: body(…) at column 1")
        #expect(failure("empty(1)", response, b) == "'empty' takes no payload at column 7")
        #expect(failure("full", response, b) == "unknown case 'full' (variant { empty, body(…), err(…) }) at column 1")
        #expect(failure("ok", status, b) == "expected an enum case (enum { ok, not-found }), found 'ok' at column 1")
        #expect(failure("found", status, b) == "unknown case 'found' (enum { ok, not-found }) at column 1")
        #expect(failure("not-found(1)", status, b) == "enum case 'not-found' takes no payload at column 11")
    }

    @Test func readsOptionsIncludingFlatForm() throws {
        var b = TypeBuilder()
        let maybe = b.option(TypeBuilder.u8)
        let maybeMaybe = b.option(maybe)
        let maybeString = b.option(TypeBuilder.string)
        #expect(try parse("some(123)", maybe, b) == .option(.u8(123)))
        #expect(try parse("123", maybe, b) == .option(.u8(123)))
        #expect(try parse("none", maybe, b) == .option(nil))
        #expect(try parse("\"flat some\"", maybeString, b) == .option(.string("flat some")))
        #expect(try parse("some(none)", maybeMaybe, b) == .option(.option(nil)))
        #expect(try parse("some(some(1))", maybeMaybe, b) == .option(.option(.u8(1))))
        #expect(failure("1", maybeMaybe, b) == "expected 'some(…)' or 'none' (option<option<u8>>), found the number 1 at column 1")
        #expect(failure("some(\"x\")", maybe, b) == "expected an integer (u8), found a string at column 6")
    }

    @Test func readsResultsIncludingFlatForm() throws {
        var b = TypeBuilder()
        let withOk = b.result(ok: TypeBuilder.u8)
        let withError = b.result(error: TypeBuilder.string)
        let bare = b.result()
        let both = b.result(ok: TypeBuilder.u8, error: TypeBuilder.string)
        let okOption = b.result(ok: b.option(TypeBuilder.u8))
        #expect(try parse("123", withOk, b) == .result(.ok(.u8(123))))
        #expect(try parse("ok(123)", withOk, b) == .result(.ok(.u8(123))))
        #expect(try parse("err", withOk, b) == .result(.error(nil)))
        #expect(try parse("ok", withError, b) == .result(.ok(nil)))
        #expect(try parse(#"err("oops")"#, withError, b) == .result(.error(.string("oops"))))
        #expect(try parse("ok", bare, b) == .result(.ok(nil)))
        #expect(try parse("err", bare, b) == .result(.error(nil)))
        #expect(try parse(#"err("no")"#, both, b) == .result(.error(.string("no"))))
        #expect(try parse("ok(none)", okOption, b) == .result(.ok(.option(nil))))
        #expect(failure("none", okOption, b) == "expected 'ok' or 'err' (result<option<u8>>), found 'none' at column 1")
        #expect(failure("ok", withOk, b) == "'ok' needs a payload of type u8: ok(…) at column 1")
        #expect(failure("err(1)", withOk, b) == "'err' takes no payload at column 5")
        #expect(failure("\"x\"", withError, b) == "expected 'ok' or 'err' (result<_, string>), found a string at column 1")
    }

    @Test func readsFlagsInTypeOrder() throws {
        var b = TypeBuilder()
        let perms = b.flags("read", "write", "exec")
        #expect(try parse("{write, read,}", perms, b) == .flags(["read", "write"]))
        #expect(try parse("{}", perms, b) == .flags([]))
        #expect(try parse("{%exec}", perms, b) == .flags(["exec"]))
        #expect(failure("{read, delete}", perms, b) == "unknown flag 'delete' (flags { read, write, exec }) at column 8")
        #expect(failure("{read: true}", perms, b) == "expected flags (flags { read, write, exec }), found a record at column 1")
    }

    @Test func rejectsTypesWithoutWAVEForm() {
        var b = TypeBuilder()
        let handle = b.own()
        #expect(failure("1", handle, b) == "resource handles (own<resource>) cannot be written in WAVE at column 1")
    }

    @Test func locatesErrorsOnLaterLines() {
        var b = TypeBuilder()
        let bytes = b.list(TypeBuilder.u8)
        #expect(failure("[\n  1,\n  1000,\n]", bytes, b) == "1000 is out of range for u8 (0...255) at line 3, column 3")
    }

    @Test func convertsCallArgumentsAgainstTheSignature() throws {
        var b = TypeBuilder()
        let maybe = b.option(TypeBuilder.u8)
        let function = b.function(["name": TypeBuilder.string, "a": maybe, "b": maybe])
        let decoder = WAVEDecoder(types: b.arena)
        #expect(try decoder.arguments(of: WAVECall(parsing: #"greet("world")"#), for: function)
                == [.string("world"), .option(nil), .option(nil)])
        #expect(try decoder.arguments(of: WAVECall(parsing: #"greet("w", some(1))"#), for: function)
                == [.string("w"), .option(.u8(1)), .option(nil)])
        #expect(try decoder.arguments(of: WAVECall(parsing: #"greet("w", 1, none,)"#), for: function)
                == [.string("w"), .option(.u8(1)), .option(nil)])
        #expect(throws: WAVEError("missing argument 'name' of type string for 'greet'", at: 6..<7)) {
            try decoder.arguments(of: WAVECall(parsing: "greet()"), for: function)
        }
        do {
            _ = try decoder.arguments(of: WAVECall(parsing: #"greet("w", 1, 2, 3)"#), for: function)
            Issue.record("accepted too many arguments")
        } catch {
            #expect(error.description == "too many arguments: 'greet' takes 3, got 4 at column 18")
        }
        do {
            _ = try decoder.arguments(of: WAVECall(parsing: "greet(\n  7)"), for: function)
            Issue.record("accepted a number for a string")
        } catch {
            #expect(error.description == "expected a string, found the number 7 at line 2, column 3")
        }
        let nullary = b.function([:])
        #expect(try decoder.arguments(of: WAVECall(parsing: "run"), for: nullary) == [])
    }
}
