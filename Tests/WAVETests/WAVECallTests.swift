import Testing
import WAVE

@Suite("WAVE call expressions")
struct WAVECallTests {
    private func numbers(_ call: WAVECall) -> [String] {
        call.arguments.map { argument in
            switch argument { case .number(let number): number.text }
        }
    }

    @Test func parsesNameAndArguments() throws {
        let call = try WAVECall(parsing: "add(1, -2, 3.5e-3, nan, inf, -inf)")
        #expect(call.name == "add")
        #expect(numbers(call) == ["1", "-2", "3.5e-3", "nan", "inf", "-inf"])
    }

    @Test func acceptsTrailingCommaCommentsAndWhitespace() throws {
        let call = try WAVECall(parsing: "  fetch-url ( 1 ,\n 2, ) // done")
        #expect(call.name == "fetch-url")
        #expect(numbers(call) == ["1", "2"])
    }

    @Test func acceptsEscapedAndQuotedNamesAndOmittedParentheses() throws {
        #expect(try WAVECall(parsing: "%inf()").name == "inf")
        #expect(try WAVECall(parsing: "\"add_numbers\"(1)").name == "add_numbers")
        #expect(try WAVECall(parsing: "\"a\\u{1F44B}\"").name == "a\u{1F44B}")
        let nullary = try WAVECall(parsing: "run")
        #expect(nullary.name == "run" && nullary.arguments.isEmpty)
    }

    @Test func recordsArgumentOffsets() throws {
        let call = try WAVECall(parsing: "f(10, 200)")
        guard case .number(let second) = call.arguments[1] else { Issue.record("not a number"); return }
        #expect(second.range == 6..<9)
    }

    @Test(arguments: [
        ("add(1 2)", "expected ',' or ')' at 6..7"),
        ("add(1,", "expected ')' at 6..6"),
        ("add(01)", "numbers must not have leading zeros at 4..6"),
        ("add(1.)", "expected digits after '.' at 4..6"),
        ("add(-nan)", "invalid number at 4..8"),
        ("add(\"x\")", "expected a number at 4..7"),
        ("addTwo(1)", "invalid label 'addTwo' (labels are kebab-case words, all lowercase or all uppercase) at 0..6"),
        ("add(1) x", "unexpected text after the call at 7..8"),
        ("(1)", "expected a function name at 0..1"),
        ("add(1e)", "expected a digit at 4..7"),
        ("add(12abc)", "invalid number '12abc' at 4..9"),
        ("add(#)", "invalid token '#' at 4..5"),
    ])
    func rejectsMalformedCalls(text: String, expected: String) {
        do {
            let call = try WAVECall(parsing: text)
            Issue.record("parsed \(call) from \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }
}
