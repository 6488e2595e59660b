import ComponentModel
import Foundation
import Testing

/// Runs the validator over the component-model spec tests: every component the suite defines
/// must validate, and `assert_invalid` components must be rejected.
@Suite(.enabled(if: ComponentTestSuite.isAvailable, "needs wasm-tools and ../shared/testsuite"))
struct ValidationSuiteTests {
    /// Set WCOMP_CM_VERBOSE=1 to list every `assert_invalid` case the validator accepts.
    private static let verbose = ProcessInfo.processInfo.environment["WCOMP_CM_VERBOSE"] != nil

    @Test func everyValidComponentValidates() throws {
        let components = ComponentTestSuite.cases(["module", "module_definition"])
        var accepted = 0
        var rejectedByCoreValidation = 0
        for testCase in components {
            do {
                try Component(decoding: testCase.bytes).validate()
                accepted += 1
            } catch where error.message.hasPrefix("core module:") {
                // WasmCore implements WebAssembly 2.0; the suite also embeds core modules using
                // later proposals (exception-handling tags, multi-memory).
                rejectedByCoreValidation += 1
                if Self.verbose { print("core module rejected at \(testCase.location): \(error)") }
            } catch {
                Issue.record("\(testCase.location): rejected a valid component: \(error)")
            }
        }
        print("valid components accepted: \(accepted)/\(components.count), \(rejectedByCoreValidation) rejected by WasmCore in an embedded core module")
        #expect(accepted + rejectedByCoreValidation == components.count)
    }

    @Test func invalidComponentsAreRejected() {
        let invalid = ComponentTestSuite.cases(["assert_invalid"])
        var rejected = 0
        for testCase in invalid {
            do {
                try Component(decoding: testCase.bytes).validate()
                if Self.verbose { print("accepted \(testCase.location): expected \"\(testCase.expectedText ?? "")\"") }
            } catch {
                rejected += 1
                if Self.verbose { print("rejected \(testCase.location): expected \"\(testCase.expectedText ?? "")\", got \"\(error.message)\"") }
            }
        }
        print("assert_invalid: \(rejected)/\(invalid.count) rejected")
        #expect(rejected >= Self.minimumRejected)
    }

    private static let minimumRejected = 376
}
