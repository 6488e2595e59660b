import Testing
import WAVE

@Suite("WAVE call expressions")
struct WAVECallTests {
    private func numbers(_ call: WAVECall) -> [String] {
        call.arguments.map { argument in
            if case .number(let number) = argument.kind { number.text } else { "not a number" }
        }
    }

    @Test func parsesNameAndArguments() throws {
        let call = try WAVECall(parsing: "add(1, -2, 3.5e-3, nan, inf, -inf)")
        #expect(call.name == "add")
        #expect(numbers(call) == ["1", "-2", "3.5e-3", "nan", "inf", "-inf"])
        #expect(call.range == 0..<34)
    }

    @Test func parsesArgumentsOfEveryForm() throws {
        let call = try WAVECall(parsing: #"greet("world", 'x', [1], {a: 1}, {r}, (1, 2), some(1), none, ok, err(e), red, true)"#)
        let summaries = call.arguments.map(\.summary)
        #expect(summaries == ["a string", "a char", "a list", "a record", "flags", "a tuple", "'some(…)'", "'none'",
                              "'ok'", "'err(…)'", "the case 'red'", "'true'"])
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
        #expect(try WAVECall(parsing: "\"wasi:cli/run@0.2.0#run\"()").name == "wasi:cli/run@0.2.0#run")
        let nullary = try WAVECall(parsing: "run")
        #expect(nullary.name == "run" && nullary.arguments.isEmpty)
    }

    @Test func recordsArgumentOffsets() throws {
        let call = try WAVECall(parsing: "f(10, 200)")
        #expect(call.arguments[1].range == 6..<9)
    }

    @Test(arguments: [
        ("add(1 2)", "expected ',' or ')', found number 2 at column 7"),
        ("add(1,", "expected ')', found end of input at column 7"),
        ("add(", "expected a value or ')', found end of input at column 5"),
        ("add(01)", "numbers must not have leading zeros at column 5"),
        ("add(1.)", "expected digits after '.' at column 5"),
        ("add(-nan)", "invalid number at column 5"),
        ("addTwo(1)", "invalid label 'addTwo' (labels are kebab-case words, all lowercase or all uppercase) at column 1"),
        ("add(1) x", "expected end of input, found 'x' at column 8"),
        ("(1)", "expected a function name, found '(' at column 1"),
        ("add(1e)", "expected a digit at column 5"),
        ("add(12abc)", "invalid number '12abc' at column 5"),
        ("add(#)", "invalid token '#' at column 5"),
        ("add(,)", "expected a value, found ',' at column 5"),
        ("add(1,\n  x y)", "expected ',' or ')', found 'y' at line 2, column 5"),
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
