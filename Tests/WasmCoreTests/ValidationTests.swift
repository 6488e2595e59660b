import Testing
import WasmCore

/// Hand-built modules for each class of validation error, and valid edge cases.
struct ValidationTests {
    typealias M = TestModule

    static func validate(_ module: TestModule) throws(WasmError) {
        try Module(decoding: module.bytes).validate()
    }

    static func expectRejected(
        _ module: TestModule, _ message: String, kind: WasmError.Kind = .invalid, functionIndex: UInt32? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            try validate(module)
            Issue.record("expected \"\(message)\"", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            #expect(error.message.hasPrefix(message), "got \(error.message)", sourceLocation: sourceLocation)
            if let functionIndex { #expect(error.functionIndex == functionIndex, sourceLocation: sourceLocation) }
        }
    }

    // MARK: Function bodies

    @Test func acceptsWellTypedBodies() throws {
        // (i32, i32) -> i32: local.get 0, local.get 1, i32.add
        try Self.validate(M.function(params: [M.i32, M.i32], results: [M.i32], code: [0x20, 0x00, 0x20, 0x01, 0x6A]))
        // Unreachable code has a polymorphic stack: unreachable, i32.add, drop, then return an i64.
        try Self.validate(M.function(results: [M.i64], code: [0x00, 0x6A, 0x1A, 0x42, 0x00]))
        // br_table whose targets all carry one i32.
        try Self.validate(M.function(results: [M.i32], code: [
            0x02, 0x7F, 0x41, 0x01, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B,
        ]))
    }

    @Test func acceptsMultiValueBlocks() throws {
        // Type 1 is (i32) -> (i32, i32); the block takes one i32 and leaves two.
        var module = M.function(results: [M.i32], code: [
            0x41, 0x05, 0x02, 0x01, 0x20, 0x00, 0x0B, 0x6A,
        ])
        module.types.append(M.functionType([M.i32], [M.i32, M.i32]))
        module.bodies = [M.localsDeclaration([M.i32]) + [0x41, 0x05, 0x02, 0x01, 0x20, 0x00, 0x0B, 0x6A, 0x0B]]
        try Self.validate(module)
    }

    @Test func rejectsTypeMismatches() {
        Self.expectRejected(M.function(results: [M.i32], code: [0x42, 0x00]), "type mismatch", functionIndex: 0)
        Self.expectRejected(M.function(code: [0x6A]), "type mismatch")
        Self.expectRejected(M.function(code: [0x41, 0x00]), "type mismatch")
        // select on references needs a type immediate.
        Self.expectRejected(M.function(code: [0xD0, 0x70, 0xD0, 0x70, 0x41, 0x00, 0x1B, 0x1A]), "type mismatch")
        // br_table targets with different arities.
        Self.expectRejected(M.function(results: [M.i32], code: [
            0x02, 0x40, 0x41, 0x00, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x41, 0x00,
        ]), "type mismatch")
        // if without else must not change the stack shape.
        Self.expectRejected(M.function(results: [M.i32], code: [0x41, 0x00, 0x04, 0x7F, 0x41, 0x01, 0x0B]), "type mismatch")
    }

    @Test func rejectsUnknownIndicesInBodies() {
        Self.expectRejected(M.function(code: [0x20, 0x00, 0x1A]), "unknown local")
        Self.expectRejected(M.function(code: [0x23, 0x00, 0x1A]), "unknown global")
        Self.expectRejected(M.function(code: [0x10, 0x01]), "unknown function")
        Self.expectRejected(M.function(code: [0x41, 0x00, 0x25, 0x00, 0x1A]), "unknown table")
        Self.expectRejected(M.function(code: [0x41, 0x00, 0x28, 0x02, 0x00, 0x1A]), "unknown memory")
        Self.expectRejected(M.function(code: [0x02, 0x05, 0x0B]), "unknown type")
        Self.expectRejected(M.function(code: [0x0C, 0x01]), "unknown label")
        Self.expectRejected(M.function(code: [0xFC, 0x0D, 0x00]), "unknown elem segment")
        var data = M.function(code: [0xFC, 0x09, 0x01])
        data.dataCount = 1
        data.data = [[0x01, 0x00]]
        Self.expectRejected(data, "unknown data segment")
    }

    @Test func rejectsOtherBodyRules() {
        var immutable = M.function(code: [0x41, 0x00, 0x24, 0x00])
        immutable.globals = [[M.i32, 0x00, 0x41, 0x00, 0x0B]]
        Self.expectRejected(immutable, "global is immutable")

        var aligned = M.function(code: [0x41, 0x00, 0x28, 0x03, 0x00, 0x1A])
        aligned.memories = [[0x00, 0x01]]
        Self.expectRejected(aligned, "alignment must not be larger than natural")

        Self.expectRejected(M.function(code: [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x1C, 0x02, 0x7F, 0x7F]),
                            "invalid result arity")
        Self.expectRejected(M.function(code: [0xD2, 0x00, 0x1A]), "undeclared function reference")

        var withoutCount = M.function(code: [0xFC, 0x09, 0x00])
        withoutCount.data = [[0x01, 0x00]]
        Self.expectRejected(withoutCount, "data count section required", kind: .malformed)

        var missingEnd = M.function(code: [])
        missingEnd.bodies = [[0x00, 0x01]]
        Self.expectRejected(missingEnd, "END opcode expected", kind: .malformed)
        var trailing = M.function(code: [])
        trailing.bodies = [[0x00, 0x0B, 0x01]]
        Self.expectRejected(trailing, "operators remaining after end of function", kind: .malformed)
    }

    @Test func errorsCarryOffsetAndFunctionIndex() throws {
        var module = M.function(code: [0x01])
        module.functions = [0, 0]
        module.bodies.append([0x00, 0x01, 0x20, 0x03, 0x0B])  // nop, local.get 3
        let bytes = module.bytes
        #expect(throws: WasmError(.invalid, offset: bytes.count - 3, "unknown local 3", functionIndex: 1)) {
            try Module(decoding: bytes).validate()
        }
    }

    // MARK: Module level

    @Test func rejectsModuleLevelErrors() {
        var memories = TestModule()
        memories.memories = [[0x00, 0x01], [0x00, 0x01]]
        Self.expectRejected(memories, "multiple memories")

        var large = TestModule()
        large.memories = [[0x00, 0x81, 0x80, 0x04]]  // 65537 pages
        Self.expectRejected(large, "memory size must be at most 65536 pages (4GiB)")

        var limits = TestModule()
        limits.tables = [[0x70, 0x01, 0x02, 0x01]]
        Self.expectRejected(limits, "size minimum must not be greater than maximum")

        var exports = M.function(code: [])
        exports.exports = [M.name("f") + [0x00, 0x00], M.name("f") + [0x00, 0x00]]
        Self.expectRejected(exports, "duplicate export name")

        var unknownExport = TestModule()
        unknownExport.exports = [M.name("g") + [0x03, 0x00]]
        Self.expectRejected(unknownExport, "unknown global")

        var start = M.function(params: [M.i32], code: [])
        start.start = 0
        Self.expectRejected(start, "start function")

        var unknownType = TestModule()
        unknownType.imports = [M.name("m") + M.name("f") + [0x00, 0x00]]
        Self.expectRejected(unknownType, "unknown type")
    }

    @Test func checksConstantExpressions() throws {
        var nonConstant = TestModule()
        nonConstant.globals = [[M.i32, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B]]
        Self.expectRejected(nonConstant, "constant expression required")

        var wrongType = TestModule()
        wrongType.globals = [[M.i32, 0x00, 0x42, 0x00, 0x0B]]
        Self.expectRejected(wrongType, "type mismatch")

        var definedGlobal = TestModule()
        definedGlobal.globals = [[M.i32, 0x00, 0x41, 0x00, 0x0B], [M.i32, 0x00, 0x23, 0x00, 0x0B]]
        Self.expectRejected(definedGlobal, "unknown global")

        var mutableImport = TestModule()
        mutableImport.imports = [M.name("m") + M.name("g") + [0x03, M.i32, 0x01]]
        mutableImport.globals = [[M.i32, 0x00, 0x23, 0x00, 0x0B]]
        Self.expectRejected(mutableImport, "constant expression required")

        var importedGlobal = mutableImport
        importedGlobal.imports = [M.name("m") + M.name("g") + [0x03, M.i32, 0x00]]
        try Self.validate(importedGlobal)

        // ref.func in an element segment declares the function for use in bodies.
        var declared = M.function(code: [0xD2, 0x00, 0x1A])
        declared.elements = [[0x03, 0x00, 0x01, 0x00]]
        try Self.validate(declared)

        var elementType = M.function(code: [])
        elementType.tables = [[0x6F, 0x00, 0x01]]
        elementType.elements = [[0x00, 0x41, 0x00, 0x0B, 0x01, 0x00]]
        Self.expectRejected(elementType, "type mismatch")
    }

    // MARK: Driving the validator instruction by instruction

    @Test func functionValidatorReportsStackState() throws {
        let module = try Module(decoding: M.function(params: [M.i32], results: [M.i32], code: [0x20, 0x00]).bytes)
        var validator = try FunctionValidator(module: module, functionIndex: 0)
        #expect(validator.operandCount == 0)
        #expect(validator.labelArity(0) == 1)
        try validator.validate(.localGet(0), at: 0)
        #expect(validator.operandType(fromTop: 0) == .i32)
        try validator.validate(.block(.empty), at: 2)
        #expect(validator.controlDepth == 2)
        try validator.validate(.unreachable, at: 4)
        #expect(validator.isUnreachable)
        try validator.validate(.end, at: 5)
        #expect(!validator.isFinished)
        #expect(throws: WasmError.self) { try validator.finish(at: 6) }
        try validator.validate(.end, at: 6)
        #expect(validator.isFinished)
        try validator.finish(at: 7)
    }
}
