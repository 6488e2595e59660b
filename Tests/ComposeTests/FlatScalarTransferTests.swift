@testable import ComponentModel
import Testing
import WasmRuntime

/// The flat path of calls between composed instances gives what lifting then lowering gives.
@Suite struct FlatScalarTransferTests {
    static func transfer(_ kinds: [CanonicalType.Kind], _ values: [Value]) throws -> [Value] {
        var reader = FlatValueReader(values)
        return try FlatScalarTransfer.transfer(kinds.map { CanonicalType($0) }, from: &reader)
    }

    @Test func scalarsAreNormalizedLikeLiftThenLower() throws {
        let results = try Self.transfer(
            [.u8, .s8, .u16, .s16, .bool, .u32, .s64, .char],
            [.i32(0x1FF), .i32(0xFF), .i32(0x1_FFFF), .i32(0x8000), .i32(7), .i32(0xFFFF_FFFF), .i64(1 << 40), .i32(0x1F600)])
        #expect(results == [.i32(0xFF), .i32(0xFFFF_FFFF), .i32(0xFFFF), .i32(0xFFFF_8000), .i32(1), .i32(0xFFFF_FFFF), .i64(1 << 40), .i32(0x1F600)])
    }

    @Test func nansAreCanonicalized() throws {
        let results = try Self.transfer([.f32, .f64, .f32], [.f32(0x7FA0_0001), .f64(0xFFF0_0000_0000_0001), .f32(Float(1.5).bitPattern)])
        #expect(results == [.f32(0x7FC0_0000), .f64(0x7FF8_0000_0000_0000), .f32(Float(1.5).bitPattern)])
    }

    @Test func invalidCharTraps() {
        #expect(throws: ComponentTrap.self) { _ = try Self.transfer([.char], [.i32(0xD800)]) }
    }

    @Test func onlyScalarsAreSupported() {
        #expect(FlatScalarTransfer.supports([CanonicalType(.u32), CanonicalType(.f64), CanonicalType(.char)]))
        #expect(!FlatScalarTransfer.supports([CanonicalType(.u32), CanonicalType(.string)]))
        #expect(!FlatScalarTransfer.supports([CanonicalType(.enum(["a", "b"]))]))
    }
}
