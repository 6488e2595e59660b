import Testing
import WasmCore

/// Damaged binaries never crash the decoder or validator: each variant of every spec-suite
/// binary, truncated or with a byte changed, is either rejected with a `WasmError` or
/// decodes and validates.
struct RobustnessTests {
    /// SplitMix64: a small deterministic generator, so every run checks the same variants.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let variantsPerKind = 12

    /// Decodes and validates; true if accepted, false if rejected with a `WasmError`.
    /// (Anything else, a crash or a trap, ends the test process.)
    static func check(_ bytes: [UInt8]) -> Bool {
        do {
            try Module(decoding: bytes).validate()
            return true
        } catch {
            return false
        }
    }

    @Test(.enabled(if: SpecSuite.isAvailable, "wasm-tools is not on PATH or ../shared/testsuite is missing"))
    func truncatedAndCorruptedBinariesAreRejectedOrValid() throws {
        let suite = try SpecSuite.loaded.get()
        var generator = SplitMix64(state: 0x5EED)
        var accepted = 0
        var rejected = 0
        for testCase in suite.cases where !testCase.bytes.isEmpty {
            let original = testCase.bytes
            for _ in 0..<Self.variantsPerKind {
                let truncated = Array(original[..<generator.next(below: original.count)])
                if Self.check(truncated) { accepted += 1 } else { rejected += 1 }

                var corrupted = original
                let position = generator.next(below: original.count)
                corrupted[position] = UInt8(truncatingIfNeeded: generator.next())
                if Self.check(corrupted) { accepted += 1 } else { rejected += 1 }
            }
        }
        print("robustness: \(accepted + rejected) damaged variants, \(accepted) still valid, \(rejected) rejected")
        #expect(rejected > accepted)
        #expect(accepted + rejected == suite.cases.filter { !$0.bytes.isEmpty }.count * 2 * Self.variantsPerKind)
    }

    @Test func everyTruncationOfAModuleIsRejectedOrValid() throws {
        // type, function, memory, global, export, data count, code, data sections.
        let bytes: [UInt8] = [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x05, 0x03, 0x01, 0x00, 0x01,
            0x06, 0x06, 0x01, 0x7F, 0x01, 0x41, 0x07, 0x0B,
            0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
            0x0C, 0x01, 0x01,
            0x0A, 0x0D, 0x01, 0x0B, 0x00, 0x20, 0x00, 0x23, 0x00, 0x6A, 0x24, 0x00, 0x23, 0x00, 0x0B,
            0x0B, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x2A,
        ]
        #expect(Self.check(bytes))
        // Only the bare header and the header plus the type section are complete modules;
        // every other prefix is cut inside a section or declares functions without code.
        let acceptedLengths = (0..<bytes.count).filter { Self.check(Array(bytes[..<$0])) }
        #expect(acceptedLengths == [8, 16])
    }
}
