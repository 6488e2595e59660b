import ComponentModel
import Foundation
import Testing

/// `FixedLengthList` through real calls into `Fixtures/fixed-length-lists` (built from its
/// `.wat` with `wasm-tools parse`): flat arguments, arguments spilled to memory, nested lists
/// returned through memory, and a wrong element count.
@Suite struct FixedLengthListTests {
    let instance: InstantiatedComponent

    init() throws {
        let bytes = try Data(contentsOf: TestPaths.testsDirectory.appending(path: "Fixtures/fixed-length-lists/fixed-length-lists.wasm"))
        instance = try ComponentLinker().instantiate(LoadedComponent(bytes: [UInt8](bytes)))
    }

    private func function(_ name: String) throws -> ComponentFunction {
        try #require(instance.function(name))
    }

    @Test func flatArgumentsAndAResultInMemory() throws {
        let reverse = try TypedFunction<FixedLengthList<4, UInt32>, FixedLengthList<4, UInt32>>(function("reverse"))
        #expect(try reverse(FixedLengthList([1, 2, 3, 4])) == FixedLengthList([4, 3, 2, 1]))
    }

    @Test func spilledArguments() throws {
        let total = try TypedFunction<FixedLengthList<20, UInt32>, UInt64>(function("total"))
        #expect(try total(FixedLengthList((1 ... 20).map { UInt32($0) * 200_000_000 })) == 42_000_000_000)
    }

    @Test func nestedLists() throws {
        let transpose = try TypedFunction<FixedLengthList<3, FixedLengthList<2, UInt8>>, FixedLengthList<2, FixedLengthList<3, UInt8>>>(function("transpose"))
        let pairs = FixedLengthList<3, FixedLengthList<2, UInt8>>([FixedLengthList([1, 2]), FixedLengthList([3, 4]), FixedLengthList([5, 6])])
        #expect(try transpose(pairs) == FixedLengthList([FixedLengthList([1, 3, 5]), FixedLengthList([2, 4, 6])]))
    }

    @Test func wrongLengthOrTypeIsAnError() throws {
        let reverse = try TypedFunction<FixedLengthList<4, UInt32>, FixedLengthList<4, UInt32>>(function("reverse"))
        #expect(throws: ComponentTrap.self) { try reverse(FixedLengthList([1, 2, 3])) }
        #expect(throws: ComponentTrap.self) { try TypedFunction<FixedLengthList<5, UInt32>, FixedLengthList<4, UInt32>>(function("reverse")) }
    }
}
