import Testing
import WasmCore

/// Every binary module of the core spec suite gets the verdict the suite expects.
struct SpecSuiteTests {
    @Test(.enabled(if: SpecSuite.isAvailable, "wasm-tools is not on PATH or ../shared/testsuite is missing"))
    func everyBinaryModuleGetsTheExpectedVerdict() throws {
        let suite = try SpecSuite.loaded.get()
        var counts: [String: (right: Int, wrong: Int)] = [:]
        var wrongAnswers: [String] = []
        var matchingMessages = 0
        var differentMessages: [String] = []
        for testCase in suite.cases {
            let verdict: Result<Void, WasmError> = Result { () throws(WasmError) in
                try Module(decoding: testCase.bytes).validate()
            }
            let category: String
            let isRight: Bool
            switch (testCase.expectation, verdict) {
            case (.valid, .success):
                (category, isRight) = ("valid", true)
            case (.valid, .failure(let error)):
                (category, isRight) = ("valid", false)
                wrongAnswers.append("\(testCase.location): valid module rejected: \(error)")
            case (.invalid(let text), .failure(let error)):
                (category, isRight) = ("assert_invalid", true)
                Self.compare(error, text, testCase.location, &matchingMessages, &differentMessages)
            case (.invalid(let text), .success):
                (category, isRight) = ("assert_invalid", false)
                wrongAnswers.append("\(testCase.location): invalid module accepted (expected \"\(text)\")")
            case (.malformed(let text), .failure(let error)):
                (category, isRight) = ("assert_malformed", true)
                Self.compare(error, text, testCase.location, &matchingMessages, &differentMessages)
            case (.malformed(let text), .success):
                (category, isRight) = ("assert_malformed", false)
                wrongAnswers.append("\(testCase.location): malformed module accepted (expected \"\(text)\")")
            }
            counts[category, default: (0, 0)].right += isRight ? 1 : 0
            counts[category, default: (0, 0)].wrong += isRight ? 0 : 1
        }
        for (category, count) in counts.sorted(by: { $0.key < $1.key }) {
            print("spec suite \(category): \(count.right) right, \(count.wrong) wrong")
        }
        print("spec suite messages: \(matchingMessages) match the suite's wording, \(differentMessages.count) differ")
        for difference in differentMessages { print("  \(difference)") }
        #expect(suite.cases.count > 1000)
        #expect(wrongAnswers.isEmpty, "\(wrongAnswers.count) wrong answers:\n\(wrongAnswers.prefix(40).joined(separator: "\n"))")
    }

    /// Counts whether a rejection's message starts with the suite's expected text.
    private static func compare(
        _ error: WasmError, _ expected: String, _ location: String, _ matching: inout Int, _ different: inout [String]
    ) {
        if error.message.hasPrefix(expected) {
            matching += 1
        } else {
            different.append("\(location): expected \"\(expected)\", got \"\(error.message)\"")
        }
    }
}
