import Testing
@testable import WasmCore

/// Hand-built binaries for the decoder.
struct ModuleDecoderTests {
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    /// A module from its sections, each given as (id, contents); sizes are computed.
    static func module(_ sections: [(UInt8, [UInt8])]) -> [UInt8] {
        var bytes = header
        for (id, contents) in sections {
            bytes.append(id)
            bytes += leb(UInt32(contents.count))
            bytes += contents
        }
        return bytes
    }

    static func leb(_ value: UInt32) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
        return out
    }

    static func expectMalformed(_ bytes: [UInt8], _ message: String, offset: Int? = nil) {
        do {
            _ = try Module(decoding: bytes)
            Issue.record("expected malformed: \(message)")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.message.hasPrefix(message), "got \(error.message)")
            if let offset { #expect(error.offset == offset) }
        }
    }

    @Test func decodesEmptyModule() throws {
        let module = try Module(decoding: Self.header)
        #expect(module.types.isEmpty)
        #expect(module.functionBodies.isEmpty)
    }

    @Test func decodesFunctionsExportsAndNames() throws {
        let bytes = Self.module([
            (1, [0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F]),  // (i32) -> i32
            (3, [0x01, 0x00]),
            (5, [0x01, 0x01, 0x01, 0x02]),  // memory 1..2
            (7, [0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00]),  // export "add" func 0
            (10, [0x01, 0x07, 0x01, 0x02, 0x7E, 0x20, 0x00, 0x1A, 0x0B]),
            (0, [0x04] + Array("name".utf8) + [0x00, 0x02, 0x01, 0x6D, 0x01, 0x04, 0x01, 0x00, 0x01, 0x66]),
        ])
        let module = try Module(decoding: bytes)
        #expect(module.types == [FunctionType(parameters: [.i32], results: [.i32])])
        #expect(module.functionTypeIndices == [0])
        #expect(module.memories == [MemoryType(limits: Limits(min: 1, max: 2))])
        #expect(module.exports == [Export(name: "add", descriptor: .function(0))])
        #expect(module.functionBodies[0].locals == [.i64, .i64])
        #expect(module.names.moduleName == "m")
        #expect(module.names.functionNames == [0: "f"])
        var reader = InstructionReader(bytes: bytes, range: module.functionBodies[0].code)
        var instructions: [Instruction] = []
        while !reader.isAtEnd { instructions.append(try reader.read()) }
        #expect(instructions == [.localGet(0), .drop, .end])
    }

    @Test func brokenNameSectionIsIgnored() throws {
        let bytes = Self.module([(0, [0x04] + Array("name".utf8) + [0x01, 0x05, 0x01])])
        let module = try Module(decoding: bytes)
        #expect(module.names == NameMap())
        #expect(module.customSections.map(\.name) == ["name"])
    }

    @Test func rejectsBadHeaders() {
        Self.expectMalformed([], "unexpected end", offset: 0)
        Self.expectMalformed([0x00, 0x61, 0x73], "unexpected end")
        Self.expectMalformed([0x00, 0x41, 0x53, 0x4D, 1, 0, 0, 0], "magic header not detected", offset: 0)
        Self.expectMalformed([0x00, 0x61, 0x73, 0x6D, 0x0D, 0, 1, 0], "unknown binary version", offset: 4)
    }

    @Test func rejectsSectionStructureErrors() {
        Self.expectMalformed(Self.header + [0x0E, 0x01, 0x00], "malformed section id", offset: 8)
        Self.expectMalformed(Self.module([(3, [0x00]), (1, [0x00])]), "unexpected content after last section")
        Self.expectMalformed(Self.module([(1, [0x00]), (1, [0x00])]), "unexpected content after last section")
        Self.expectMalformed(Self.module([(1, [0x00, 0x00])]), "section size mismatch", offset: 11)
        Self.expectMalformed(Self.header + [0x01, 0x05, 0x00], "length out of bounds")
        Self.expectMalformed(Self.module([(1, [0x02, 0x60, 0x00, 0x00]), (3, [0x00])]), "unexpected end of section or function")
        Self.expectMalformed(
            Self.module([(1, [0x01, 0x60, 0x00, 0x00]), (3, [0x01, 0x00])]),
            "function and code section have inconsistent lengths")
        Self.expectMalformed(
            Self.module([(12, [0x01]), (11, [0x00])]), "data count and data section have inconsistent lengths")
    }

    @Test func rejectsBadLEB128() {
        // Memory minimum encoded in 6 bytes.
        Self.expectMalformed(
            Self.module([(5, [0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00])]), "integer representation too long")
        // Memory minimum with bits above 32 set.
        Self.expectMalformed(Self.module([(5, [0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x10])]), "integer too large")
        // A count of 2^32 - 1 elements with no bytes behind it allocates nothing.
        Self.expectMalformed(Self.module([(1, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])]), "unexpected end")
    }

    @Test func signedLEB128UsesSignExtensionRules() throws {
        var reader = BinaryReader(bytes: [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x80, 0x80, 0x80, 0x80, 0x78])
        #expect(try reader.readInt32() == -1)
        #expect(try reader.readInt32() == -1)
        #expect(try reader.readInt32() == Int32.min)
        var tooLarge = BinaryReader(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x4F])
        #expect(throws: WasmError(.malformed, offset: 4, "integer too large")) { try tooLarge.readInt32() }
        var int64 = BinaryReader(bytes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F])
        #expect(try int64.readInt64() == Int64.min)
    }

    @Test func rejectsBadEntries() {
        Self.expectMalformed(Self.module([(2, [0x01, 0x00, 0x00, 0x04])]), "malformed import kind")
        Self.expectMalformed(Self.module([(6, [0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B])]), "malformed mutability")
        Self.expectMalformed(Self.module([(4, [0x01, 0x7F, 0x00, 0x00])]), "malformed reference type")
        Self.expectMalformed(Self.module([(0, [0x02, 0xC0, 0x80])]), "malformed UTF-8 encoding")
        Self.expectMalformed(
            Self.module([(1, [0x01, 0x60, 0x00, 0x00]), (3, [0x01, 0x00]),
                         (10, [0x01, 0x08, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B])]),
            "too many locals")
    }

    @Test func decodesElementSegmentEncodings() throws {
        let bytes = Self.module([
            (1, [0x01, 0x60, 0x00, 0x00]), (3, [0x01, 0x00]), (4, [0x01, 0x70, 0x00, 0x01]),
            (9, [0x04,
                 0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,  // 0: active table 0, function indices
                 0x01, 0x00, 0x01, 0x00,  // 1: passive, elemkind, function indices
                 0x03, 0x00, 0x01, 0x00,  // 3: declarative
                 0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B,  // 5: passive externref expressions
                ]),
            (10, [0x01, 0x02, 0x00, 0x0B]),
        ])
        let module = try Module(decoding: bytes)
        #expect(module.elements.count == 4)
        #expect(module.elements[0].mode == .active(tableIndex: 0, offset: ConstantExpression(instructions: [.i32Const(0)])))
        #expect(module.elements[1].mode == .passive)
        #expect(module.elements[2].mode == .declarative)
        #expect(module.elements[3].type == .externRef)
        #expect(module.elements[3].initializers == [ConstantExpression(instructions: [.refNull(.externRef)])])
    }

    @Test func instructionReaderDecodesPrefixedAndRejectsSIMD() throws {
        let code: [UInt8] = [0xFC, 0x07, 0xFC, 0x0A, 0x00, 0x00, 0x0E, 0x02, 0x00, 0x01, 0x02, 0x43, 0x00, 0x00, 0x80, 0x3F,
                             0xFD, 0x0C]
        var reader = InstructionReader(bytes: code, range: 0..<code.count)
        #expect(try reader.read() == .numeric(.i64TruncSatF64U))
        #expect(try reader.read() == .memoryCopy(destinationMemory: 0, sourceMemory: 0))
        #expect(try reader.read() == .brTable(targets: [0, 1], defaultTarget: 2))
        #expect(try reader.read() == .f32Const(0x3F80_0000))
        #expect(throws: WasmError.self) { try reader.read() }
        var zero = InstructionReader(bytes: [0x3F, 0x01], range: 0..<2)
        #expect(throws: WasmError(.malformed, offset: 1, "zero byte expected")) { try zero.read() }
    }
}
