import Testing
import WAVE

@Suite("WAVE syntax")
struct WAVEParserTests {
    private func parse(_ text: String) throws -> WAVENode { try WAVEParser.parseValue(text) }

    private func string(_ text: String) throws -> String? {
        if case .string(let value) = try parse(text).kind { return value }
        return nil
    }

    @Test func readsLabelsAndKeywords() throws {
        for label in ["red", "two-words", "HTTP3", "method-GET", "utf-8", "a1-b2c3", "x-1"] {
            guard case .label(let parsed, nil) = try parse(label).kind else { Issue.record("\(label)"); continue }
            #expect(parsed.name == label)
        }
        #expect(try parse("true").kind == .bool(true))
        #expect(try parse("false").kind == .bool(false))
        #expect(try parse("none").kind == .none)
        guard case .label(let escaped, nil) = try parse("%none").kind else { Issue.record("%none"); return }
        #expect(escaped.name == "none" && escaped.range == 0..<5)
        guard case .number(let inf) = try parse("inf").kind, case .label(let escapedInf, nil) = try parse("%inf").kind else {
            Issue.record("inf"); return
        }
        #expect(inf.text == "inf" && escapedInf.name == "inf")
    }

    @Test(arguments: ["mixedCase", "a--b", "-", "a-", "1abc", "%", "%1a", "kebab_case", "Ab"])
    func rejectsInvalidLabels(text: String) {
        #expect(throws: WAVEError.self) { try WAVEParser.parseValue(text) }
    }

    @Test func resolvesStringEscapes() throws {
        #expect(try string(#""a\tb\nc\rd\\e\"f\'g""#) == "a\tb\nc\rd\\e\"f'g")
        #expect(try string(#""\u{1F600}\u{0}\u{10FFFF}\u{e9}""#) == "\u{1F600}\u{0}\u{10FFFF}\u{e9}")
        #expect(try string(#""it's""#) == "it's")
        #expect(try string(#""""#) == "")
        #expect(try string("\"ü👋🏽 \u{301}中文\"") == "ü👋🏽 \u{301}中文")
    }

    @Test func readsChars() throws {
        for (text, scalar): (String, Unicode.Scalar) in [
            ("'x'", "x"), ("'\"'", "\""), (#"'\''"#, "'"), (#"'\n'"#, "\n"), (#"'\u{1F600}'"#, "\u{1F600}"),
            ("'☃'", "☃"), ("'\u{1F44B}'", "\u{1F44B}"),
        ] {
            #expect(try parse(text).kind == .char(scalar), "\(text)")
        }
    }

    @Test func readsMultilineStrings() throws {
        #expect(try string("\"\"\"\nA single line\n\"\"\"") == "A single line")
        #expect(try string("\"\"\"\n    Indentation determined\n      by ending delimiter\n  \"\"\"")
                == "  Indentation determined\n    by ending delimiter")
        #expect(try string("\"\"\"\r\n  quotes \"\" and ' \\u{41}\r\n  \"\"\"") == "quotes \"\" and ' A")
        #expect(try string("\"\"\"\n\"\"\"") == "")
    }

    @Test func rejectsMalformedMultilineStrings() {
        let cases: [(String, String)] = [
            ("\"\"\"abc\n\"\"\"", "opening \"\"\" must be followed immediately by a line break at column 1"),
            ("\"\"\"\nabc\"\"\"", "closing \"\"\" must be on a line preceded only by spaces at line 2, column 4"),
            ("\"\"\"\n a\n  \"\"\"", "lines must be indented at least as much as the closing \"\"\" at line 2, column 1"),
            ("\"\"\"\nabc", "unterminated multiline string at column 1"),
            ("\"\"\"\n  a\n\n  \"\"\"", "lines must be indented at least as much as the closing \"\"\" at line 3, column 1"),
        ]
        for (text, message) in cases {
            #expect(throws: WAVEError.self) { try WAVEParser.parseValue(text) }
            do { _ = try WAVEParser.parseValue(text) } catch { #expect(error.description == message) }
        }
    }

    @Test func distinguishesRecordsFromFlags() throws {
        guard case .record(let fields) = try parse("{x: 1, %ok: 2,}").kind else { Issue.record("record"); return }
        #expect(fields.map(\.label.name) == ["x", "ok"])
        #expect(fields[1].label.range == 7..<10)
        #expect(try parse("{:}").kind == .record([]))
        #expect(try parse("{ }").kind == .flags([]))
        guard case .flags(let labels) = try parse("{read, %write,}").kind else { Issue.record("flags"); return }
        #expect(labels.map(\.name) == ["read", "write"])
    }

    @Test func readsNestedStructure() throws {
        let node = try parse("some(ok([1, (2, \"a\"), circle(1.5), err]))")
        guard case .some(let inner) = node.kind, case .ok(let payload?) = inner.kind,
              case .list(let elements) = payload.kind, elements.count == 4,
              case .tuple(let pair) = elements[1].kind, pair.count == 2,
              case .label(let circle, let radius?) = elements[2].kind,
              case .err(nil) = elements[3].kind
        else { Issue.record("unexpected shape \(node)"); return }
        #expect(circle.name == "circle")
        #expect(radius.range == 29..<32)
        #expect(node.range == 0..<41)
    }

    @Test func limitsNesting() throws {
        let fine = String(repeating: "[", count: WAVEParser.maximumDepth) + String(repeating: "]", count: WAVEParser.maximumDepth)
        _ = try parse(fine)
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: WAVEError("values nested more than 100 deep", at: 100..<101)) { try parse(deep) }
    }

    @Test(arguments: [
        ("", "expected a value, found end of input at column 1"),
        ("()", "empty tuple: tuples have at least one element at column 1"),
        ("[1,,]", "expected a value, found ',' at column 4"),
        ("[1 2]", "expected ',' or ']', found number 2 at column 4"),
        ("{a: 1, a: 2}", "duplicate field 'a' at column 8"),
        ("{a, b, a}", "duplicate flag 'a' at column 8"),
        ("{a: 1 b: 2}", "expected ',' or '}', found 'b' at column 7"),
        ("{a: 1, b}", "expected ':' after the field label, found '}' at column 9"),
        ("{a, 1}", "expected a flag label, found number 1 at column 5"),
        ("{:x}", "expected '}' after '{:', found 'x' at column 3"),
        ("some", "expected '(' after 'some', found end of input at column 5"),
        ("some(1", "expected ')', found end of input at column 7"),
        ("none(1)", "expected end of input, found '(' at column 5"),
        ("1 2", "expected end of input, found number 2 at column 3"),
        ("\"abc", "unterminated string at column 1"),
        ("\"a\nb\"", "unterminated string at column 1"),
        ("''", "empty or unterminated char at column 1"),
        ("'ab'", "multiple characters in a char at column 1"),
        ("'a", "unterminated char at column 1"),
        (#""\q""#, "invalid escape '\\q' at column 2"),
        (#""\u{110000}""#, "invalid unicode escape (1 to 6 hex digits naming a Unicode scalar value) at column 2"),
        (#""\u{D800}""#, "invalid unicode escape (1 to 6 hex digits naming a Unicode scalar value) at column 2"),
        (#""\u{}""#, "invalid unicode escape (1 to 6 hex digits naming a Unicode scalar value) at column 2"),
        (#""\u{0000041}""#, "invalid unicode escape (1 to 6 hex digits naming a Unicode scalar value) at column 2"),
        (#""\u41""#, "expected '{' after \\u at column 2"),
        ("[1,\n 2,\n @]", "invalid token '@' at line 3, column 2"),
        ("// only a comment\n", "expected a value, found end of input at line 2, column 1"),
        ("-", "expected a digit at column 1"),
        ("1.5.2", "invalid number '1.5.2' at column 1"),
    ])
    func rejectsMalformedValues(text: String, expected: String) {
        do {
            let node = try WAVEParser.parseValue(text)
            Issue.record("parsed \(node) from \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func skipsCommentsAndWhitespace() throws {
        let node = try parse("// leading\n [ 1 , // one\n\t2 ]\r\n// trailing")
        guard case .list(let elements) = node.kind else { Issue.record("list"); return }
        #expect(elements.count == 2)
    }
}
