/// Validates the body of one function, instruction by instruction, with the operand and
/// control stack algorithm of the specification's validation appendix.
///
/// Feed it every instruction of the body in order (`validate(_:at:)`), then call
/// `finish(at:)`; or let `validateBody()` read the body itself. An interpreter's translator
/// can drive it in the same pass as its own translation and ask it about the operand stack.
public struct FunctionValidator: Sendable {
    /// One entry of the control stack.
    private struct ControlFrame: Sendable {
        enum Kind: Sendable { case function, block, loop, `if`, `else` }
        var kind: Kind
        var parameters: TypeSequence
        var results: TypeSequence
        /// Operand stack height when the frame was entered (after its parameters were popped).
        var height: Int
        /// Whether the rest of the frame is unreachable (the operand stack is polymorphic).
        var isUnreachable = false

        /// The types a branch to this frame's label carries.
        var labelTypes: TypeSequence { kind == .loop ? parameters : results }
    }

    /// The module facts the body is checked against.
    public let context: ValidationContext
    /// Index of the function in the function index space (imports first).
    public let functionIndex: UInt32
    /// The function's signature.
    public let type: FunctionType
    /// Parameters then declared locals.
    public let locals: [ValueType]
    /// Byte range of the body's instructions in `context.bytes`.
    public let code: Range<Int>

    /// Operand types; nil is the unknown type of a polymorphic (unreachable) stack.
    private var operands: [ValueType?] = []
    private var frames: [ControlFrame] = []
    /// Reused buffer for `br_table`, which pops and pushes back the operands of each target.
    private var scratch: [ValueType?] = []
    private var offset = 0

    /// Prepares to validate defined function `functionIndex` of `module`.
    public init(module: Module, functionIndex: UInt32) throws(WasmError) {
        try self.init(context: ValidationContext(module: module), functionIndex: functionIndex)
    }

    /// Prepares to validate defined function `functionIndex` (in the function index space,
    /// imports first) against a context shared by all functions of the module.
    public init(context: ValidationContext, functionIndex: UInt32) throws(WasmError) {
        let bodyIndex = Int(functionIndex) - context.importedFunctionCount
        guard bodyIndex >= 0, bodyIndex < context.functionBodies.count else {
            throw WasmError(.invalid, offset: 0, "unknown function \(functionIndex)", functionIndex: functionIndex)
        }
        let body = context.functionBodies[bodyIndex]
        guard let type = context.functionType(ofFunction: functionIndex) else {
            throw WasmError(.invalid, offset: body.code.lowerBound, "unknown type", functionIndex: functionIndex)
        }
        self.context = context
        self.functionIndex = functionIndex
        self.type = type
        self.locals = type.parameters + body.locals
        self.code = body.code
        operands.reserveCapacity(32)
        frames.reserveCapacity(8)
        frames.append(
            ControlFrame(kind: .function, parameters: .empty, results: TypeSequence(type.results), height: 0))
    }

    // MARK: Queries for a translator

    /// Whether the function's final `end` has been validated.
    public var isFinished: Bool { frames.isEmpty }

    /// Number of operands on the stack (unknown ones of unreachable code included).
    public var operandCount: Int { operands.count }

    /// The type of the operand `depth` places below the top (0 = top); nil when it is unknown
    /// (unreachable code) or there is no such operand.
    public func operandType(fromTop depth: Int) -> ValueType? {
        let index = operands.count - 1 - depth
        return index >= 0 ? operands[index] : nil
    }

    /// Number of enclosing blocks, loops, ifs and the function itself.
    public var controlDepth: Int { frames.count }

    /// Whether the current position is unreachable code.
    public var isUnreachable: Bool { frames.last?.isUnreachable ?? true }

    /// How many values a branch to label `depth` carries, if the label exists.
    public func labelArity(_ depth: UInt32) -> Int? {
        Int(depth) < frames.count ? frames[frames.count - 1 - Int(depth)].labelTypes.count : nil
    }

    // MARK: Driving

    /// Reads and validates the whole body with an `InstructionReader`.
    public mutating func validateBody() throws(WasmError) {
        var reader = InstructionReader(bytes: context.bytes, range: code, features: context.features)
        do {
            while !reader.isAtEnd {
                let instructionOffset = reader.offset
                try validate(try reader.read(), at: instructionOffset)
            }
        } catch {
            var located = error
            located.functionIndex = located.functionIndex ?? functionIndex
            throw located
        }
        try finish(at: reader.offset)
    }

    /// Checks that the body ended with the `end` that closes the function.
    public func finish(at offset: Int) throws(WasmError) {
        guard isFinished else {
            throw WasmError(.malformed, offset: offset, "END opcode expected", functionIndex: functionIndex)
        }
    }

    /// Validates one instruction found at byte `offset` of the binary.
    public mutating func validate(_ instruction: Instruction, at offset: Int) throws(WasmError) {
        self.offset = offset
        guard !frames.isEmpty else {
            throw WasmError(
                .malformed, offset: offset, "operators remaining after end of function", functionIndex: functionIndex)
        }
        switch instruction {
        case .unreachable: markUnreachable()
        case .nop: break
        case .block(let blockType): try enterBlock(.block, blockType)
        case .loop(let blockType): try enterBlock(.loop, blockType)
        case .if(let blockType):
            try pop(.i32)
            try enterBlock(.if, blockType)
        case .else:
            guard frames.last?.kind == .if else { throw malformed("else without matching if") }
            let frame = try popFrame()
            pushFrame(.else, parameters: frame.parameters, results: frame.results)
        case .end:
            let frame = try popFrame()
            if frame.kind == .if, !frame.parameters.elementsEqual(frame.results) { throw invalid("type mismatch") }
            push(frame.results)
        case .tryTable(let blockType, let clauses):
            for clause in clauses { try validateCatchClause(clause) }
            try enterBlock(.block, blockType)
        case .throw(let index):
            try pop(try tagType(index).parameters)
            markUnreachable()
        case .throwRef:
            try pop(.exnRef)
            markUnreachable()
        case .br(let depth):
            try pop(try labelTypes(depth))
            markUnreachable()
        case .brIf(let depth):
            let types = try labelTypes(depth)
            try pop(.i32)
            try pop(types)
            push(types)
        case .brTable(let targets, let defaultTarget):
            try validateBranchTable(targets: targets, defaultTarget: defaultTarget)
        case .return:
            try pop(frames[0].results)
            markUnreachable()
        case .call(let index):
            guard let callee = context.functionType(ofFunction: index) else { throw invalid("unknown function \(index)") }
            try pop(callee.parameters)
            push(callee.results)
        case .callIndirect(let typeIndex, let tableIndex):
            let callee = try indirectCallee(typeIndex: typeIndex, tableIndex: tableIndex)
            try pop(.i32)
            try pop(callee.parameters)
            push(callee.results)
        case .returnCall(let index):
            guard let callee = context.functionType(ofFunction: index) else { throw invalid("unknown function \(index)") }
            try checkTailCallResults(callee)
            try pop(callee.parameters)
            markUnreachable()
        case .returnCallIndirect(let typeIndex, let tableIndex):
            let callee = try indirectCallee(typeIndex: typeIndex, tableIndex: tableIndex)
            try checkTailCallResults(callee)
            try pop(.i32)
            try pop(callee.parameters)
            markUnreachable()
        case .refNull(let type): push(type.valueType)
        case .refIsNull:
            if let type = try pop(), !type.isReference { throw invalid("type mismatch") }
            push(.i32)
        case .refFunc(let index):
            guard Int(index) < context.functionTypeIndices.count else { throw invalid("unknown function \(index)") }
            guard context.declaredFunctions.contains(index) else { throw invalid("undeclared function reference") }
            push(.funcRef)
        case .drop: try pop()
        case .select: try validateSelect()
        case .typedSelect(let type):
            try pop(.i32)
            try pop(type)
            try pop(type)
            push(type)
        case .localGet(let index): push(try local(index))
        case .localSet(let index): try pop(try local(index))
        case .localTee(let index):
            let type = try local(index)
            try pop(type)
            push(type)
        case .globalGet(let index): push(try global(index).valueType)
        case .globalSet(let index):
            let global = try global(index)
            guard global.isMutable else { throw invalid("global is immutable") }
            try pop(global.valueType)
        case .tableGet(let index):
            let type = try table(index).elementType.valueType
            try pop(.i32)
            push(type)
        case .tableSet(let index):
            try pop(try table(index).elementType.valueType)
            try pop(.i32)
        case .tableSize(let index):
            _ = try table(index)
            push(.i32)
        case .tableGrow(let index):
            let type = try table(index).elementType.valueType
            try pop(.i32)
            try pop(type)
            push(.i32)
        case .tableFill(let index):
            let type = try table(index).elementType.valueType
            try pop(.i32)
            try pop(type)
            try pop(.i32)
        case .tableCopy(let destination, let source):
            guard try table(destination).elementType == table(source).elementType else {
                throw invalid("type mismatch")
            }
            try popThreeI32()
        case .tableInit(let elementIndex, let tableIndex):
            let tableType = try table(tableIndex).elementType
            guard try elementSegment(elementIndex) == tableType else { throw invalid("type mismatch") }
            try popThreeI32()
        case .elemDrop(let index): _ = try elementSegment(index)
        case .load(let op, let argument):
            try checkMemoryAccess(argument, byteWidth: op.byteWidth)
            try pop(.i32)
            push(op.resultType)
        case .store(let op, let argument):
            try checkMemoryAccess(argument, byteWidth: op.byteWidth)
            try pop(op.valueType)
            try pop(.i32)
        case .memorySize(let index):
            try memory(index)
            push(.i32)
        case .memoryGrow(let index):
            try memory(index)
            try pop(.i32)
            push(.i32)
        case .memoryInit(let dataIndex, let memoryIndex):
            try memory(memoryIndex)
            try dataSegment(dataIndex)
            try popThreeI32()
        case .dataDrop(let index): try dataSegment(index)
        case .memoryCopy(let destination, let source):
            try memory(destination)
            try memory(source)
            try popThreeI32()
        case .memoryFill(let index):
            try memory(index)
            try popThreeI32()
        case .i32Const: push(.i32)
        case .i64Const: push(.i64)
        case .f32Const: push(.f32)
        case .f64Const: push(.f64)
        case .numeric(let op):
            let shape = op.shape
            try pop(shape.operand)
            if shape.operandCount == 2 { try pop(shape.operand) }
            push(shape.result)
        }
    }

    // MARK: Instruction groups

    private mutating func validateBranchTable(targets: [UInt32], defaultTarget: UInt32) throws(WasmError) {
        try pop(.i32)
        let defaultTypes = try labelTypes(defaultTarget)
        for target in targets {
            let types = try labelTypes(target)
            guard types.count == defaultTypes.count else { throw invalid("type mismatch") }
            // Pop the target's types and push back what was actually there.
            scratch.removeAll(keepingCapacity: true)
            for index in stride(from: types.count - 1, through: 0, by: -1) {
                scratch.append(try pop(expecting: types[index]))
            }
            operands.append(contentsOf: scratch.reversed())
        }
        try pop(defaultTypes)
        markUnreachable()
    }

    /// Untyped `select`: both operands must have the same numeric (or vector) type.
    private mutating func validateSelect() throws(WasmError) {
        try pop(.i32)
        let first = try pop()
        let second = try pop()
        if first?.isReference == true || second?.isReference == true { throw invalid("type mismatch") }
        if let first, let second, first != second { throw invalid("type mismatch") }
        if let result = first ?? second {
            push(result)
        } else {
            operands.append(nil)
        }
    }

    private func checkMemoryAccess(_ argument: MemoryArgument, byteWidth: Int) throws(WasmError) {
        try memory(argument.memoryIndex)
        guard argument.alignment < 32, 1 << argument.alignment <= byteWidth else {
            throw invalid("alignment must not be larger than natural")
        }
    }

    // MARK: Index lookups

    /// The types carried by a branch to label `depth`.
    private func labelTypes(_ depth: UInt32) throws(WasmError) -> TypeSequence {
        guard Int(depth) < frames.count else { throw invalid("unknown label \(depth)") }
        return frames[frames.count - 1 - Int(depth)].labelTypes
    }

    private func tagType(_ index: UInt32) throws(WasmError) -> FunctionType {
        guard Int(index) < context.tags.count else { throw invalid("unknown tag \(index)") }
        return context.tags[Int(index)]
    }

    /// A catch clause's branch carries the tag's payload (and an `exnref` for the `_ref`
    /// forms): exactly the types of its label, which is outside the `try_table`.
    private func validateCatchClause(_ clause: CatchClause) throws(WasmError) {
        var carried = try clause.tag.map { (tag) throws(WasmError) in try tagType(tag).parameters } ?? []
        if clause.capturesReference { carried.append(.exnRef) }
        let label = try labelTypes(clause.label)
        guard label.count == carried.count, (0..<carried.count).allSatisfy({ label[$0] == carried[$0] }) else {
            throw invalid("type mismatch")
        }
    }

    private func local(_ index: UInt32) throws(WasmError) -> ValueType {
        guard Int(index) < locals.count else { throw invalid("unknown local \(index)") }
        return locals[Int(index)]
    }

    private func global(_ index: UInt32) throws(WasmError) -> GlobalType {
        guard Int(index) < context.globals.count else { throw invalid("unknown global \(index)") }
        return context.globals[Int(index)]
    }

    private func table(_ index: UInt32) throws(WasmError) -> TableType {
        guard Int(index) < context.tables.count else { throw invalid("unknown table \(index)") }
        return context.tables[Int(index)]
    }

    private func memory(_ index: UInt32) throws(WasmError) {
        guard Int(index) < context.memories.count else { throw invalid("unknown memory \(index)") }
    }

    private func elementSegment(_ index: UInt32) throws(WasmError) -> ReferenceType {
        guard Int(index) < context.elementTypes.count else { throw invalid("unknown elem segment \(index)") }
        return context.elementTypes[Int(index)]
    }

    /// `memory.init` and `data.drop` need the data count section (so that code can be
    /// validated before the data section is seen).
    private func dataSegment(_ index: UInt32) throws(WasmError) {
        guard let dataCount = context.dataCount else { throw malformed("data count section required") }
        guard index < dataCount else { throw invalid("unknown data segment \(index)") }
    }

    // MARK: Operand and control stacks

    private mutating func push(_ type: ValueType) {
        operands.append(type)
    }

    private mutating func push(_ types: TypeSequence) {
        for index in 0..<types.count { operands.append(types[index]) }
    }

    /// Pops any operand; nil when the stack is polymorphic and empty for this frame.
    @discardableResult
    private mutating func pop() throws(WasmError) -> ValueType? {
        let frameIndex = frames.count - 1
        if operands.count == frames[frameIndex].height {
            if frames[frameIndex].isUnreachable { return nil }
            throw invalid("type mismatch")
        }
        return operands.removeLast()
    }

    /// Pops an operand that must have type `expected` (or be unknown); returns what was popped.
    @discardableResult
    private mutating func pop(expecting expected: ValueType) throws(WasmError) -> ValueType? {
        let actual = try pop()
        if let actual, actual != expected { throw invalid("type mismatch") }
        return actual
    }

    private mutating func pop(_ expected: ValueType) throws(WasmError) {
        try pop(expecting: expected)
    }

    /// Pops operands matching `types` (the last type is on top).
    private mutating func pop(_ types: TypeSequence) throws(WasmError) {
        for index in stride(from: types.count - 1, through: 0, by: -1) {
            try pop(expecting: types[index])
        }
    }

    private mutating func pop(_ types: [ValueType]) throws(WasmError) {
        for type in types.reversed() { try pop(expecting: type) }
    }

    private mutating func push(_ types: [ValueType]) {
        operands.append(contentsOf: types)
    }

    private mutating func popThreeI32() throws(WasmError) {
        try pop(.i32)
        try pop(.i32)
        try pop(.i32)
    }

    private mutating func enterBlock(_ kind: ControlFrame.Kind, _ blockType: BlockType) throws(WasmError) {
        let parameters: TypeSequence
        let results: TypeSequence
        switch blockType {
        case .empty:
            parameters = .empty
            results = .empty
        case .value(let type):
            parameters = .empty
            results = TypeSequence(type)
        case .typeIndex(let index):
            guard Int(index) < context.types.count else { throw invalid("unknown type \(index)") }
            let type = context.types[Int(index)]
            parameters = TypeSequence(type.parameters)
            results = TypeSequence(type.results)
        }
        try pop(parameters)
        pushFrame(kind, parameters: parameters, results: results)
    }

    private mutating func pushFrame(_ kind: ControlFrame.Kind, parameters: TypeSequence, results: TypeSequence) {
        frames.append(ControlFrame(kind: kind, parameters: parameters, results: results, height: operands.count))
        push(parameters)
    }

    private mutating func popFrame() throws(WasmError) -> ControlFrame {
        let frame = frames[frames.count - 1]
        try pop(frame.results)
        guard operands.count == frame.height else { throw invalid("type mismatch") }
        frames.removeLast()
        return frame
    }

    /// The type `call_indirect` and `return_call_indirect` call through a funcref table.
    private func indirectCallee(typeIndex: UInt32, tableIndex: UInt32) throws(WasmError) -> FunctionType {
        let table = try table(tableIndex)
        guard table.elementType == .funcRef else { throw invalid("type mismatch") }
        guard Int(typeIndex) < context.types.count else { throw invalid("unknown type \(typeIndex)") }
        return context.types[Int(typeIndex)]
    }

    /// A tail call returns the callee's results from this function: they must be its results.
    private func checkTailCallResults(_ callee: FunctionType) throws(WasmError) {
        guard callee.results == type.results else { throw invalid("type mismatch") }
    }

    private mutating func markUnreachable() {
        operands.removeLast(operands.count - frames[frames.count - 1].height)
        frames[frames.count - 1].isUnreachable = true
    }

    // MARK: Errors

    private func invalid(_ message: String) -> WasmError {
        WasmError(.invalid, offset: offset, message, functionIndex: functionIndex)
    }

    private func malformed(_ message: String) -> WasmError {
        WasmError(.malformed, offset: offset, message, functionIndex: functionIndex)
    }
}
