@testable import ComponentModel
import Testing
import WasmCore

/// Sizes, alignments and flattening of `CanonicalType` against the definitions of
/// CanonicalABI.md (`elem_size`, `alignment`, `flatten_type`, `flatten_functype`).
struct CanonicalABILayoutTests {
    private func layout(_ type: CanonicalType) -> (Int, Int, [FlatType]) { (type.size, type.alignment, type.flat) }

    @Test func primitives() {
        #expect(layout(.bool) == (1, 1, [.i32]))
        #expect(layout(.s8) == (1, 1, [.i32]))
        #expect(layout(.u16) == (2, 2, [.i32]))
        #expect(layout(.s32) == (4, 4, [.i32]))
        #expect(layout(.u64) == (8, 8, [.i64]))
        #expect(layout(.f32) == (4, 4, [.f32]))
        #expect(layout(.f64) == (8, 8, [.f64]))
        #expect(layout(.char) == (4, 4, [.i32]))
        #expect(layout(.string) == (8, 4, [.i32, .i32]))
        #expect(layout(CanonicalType(.list(.u64))) == (8, 4, [.i32, .i32]))
    }

    @Test func recordsAndTuplesPadFieldsToTheirAlignment() {
        let record = CanonicalType(.record([
            CanonicalField(label: "a", type: .u8), CanonicalField(label: "b", type: .u32), CanonicalField(label: "c", type: .u8),
        ]))
        #expect(layout(record) == (12, 4, [.i32, .i32, .i32]))
        #expect(record.fieldOffsets == [0, 4, 8])
        let tuple = CanonicalType(.tuple([.u8, .u64, .u16]))
        #expect(layout(tuple) == (24, 8, [.i32, .i64, .i32]))
        #expect(tuple.fieldOffsets == [0, 8, 16])
        #expect(layout(CanonicalType(.tuple([]))) == (0, 1, []))
    }

    @Test func variantsJoinPayloadFlatTypes() {
        let variant = CanonicalType(.variant([
            CanonicalCase(label: "a", type: .f32), CanonicalCase(label: "b", type: .u64), CanonicalCase(label: "c", type: nil),
        ]))
        #expect(layout(variant) == (16, 8, [.i32, .i64]))
        #expect(variant.payloadOffset == 8)
        let mixed = CanonicalType(.variant([CanonicalCase(label: "i", type: .u32), CanonicalCase(label: "f", type: .f32)]))
        #expect(mixed.flat == [.i32, .i32])
        let option = CanonicalType(.option(.f32))
        #expect(layout(option) == (8, 4, [.i32, .f32]))
        let result = CanonicalType(.result(ok: .string, error: .f64))
        #expect(layout(result) == (16, 8, [.i32, .i64, .i32]))
        let empty = CanonicalType(.result(ok: nil, error: nil))
        #expect(layout(empty) == (1, 1, [.i32]))
    }

    @Test func discriminantGrowsWithTheNumberOfCases() {
        #expect(CanonicalType(.enum((0 ..< 256).map { "c\($0)" })).size == 1)
        #expect(CanonicalType(.enum((0 ..< 257).map { "c\($0)" })).size == 2)
        #expect(CanonicalType(.enum((0 ..< 65537).map { "c\($0)" })).size == 4)
    }

    @Test func flagsUseTheSmallestInteger() {
        #expect(layout(CanonicalType(.flags(["a"]))) == (1, 1, [.i32]))
        #expect(layout(CanonicalType(.flags((0 ..< 9).map { "f\($0)" }))) == (2, 2, [.i32]))
        #expect(layout(CanonicalType(.flags((0 ..< 17).map { "f\($0)" }))) == (4, 4, [.i32]))
        #expect(layout(CanonicalType(.flags((0 ..< 32).map { "f\($0)" }))) == (4, 4, [.i32]))
    }

    @Test func fixedLengthListsRepeatTheirElement() {
        let list = CanonicalType(.fixedLengthList(.u16, count: 3))
        #expect(layout(list) == (6, 2, [.i32, .i32, .i32]))
        let huge = CanonicalType(.fixedLengthList(.u8, count: 1 << 20))
        #expect(huge.size == 1 << 20)
        #expect(huge.flat.count > CanonicalABIRules.maximumFlatParameters)
    }

    @Test func functionsSpillBeyondTheFlatLimits() {
        let small = CanonicalFunctionType(parameters: [CanonicalField(label: "s", type: .string)], result: .string)
        #expect(small.liftedCoreType == FunctionType(parameters: [.i32, .i32], results: [.i32]))
        #expect(small.loweredCoreType == FunctionType(parameters: [.i32, .i32, .i32], results: []))
        let wide = CanonicalFunctionType(
            parameters: (0 ..< 17).map { CanonicalField(label: "p\($0)", type: .u32) }, result: .u64)
        #expect(wide.liftedCoreType == FunctionType(parameters: [.i32], results: [.i64]))
        #expect(wide.loweredCoreType == FunctionType(parameters: [.i32], results: [.i64]))
        let sixteen = CanonicalFunctionType(
            parameters: (0 ..< 16).map { CanonicalField(label: "p\($0)", type: .f64) }, result: nil)
        #expect(sixteen.liftedCoreType.parameters.count == 16)
        #expect(sixteen.loweredCoreType.results.isEmpty)
    }

    @Test func shapesCompareStructureAndLabels() {
        let a = CanonicalType(.record([CanonicalField(label: "x", type: .u32)]))
        let b = CanonicalType(.record([CanonicalField(label: "x", type: .u32)]))
        let c = CanonicalType(.record([CanonicalField(label: "y", type: .u32)]))
        #expect(a.hasSameShape(as: b))
        #expect(!a.hasSameShape(as: c))
        #expect([UInt8].componentType.hasSameShape(as: CanonicalType(.list(.u8))))
        #expect(Optional<String>.componentType.hasSameShape(as: CanonicalType(.option(.string))))
    }
}
