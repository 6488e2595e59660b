import ComponentModel
import Testing

/// Runs the decoder and encoder over every binary of the component-model spec tests.
@Suite(.enabled(if: ComponentTestSuite.isAvailable, "needs wasm-tools and ../shared/testsuite"))
struct SpecSuiteTests {
    @Test func everyTestFileConverts() {
        #expect(ComponentTestSuite.unconvertedFiles.isEmpty)
    }

    @Test func everyComponentRoundTripsByteForByte() throws {
        let components = ComponentTestSuite.cases(["module", "module_definition"])
        #expect(components.count > 200)
        var identical = 0
        var keptOriginalPayload = 0
        for testCase in components {
            let component: Component
            do {
                component = try Component(decoding: testCase.bytes)
            } catch {
                Issue.record("\(testCase.location): decoding failed: \(error)")
                continue
            }
            if component.encoded() == testCase.bytes {
                identical += 1
            } else {
                Issue.record("\(testCase.location): re-encoding differs")
            }
            if component.sections.contains(where: \.keepsOriginalPayload) { keptOriginalPayload += 1 }
            // The canonical encoding (no recorded layout) must decode to the same component.
            let canonical = Component(sections: component.sections.map { ComponentSection($0.content) })
            let redecoded = try Component(decoding: canonical.encoded())
            #expect(redecoded == component, "\(testCase.location): canonical encoding does not decode back")
        }
        print("component round trip: \(identical)/\(components.count) byte-identical; \(keptOriginalPayload) with a non-canonical section kept verbatim")
        #expect(identical == components.count)
    }

    @Test func malformedBinariesAreRejected() {
        let malformed = ComponentTestSuite.cases(["assert_malformed"])
        #expect(!malformed.isEmpty)
        var rejectedByDecoder = 0
        var rejectedInCoreModule = 0
        for testCase in malformed {
            do {
                let component = try Component(decoding: testCase.bytes)
                // Embedded core modules are decoded lazily; a malformed one is still malformed.
                if coreModuleDecodingFails(component) {
                    rejectedInCoreModule += 1
                } else {
                    Issue.record("\(testCase.location): accepted, expected \"\(testCase.expectedText ?? "")\"")
                }
            } catch {
                rejectedByDecoder += 1
            }
        }
        print("assert_malformed: \(rejectedByDecoder)/\(malformed.count) rejected by the component decoder, \(rejectedInCoreModule) more when decoding the embedded core modules")
        #expect(rejectedByDecoder + rejectedInCoreModule == malformed.count)
    }

    private func coreModuleDecodingFails(_ component: Component) -> Bool {
        component.sections.contains { section in
            switch section.content {
            case .coreModule(let module): (try? module.decoded()) == nil
            case .component(let nested): coreModuleDecodingFails(nested)
            default: false
            }
        }
    }
}
