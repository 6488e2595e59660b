import ComponentModel
import Testing

/// Corrupted binaries must be rejected with an error, never crash the decoder or validator.
@Suite(.enabled(if: ComponentTestSuite.isAvailable, "needs wasm-tools and ../shared/testsuite"))
struct RobustnessTests {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func corruptedComponentsNeverCrash() {
        var generator = SplitMix64(state: 0x5EED)
        var decoded = 0
        var attempts = 0
        for testCase in ComponentTestSuite.cases(["module", "module_definition", "assert_invalid"]) {
            for _ in 0..<24 {
                var bytes = testCase.bytes
                guard bytes.count > 8 else { continue }
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let position = Int.random(in: 8..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes.remove(at: position)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                    }
                }
                attempts += 1
                guard let component = try? Component(decoding: bytes) else { continue }
                decoded += 1
                // Whatever still decodes must re-encode to the same bytes and validate or throw.
                #expect(component.encoded() == bytes, "\(testCase.location)")
                _ = try? component.validate()
            }
        }
        print("corrupted binaries: \(attempts) tried, \(decoded) still decoded (and round-tripped), none crashed")
        #expect(attempts > 1000)
    }
}
