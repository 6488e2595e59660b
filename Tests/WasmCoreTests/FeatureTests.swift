import Testing
import WasmCore

/// Each proposal's encodings and rules apply exactly when its feature is enabled.
struct FeatureTests {
    typealias M = TestModule

    static func load(_ module: TestModule, _ features: WasmFeatures) throws(WasmError) -> Module {
        let decoded = try Module(decoding: module.bytes, features: features)
        try decoded.validate()
        return decoded
    }

    static func rejection(_ module: TestModule, _ features: WasmFeatures) -> WasmError? {
        do {
            _ = try load(module, features)
            return nil
        } catch {
            return error
        }
    }

    /// A module whose sections are given raw, in order (id, contents).
    static func raw(_ sections: [(UInt8, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        for (id, contents) in sections { out += [id] + M.leb(UInt32(contents.count)) + contents }
        return out
    }

    @Test func multiMemoryIndexImmediates() throws {
        // i32.load with flags 0x40 | align 2, memory 1, offset 4; then memory.size 1.
        var module = M.function(results: [M.i32, M.i32], code: [0x41, 0x00, 0x28, 0x42, 0x01, 0x04, 0x3F, 0x01])
        module.memories = [[0x00, 0x01], [0x00, 0x02]]
        let decoded = try Self.load(module, .multiMemory)
        #expect(decoded.memories.count == 2)
        var reader = InstructionReader(bytes: decoded.bytes, range: decoded.functionBodies[0].code, features: .multiMemory)
        _ = try reader.read()
        #expect(try reader.read() == .load(.i32Load, MemoryArgument(alignment: 2, offset: 4, memoryIndex: 1)))
        #expect(try reader.read() == .memorySize(1))
        // Without the feature, two memories are invalid and a memory index is malformed.
        #expect(Self.rejection(module, .webAssembly2)?.message == "multiple memories")
        module.memories.removeLast()
        #expect(Self.rejection(module, .webAssembly2)?.kind == .malformed)

        var twoMemories = M()
        twoMemories.memories = [[0x00, 0x01], [0x00, 0x01]]
        #expect(Self.rejection(twoMemories, .webAssembly2)?.message == "multiple memories")
        #expect(Self.rejection(twoMemories, .multiMemory) == nil)

        var unknownMemory = M.function(code: [0x3F, 0x02, 0x1A])
        unknownMemory.memories = [[0x00, 0x01]]
        #expect(Self.rejection(unknownMemory, .multiMemory)?.message.hasPrefix("unknown memory 2") == true)
    }

    @Test func tailCallInstructions() throws {
        // (func (result i32) return_call 1) (func (result i32) i32.const 1)
        var module = M()
        module.types = [M.functionType([], [M.i32]), M.functionType([], [M.i64])]
        module.functions = [0, 0, 1]
        module.bodies = [[0x00, 0x12, 0x01, 0x0B], [0x00, 0x41, 0x01, 0x0B], [0x00, 0x42, 0x01, 0x0B]]
        _ = try Self.load(module, .tailCall)
        #expect(Self.rejection(module, .webAssembly2)?.message.hasPrefix("illegal opcode 0x12") == true)
        module.bodies[0] = [0x00, 0x12, 0x02, 0x0B]  // the callee returns i64
        #expect(Self.rejection(module, .tailCall)?.message == "type mismatch")
    }

    @Test func extendedConstantExpressions() throws {
        var module = M()
        // (global i64 (i64.mul (i64.const 6) (i64.const 7)))
        module.globals = [[0x7E, 0x00, 0x42, 0x06, 0x42, 0x07, 0x7E, 0x0B]]
        _ = try Self.load(module, .extendedConst)
        #expect(Self.rejection(module, .webAssembly2)?.message == "constant expression required")
        module.globals = [[0x7F, 0x00, 0x41, 0x06, 0x67, 0x0B]]  // i32.clz is never constant
        #expect(Self.rejection(module, .extendedConst)?.message == "constant expression required")
        module.globals = [[0x7F, 0x00, 0x41, 0x06, 0x6A, 0x0B]]  // i32.add with one operand
        #expect(Self.rejection(module, .extendedConst)?.message == "type mismatch")
    }

    @Test func exceptionHandlingSectionsAndInstructions() throws {
        let type = M.functionType([M.i32], [])
        // type 0: (i32) -> (); type 1: () -> (i32 exnref)
        let types = [0x02] + type + M.functionType([], [M.i32, 0x69])
        let tagSection: [UInt8] = [0x01, 0x00, 0x00]
        let exports: [UInt8] = [0x01] + M.name("t") + [0x04, 0x00]
        // func 0 (type 1): block (result i32 exnref) [type index 1] try_table (catch_ref 0 0) i32.const 3 throw 0 end unreachable end
        let body: [UInt8] = [0x00, 0x02, 0x01, 0x1F, 0x40, 0x01, 0x01, 0x00, 0x00, 0x41, 0x03, 0x08, 0x00, 0x0B, 0x00, 0x0B, 0x0B]
        let bytes = Self.raw([
            (1, types), (3, [0x01, 0x01]), (13, tagSection), (7, exports),
            (10, [0x01] + M.leb(UInt32(body.count)) + body),
        ])
        let module = try Module(decoding: bytes, features: .exceptionHandling)
        try module.validate()
        #expect(module.tags == [TagType(typeIndex: 0)])
        #expect(module.exports == [Export(name: "t", descriptor: .tag(0))])
        var reader = InstructionReader(bytes: bytes, range: module.functionBodies[0].code, features: .exceptionHandling)
        _ = try reader.read()
        #expect(try reader.read() == .tryTable(.empty, [.catchRef(tag: 0, label: 0)]))

        #expect(throws: WasmError.self) { try Module(decoding: bytes) }

        // A tag type with results is invalid.
        let badTag = Self.raw([(1, [0x01] + M.functionType([], [M.i32])), (13, tagSection)])
        #expect(throws: WasmError.self) { try Module(decoding: badTag, features: .exceptionHandling).validate() }

        // catch (payload i32) to a label expecting (i32 exnref): type mismatch.
        var mismatched = body
        mismatched[6] = 0x00  // catch instead of catch_ref
        let wrongLabel = Self.raw([
            (1, types), (3, [0x01, 0x01]), (13, tagSection),
            (10, [0x01] + M.leb(UInt32(mismatched.count)) + mismatched),
        ])
        do {
            try Module(decoding: wrongLabel, features: .exceptionHandling).validate()
            Issue.record("expected a type mismatch")
        } catch {
            #expect(error.message == "type mismatch")
        }
    }
}
