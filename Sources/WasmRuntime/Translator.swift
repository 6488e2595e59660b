internal import CWasmInterpreter
import WasmCore

/// An error found while translating a function body (only possible for modules that were
/// not validated, or that exceed the interpreter's frame limit).
struct TranslationError: Error {
    var message: String
}

/// What the translator needs of the instance a function belongs to: addresses of the
/// records its instructions refer to.
struct TranslationContext {
    var module: Module
    var functions: [UnsafeMutablePointer<FunctionRecord>]
    var functionTypes: [FunctionType]
    var typeIDs: [Int]
    var globals: [UnsafeMutablePointer<UInt64>]
    var tables: [UnsafeMutablePointer<TableRecord>]
    var memories: [UnsafeMutablePointer<MemoryRecord>]
    /// Store index and payload size of each tag (exception handling).
    var tags: [(storeIndex: Int, payloadCount: Int)]
    var elementSegments: [UnsafeMutablePointer<SegmentRecord>]
    var dataSegments: [UnsafeMutablePointer<SegmentRecord>]
}

/// Translates one function body from the stack machine into the interpreter's register
/// code: every value gets a frame slot at translation time, `local.get` and constants emit
/// nothing, results are written straight into the local a `local.set` names, comparisons
/// feeding a branch become one compare-and-branch instruction.
struct Translator {
    private let context: TranslationContext
    private let resultCount: Int
    /// Parameters plus declared locals.
    private let localCount: Int
    private(set) var code: [UInt64] = []
    private var stack: [StackValue] = []
    private var frames: [ControlFrame] = []
    private(set) var maxHeight = 0
    /// The last instruction that wrote a temporary: retargeted by a following `local.set`.
    private var lastProducer: (end: Int, operand: Int, position: Int)?
    /// The last `i32.add`/`i32.sub` with a constant: folded into a following load or store address.
    private var lastAddImmediate: (start: Int, end: Int, position: Int, source: Int, addend: UInt32)?
    /// The last load from memory 0: fused into a following binary operator that takes its value.
    private var lastLoad: (start: Int, end: Int, position: Int, opcode: Opcode, address: Int, immediate: UInt64)?
    /// The last `a op load(address)`: fused into a following store of its result to that address.
    private var lastLoadOperand: (start: Int, end: Int, position: Int, opcode: Opcode, address: Int, immediate: UInt64)?
    /// The last `i32.rotl`/`i32.rotr` by a constant, as a left rotation: fused into a following `i32.xor`.
    private var lastRotate: (start: Int, end: Int, position: Int, source: Int, count: UInt32)?
    /// The last `i32.add` of a constant whose result went to a local: merged with a following one.
    private var lastLocalAddImmediate: (start: Int, end: Int)?
    /// The last `copy` (or `copy2`, `copy3`): merged with a following one.
    private var lastCopy: (start: Int, end: Int)?
    /// The slot whose value the accumulator holds at the end of the code (`end`), when the
    /// last instruction emitted (at `start`) wrote it there: the next instruction reads that
    /// slot from the accumulator (its accumulator form, see Opcodes.def).
    private var accumulator: (start: Int, end: Int, slot: Int)?
    /// The accumulator before the last instruction emitted (which starts at `start`): what it
    /// is again when a fusion removes that instruction.
    private var accumulatorBefore: (start: Int, accumulator: (start: Int, end: Int, slot: Int)?) = (0, nil)
    /// The opcode of the last instruction emitted.
    private var lastOpcode = Opcode.unreachable
    /// The last i32 comparison: fused into a following conditional branch.
    private var lastCompare: (start: Int, end: Int, position: Int, condition: BranchCondition)?
    /// Nesting depth of constructs inside unreachable code being skipped.
    private var skippedDepth = 0
    private let parameterCount: Int
    /// Whether translation is still in the straight-line code from the function's entry,
    /// where declared locals not written yet are known to hold zero.
    private var inEntryRegion = true
    private var writtenInEntryRegion = Set<Int>()
    /// Slots reserved after the locals for constants read as operands.
    private let constantCapacity: Int
    /// The constants in their slot order (the frame's constant area, copied on entry).
    private var constants: [UInt64] = []
    /// The catch clauses of every `try_table`, inner ones first (see `HandlerRecord`).
    private(set) var handlers: [HandlerRecord] = []
    private var constantSlots: [UInt64: Int] = [:]

    /// A translator for a function of type `type` with `locals`; `constantCapacity` bounds the
    /// distinct constants of its body (see `distinctConstantCount`).
    init(context: TranslationContext, type: FunctionType, locals: [ValueType], constantCapacity: Int) {
        self.context = context
        resultCount = type.results.count
        localCount = type.parameters.count + locals.count
        parameterCount = type.parameters.count
        self.constantCapacity = constantCapacity
        frames = [ControlFrame(kind: .function, height: 0, parameterCount: 0, resultCount: resultCount)]
    }

    /// Slots the frame needs.
    var frameSize: Int { max(localCount + constantCapacity + maxHeight, resultCount, 1) }

    /// What a call copies into the slots after the parameters (`FunctionRecord.entryValues`):
    /// zero for each declared local, then the constants.
    var entryValues: [UInt64] { Array(repeating: 0, count: localCount - parameterCount) + constants }

    /// The number of distinct constant values a body pushes: the size of its constant area.
    static func distinctConstantCount(_ reader: inout InstructionReader, context: TranslationContext) throws(TranslationError) -> Int {
        var values = Set<UInt64>()
        while !reader.isAtEnd {
            let instruction: Instruction
            do { instruction = try reader.read() } catch { throw TranslationError(message: error.description) }
            switch instruction {
            case .i32Const(let value): values.insert(UInt64(UInt32(bitPattern: value)))
            case .i64Const(let value): values.insert(UInt64(bitPattern: value))
            case .f32Const(let bits): values.insert(UInt64(bits))
            case .f64Const(let bits): values.insert(bits)
            case .refNull: values.insert(0)
            case .refFunc(let index) where Int(index) < context.functions.count:
                values.insert(UInt64(UInt(bitPattern: context.functions[Int(index)])))
            default: break
            }
        }
        return values.count
    }

    /// Translates the body read from `reader` (through its final `end`).
    mutating func translate(_ reader: inout InstructionReader) throws(TranslationError) {
        while !frames.isEmpty {
            guard !reader.isAtEnd else { throw TranslationError(message: "unexpected end of function body") }
            let instruction: Instruction
            do { instruction = try reader.read() } catch { throw TranslationError(message: error.description) }
            try translate(instruction)
        }
        guard frameSize <= maxFrameSlots else {
            throw TranslationError(message: "function needs \(frameSize) slots, more than the interpreter's limit")
        }
    }

    // MARK: Emission helpers

    private mutating func emit(_ opcode: Opcode, _ operands: UInt64...) {
        emit(opcode, words: operands)
    }

    /// Emits `opcode`, in its form reading the accumulator when one of its operand slots is
    /// the one the accumulator holds.
    private mutating func emit(_ opcode: Opcode, words operands: [UInt64]) {
        var opcode = opcode
        if let accumulator, accumulator.end == code.count {
            opcode = opcode.accumulatorForm(reading: accumulator.slot, operands: operands)
        }
        accumulatorBefore = (code.count, accumulator)
        accumulator = nil
        lastOpcode = opcode
        code.append(opcode.word)
        code.append(contentsOf: operands)
    }

    /// Removes the code from `start` on, the last instruction emitted, which a fusion replaces.
    private mutating func removeLastInstruction(at start: Int) {
        let restored = accumulatorBefore.start == start ? accumulatorBefore.accumulator : nil
        code.removeSubrange(start...)
        resetFusion()
        accumulator = restored
    }

    private func temporarySlot(_ position: Int) -> Int { localCount + constantCapacity + position }

    /// The constant-area slot holding `bits`, or nil when the area is full.
    private mutating func constantSlot(_ bits: UInt64) -> Int? {
        if let slot = constantSlots[bits] { return slot }
        guard constants.count < constantCapacity else { return nil }
        let slot = localCount + constants.count
        constants.append(bits)
        constantSlots[bits] = slot
        return slot
    }

    private mutating func push(_ value: StackValue) {
        stack.append(value)
        maxHeight = max(maxHeight, stack.count)
    }

    /// Pushes the temporary written by the instruction just emitted, whose destination is
    /// field 0 of the word at `operand`.
    private mutating func pushProduced(operand: Int) {
        push(.temporary)
        lastProducer = (code.count, operand, stack.count - 1)
        if wcomp_writes_accumulator(lastOpcode) {
            accumulator = (accumulatorBefore.start, code.count, lowSlot(code[operand]))
        }
    }

    /// Puts the value at `position` into its temporary slot.
    private mutating func materialize(_ position: Int) {
        let slot = temporarySlot(position)
        switch stack[position] {
        case .temporary: return
        case .local(let local): emitCopy(slot, local)
        case .constant(let bits): emit(.const, UInt64(slot), bits)
        }
        stack[position] = .temporary
    }

    /// The slot holding `value`, which was at `position`: constants are read from the constant area.
    private mutating func slot(of value: StackValue, at position: Int) -> Int {
        switch value {
        case .temporary: return temporarySlot(position)
        case .local(let local): return local
        case .constant(let bits):
            if let slot = constantSlot(bits) { return slot }
            emit(.const, UInt64(temporarySlot(position)), bits)
            return temporarySlot(position)
        }
    }

    /// Pops the top value and returns its slot.
    private mutating func popSlot() -> Int {
        let value = stack.removeLast()
        return slot(of: value, at: stack.count)
    }

    /// Pops three values and returns their slots as two operand words (first popped last).
    private mutating func popThreeSlots() -> [UInt64] {
        let c = popSlot(), b = popSlot(), a = popSlot()
        return [packSlots(a, b), UInt64(c)]
    }

    /// Copies every `local.get` still pending on the stack into its temporary, so that
    /// control flow cannot join paths that disagree on where the value is.
    private mutating func materializeLocals() {
        for position in stack.indices {
            if case .local = stack[position] { materialize(position) }
        }
    }

    /// Invalidates fusion across a label or construct boundary.
    private mutating func resetFusion() {
        lastProducer = nil
        lastCompare = nil
        lastAddImmediate = nil
        lastLoad = nil
        lastLoadOperand = nil
        lastRotate = nil
        lastLocalAddImmediate = nil
        lastCopy = nil
        accumulator = nil
    }

    /// `destination = source`, merged with the copies immediately before it (up to four in
    /// one `copy2`, `copy3` or `copy4`, run in order).
    private mutating func emitCopy(_ destination: Int, _ source: Int) {
        if let last = lastCopy, last.end == code.count {
            let pairs = Array(code[(last.start + 1)...]) + [packSlots(destination, source)]
            code.removeSubrange(last.start...)
            let start = code.count
            emit(pairs.count == 2 ? .copy2 : pairs.count == 3 ? .copy3 : .copy4, words: pairs)
            lastCopy = pairs.count < 4 ? (start, code.count) : nil
        } else {
            let start = code.count
            emit(.copy, packSlots(destination, source))
            lastCopy = (start, code.count)
        }
    }

    /// The address operand of a load or store at the top of the stack (below `above` values):
    /// its slot and a constant added to it first (folding a preceding `i32.add` of a constant).
    private mutating func popAddress(above: Int) -> (slot: Int, addend: UInt32) {
        let position = stack.count - 1 - above
        if stack[position] == .temporary, let add = lastAddImmediate, add.end == code.count, add.position == position {
            removeLastInstruction(at: add.start)
            stack.remove(at: position)
            return (add.source, add.addend)
        }
        let value = stack.remove(at: position)
        return (slot(of: value, at: position), 0)
    }

    /// A store's address (the temporary at `position`) with the `i32.add` of a constant that
    /// computed it folded in, when that addition is the last instruction emitted (after a fusion
    /// removed the value's instructions); else the address unchanged.
    private mutating func foldAddImmediate(into address: (slot: Int, addend: UInt32), position: Int) -> (slot: Int, addend: UInt32) {
        guard address.addend == 0, address.slot == temporarySlot(position), let sum = accumulator,
              sum.end == code.count, sum.end - sum.start == 3, sum.slot == address.slot,
              Opcode.i32AddImm.hasForm(code[sum.start]) else { return address }
        let source = highSlot(code[sum.start + 1]), addend = UInt32(truncatingIfNeeded: code[sum.start + 2])
        removeLastInstruction(at: sum.start)
        return (source, addend)
    }

    // MARK: Labels and branches

    private mutating func bind(_ patch: ControlFrame.Patch) {
        code[patch.operand] = UInt64(bitPattern: Int64(code.count - patch.instruction))
        resetFusion()
        inEntryRegion = false
    }

    /// Makes `patch` branch to the label of the frame at `frameIndex`.
    private mutating func target(_ patch: ControlFrame.Patch, frameIndex: Int) {
        if frames[frameIndex].kind == .loop {
            code[patch.operand] = UInt64(bitPattern: Int64(frames[frameIndex].loopStart - patch.instruction))
        } else {
            frames[frameIndex].pendingBranches.append(patch)
        }
    }

    private func frameIndex(depth: UInt32) throws(TranslationError) -> Int {
        guard Int(depth) < frames.count else { throw TranslationError(message: "unknown label \(depth)") }
        return frames.count - 1 - Int(depth)
    }

    /// Whether branching to the frame's label needs values moved into place.
    private func needsMoves(_ frame: ControlFrame) -> Bool {
        let arity = frame.labelArity
        for k in 0..<arity {
            let position = stack.count - arity + k
            if stack[position] != .temporary || position != frame.height + k { return true }
        }
        return false
    }

    /// Moves the label's values from the top of the stack into the frame's result slots.
    private mutating func emitMoves(to frame: ControlFrame) {
        let arity = frame.labelArity
        for k in 0..<arity {
            let position = stack.count - arity + k
            let destination = temporarySlot(frame.height + k)
            switch stack[position] {
            case .temporary:
                if position != frame.height + k { emitCopy(destination, temporarySlot(position)) }
            case .local(let local): emitCopy(destination, local)
            case .constant(let bits): emit(.const, UInt64(destination), bits)
            }
        }
    }

    /// Moves the results to the frame's first slots and returns. Leaves the operand stack
    /// unchanged (a conditional return continues with it).
    private mutating func emitReturn() {
        let first = stack.count - resultCount
        switch resultCount {
        case 0: emit(.return0)
        case 1: emit(.return1, UInt64(slot(of: stack[first], at: first)))
        default:
            // Through the temporaries: a result's local may be another result's destination.
            for position in first..<stack.count {
                switch stack[position] {
                case .temporary: break
                case .local(let local): emitCopy(temporarySlot(position), local)
                case .constant(let bits): emit(.const, UInt64(temporarySlot(position)), bits)
                }
            }
            for k in 0..<resultCount where temporarySlot(first + k) != k {
                emitCopy(k, temporarySlot(first + k))
            }
            emit(.return0)
        }
    }

    /// An unconditional branch to the label of the frame at `frameIndex` (values moved).
    private mutating func emitBranch(toFrame frameIndex: Int) {
        if frames[frameIndex].kind == .function { emitReturn(); return }
        emitMoves(to: frames[frameIndex])
        emit(.br, 0)
        target(ControlFrame.Patch(instruction: code.count - 2, operand: code.count - 1), frameIndex: frameIndex)
    }

    /// Pops an i32 condition, fusing it with the comparison that just produced it.
    private mutating func popCondition() -> BranchCondition {
        let position = stack.count - 1
        if stack[position] == .temporary, let compare = lastCompare,
           compare.end == code.count, compare.position == position {
            removeLastInstruction(at: compare.start)
            stack.removeLast()
            return compare.condition
        }
        return .nonZero(slot: popSlot())
    }

    /// Emits a branch taken when `condition` holds; returns the patch for its offset.
    private mutating func emitConditionalBranch(_ condition: BranchCondition) -> ControlFrame.Patch {
        if let fused = emitAdditionAndBranch(condition) ?? emitValueTestAndBranch(condition) { return fused }
        let start = code.count
        switch condition {
        case .compare(let kind, let lhs, let rhs):
            emit(Opcode(rawValue: Opcode.brIfI32Eq.rawValue + UInt32(kind))!, packSlots(lhs, rhs), 0)
        case .compareImmediate(let kind, let lhs, let immediate):
            emit(Opcode(rawValue: Opcode.brIfI32EqImm.rawValue + UInt32(kind))!, UInt64(lhs) | UInt64(immediate) << 32, 0)
        case .nonZero(let slot): emit(.brIfNonZero, UInt64(slot), 0)
        case .zero(let slot): emit(.brIfZero, UInt64(slot), 0)
        case .nonZero64(let slot): emit(.brIfI64NonZero, UInt64(slot), 0)
        case .zero64(let slot): emit(.brIfI64Zero, UInt64(slot), 0)
        }
        resetFusion()
        return ControlFrame.Patch(instruction: start, operand: code.count - 1)
    }

    /// Emits the i32 addition just emitted and a branch taken when `condition`, which reads its
    /// sum, holds as one instruction (`i32AddBrIf*`, `i32AddImmBrIf*`: loop counters); nil
    /// when the condition does not read the sum of an addition emitted last.
    private mutating func emitAdditionAndBranch(_ condition: BranchCondition) -> ControlFrame.Patch? {
        guard let sum = accumulator, sum.end == code.count, sum.end - sum.start == 3 else { return nil }
        let head = code[sum.start]
        let addsImmediate = Opcode.i32AddImm.hasForm(head)
        guard addsImmediate || Opcode.i32Add.hasForm(head) else { return nil }
        // The comparison kind with the sum on the left, and the other operand.
        let kind: Int, otherSlot: Int?, immediate: UInt32
        switch condition {
        case .compare(let compareKind, let lhs, let rhs) where lhs == sum.slot:
            (kind, otherSlot, immediate) = (compareKind, rhs, 0)
        case .compare(let compareKind, let lhs, let rhs) where rhs == sum.slot:
            (kind, otherSlot, immediate) = (BranchCondition.swappedKinds[compareKind], lhs, 0)
        case .compareImmediate(let compareKind, let lhs, let value) where lhs == sum.slot && addsImmediate:
            (kind, otherSlot, immediate) = (compareKind, nil, value)
        case .nonZero(let slot) where slot == sum.slot && addsImmediate: (kind, otherSlot, immediate) = (1, nil, 0)
        case .zero(let slot) where slot == sum.slot && addsImmediate: (kind, otherSlot, immediate) = (0, nil, 0)
        default: return nil
        }
        let operands = code[sum.start + 1], second = code[sum.start + 2]
        removeLastInstruction(at: sum.start)
        let start = code.count
        if !addsImmediate {
            emit(Opcode(rawValue: Opcode.i32AddBrIfEq.rawValue + UInt32(kind))!, operands, packSlots(lowSlot(second), otherSlot!), 0)
        } else if let otherSlot {
            emit(Opcode(rawValue: Opcode.i32AddImmBrIfEq.rawValue + UInt32(kind))!, operands,
                 second & 0xFFFF_FFFF | UInt64(UInt32(otherSlot)) << 32, 0)
        } else {
            emit(Opcode(rawValue: Opcode.i32AddImmBrIfEqImm.rawValue + UInt32(kind))!, operands,
                 second & 0xFFFF_FFFF | UInt64(immediate) << 32, 0)
        }
        resetFusion()
        return ControlFrame.Patch(instruction: start, operand: code.count - 1)
    }

    /// The instructions `[op][dst|a][immediate]` whose result a branch on zero or non-zero can
    /// test in the same instruction, with the fused forms `[op][dst|a][immediate][offset]`.
    private static let valueTests: [(producer: Opcode, zero: Opcode, nonZero: Opcode)] = [
        (.i32AndImm, .i32AndImmBrIfZero, .i32AndImmBrIfNonZero),  // bit tests
        (.i32Load, .i32LoadBrIfZero, .i32LoadBrIfNonZero),  // null pointers
        (.i32Load8U, .i32Load8UBrIfZero, .i32Load8UBrIfNonZero),  // string ends
    ]

    /// Emits the instruction just emitted, when it is one of `valueTests`, and a branch taken
    /// when its result is zero or non-zero as one instruction; nil when the condition does not
    /// test the result of such an instruction emitted last.
    private mutating func emitValueTestAndBranch(_ condition: BranchCondition) -> ControlFrame.Patch? {
        guard let result = accumulator, result.end == code.count, result.end - result.start == 3,
              let test = Self.valueTests.first(where: { $0.producer.hasForm(code[result.start]) }) else { return nil }
        let opcode: Opcode
        switch condition {
        case .nonZero(let slot) where slot == result.slot: opcode = test.nonZero
        case .zero(let slot) where slot == result.slot: opcode = test.zero
        default: return nil
        }
        let operands = code[result.start + 1], immediate = code[result.start + 2]
        removeLastInstruction(at: result.start)
        let start = code.count
        emit(opcode, operands, immediate, 0)
        resetFusion()
        return ControlFrame.Patch(instruction: start, operand: code.count - 1)
    }

    /// Marks the rest of the current construct unreachable.
    private mutating func markUnreachable() {
        frames[frames.count - 1].isUnreachable = true
        stack.removeSubrange(frames[frames.count - 1].height...)
        resetFusion()
    }

    private func blockSignature(_ type: BlockType) throws(TranslationError) -> (parameters: Int, results: Int) {
        switch type {
        case .empty: return (0, 0)
        case .value: return (0, 1)
        case .typeIndex(let index):
            guard Int(index) < context.module.types.count else { throw TranslationError(message: "unknown type \(index)") }
            let type = context.module.types[Int(index)]
            return (type.parameters.count, type.results.count)
        }
    }

    // MARK: Instructions

    private mutating func translate(_ instruction: Instruction) throws(TranslationError) {
        if frames[frames.count - 1].isUnreachable {
            switch instruction {
            case .block, .loop, .if, .tryTable: skippedDepth += 1; return
            case .else where skippedDepth == 0, .end where skippedDepth == 0: break
            case .end: skippedDepth -= 1; return
            default: return
            }
        }
        switch instruction {
        case .unreachable:
            emit(.unreachable)
            markUnreachable()
        case .nop:
            break
        case .block(let type), .loop(let type):
            let (parameters, results) = try blockSignature(type)
            materializeLocals()
            var frame = ControlFrame(kind: .block, height: stack.count - parameters,
                                     parameterCount: parameters, resultCount: results)
            if case .loop = instruction {
                for position in frame.height..<stack.count { materialize(position) }
                frame.kind = .loop
                frame.loopStart = code.count
                inEntryRegion = false
            }
            resetFusion()
            frames.append(frame)
        case .if(let type):
            let (parameters, results) = try blockSignature(type)
            let condition = popCondition()
            materializeLocals()
            var frame = ControlFrame(kind: .if, height: stack.count - parameters,
                                     parameterCount: parameters, resultCount: results)
            for position in frame.height..<stack.count { materialize(position) }
            frame.elseBranch = emitConditionalBranch(condition.negated)
            frame.parameters = Array(stack[frame.height...])
            frames.append(frame)
        case .else:
            var frame = frames[frames.count - 1]
            if !frame.isUnreachable {
                emitMoves(to: frame)
                emit(.br, 0)
                frame.pendingBranches.append(ControlFrame.Patch(instruction: code.count - 2, operand: code.count - 1))
            }
            if let elseBranch = frame.elseBranch { bind(elseBranch) }
            frame.elseBranch = nil
            frame.kind = .else
            frame.isUnreachable = false
            stack.removeSubrange(frame.height...)
            stack.append(contentsOf: frame.parameters)
            frames[frames.count - 1] = frame
            resetFusion()
        case .tryTable(let type, let clauses):
            try translateTryTable(type, clauses)
        case .throw(let tag):
            guard Int(tag) < context.tags.count else { throw TranslationError(message: "unknown tag \(tag)") }
            let count = context.tags[Int(tag)].payloadCount
            let payload = placeArguments(count: count)
            emit(.throw, UInt64(context.tags[Int(tag)].storeIndex), UInt64(payload) | UInt64(count) << 32)
            markUnreachable()
        case .throwRef:
            emit(.throwRef, UInt64(popSlot()))
            markUnreachable()
        case .end:
            if !frames[frames.count - 1].handlers.isEmpty {
                let end = code.count
                handlers += frames[frames.count - 1].handlers.map { handler in
                    var handler = handler
                    handler.end = end
                    return handler
                }
            }
            try translateEnd()
        case .br(let depth):
            emitBranch(toFrame: try frameIndex(depth: depth))
            markUnreachable()
        case .brIf(let depth):
            let index = try frameIndex(depth: depth)
            let condition = popCondition()
            if frames[index].kind != .function && !needsMoves(frames[index]) {
                target(emitConditionalBranch(condition), frameIndex: index)
            } else {
                let skip = emitConditionalBranch(condition.negated)
                emitBranch(toFrame: index)
                bind(skip)
                resetFusion()
            }
        case .brTable(let targets, let defaultTarget):
            try translateBranchTable(targets: targets + [defaultTarget])
        case .return:
            emitReturn()
            markUnreachable()
        case .call(let function):
            guard Int(function) < context.functions.count else { throw TranslationError(message: "unknown function \(function)") }
            let type = context.functionTypes[Int(function)]
            let argumentBase = placeArguments(count: type.parameters.count)
            emit(.call, UInt64(UInt(bitPattern: context.functions[Int(function)])), UInt64(argumentBase))
            for _ in type.results { push(.temporary) }
            resetFusion()
        case .callIndirect(let typeIndex, let tableIndex):
            guard Int(typeIndex) < context.module.types.count, Int(tableIndex) < context.tables.count else {
                throw TranslationError(message: "unknown type \(typeIndex) or table \(tableIndex)")
            }
            let type = context.module.types[Int(typeIndex)]
            let index = popSlot()
            let argumentBase = placeArguments(count: type.parameters.count)
            emit(.callIndirect, UInt64(UInt(bitPattern: context.tables[Int(tableIndex)])),
                 packSlots(index, argumentBase), UInt64(context.typeIDs[Int(typeIndex)]))
            for _ in type.results { push(.temporary) }
            resetFusion()
        case .returnCall(let function):
            guard Int(function) < context.functions.count else { throw TranslationError(message: "unknown function \(function)") }
            let argumentBase = placeArguments(count: context.functionTypes[Int(function)].parameters.count)
            emit(.returnCall, UInt64(UInt(bitPattern: context.functions[Int(function)])), UInt64(argumentBase))
            markUnreachable()
        case .returnCallIndirect(let typeIndex, let tableIndex):
            guard Int(typeIndex) < context.module.types.count, Int(tableIndex) < context.tables.count else {
                throw TranslationError(message: "unknown type \(typeIndex) or table \(tableIndex)")
            }
            let index = popSlot()
            let argumentBase = placeArguments(count: context.module.types[Int(typeIndex)].parameters.count)
            emit(.returnCallIndirect, UInt64(UInt(bitPattern: context.tables[Int(tableIndex)])),
                 packSlots(index, argumentBase), UInt64(context.typeIDs[Int(typeIndex)]))
            markUnreachable()
        case .refNull:
            push(.constant(0))
        case .refIsNull:
            emitUnary(.refIsNull)
        case .refFunc(let function):
            guard Int(function) < context.functions.count else { throw TranslationError(message: "unknown function \(function)") }
            push(.constant(UInt64(UInt(bitPattern: context.functions[Int(function)]))))
        case .drop:
            stack.removeLast()
        case .select, .typedSelect:
            let condition = popSlot()
            let b = popSlot(), a = popSlot()
            emit(.select, packSlots(temporarySlot(stack.count), condition), packSlots(a, b))
            pushProduced(operand: code.count - 2)
        case .localGet(let local):
            push(.local(Int(local)))
        case .localSet(let local):
            setLocal(Int(local))
        case .localTee(let local):
            setLocal(Int(local))
            push(.local(Int(local)))
        case .globalGet(let global):
            guard Int(global) < context.globals.count else { throw TranslationError(message: "unknown global \(global)") }
            emit(.globalGet, UInt64(temporarySlot(stack.count)), UInt64(UInt(bitPattern: context.globals[Int(global)])))
            pushProduced(operand: code.count - 2)
        case .globalSet(let global):
            guard Int(global) < context.globals.count else { throw TranslationError(message: "unknown global \(global)") }
            let source = popSlot()
            emit(.globalSet, UInt64(source), UInt64(UInt(bitPattern: context.globals[Int(global)])))
        case .tableGet(let table):
            let index = popSlot()
            emit(.tableGet, packSlots(temporarySlot(stack.count), index), try tableAddress(table))
            pushProduced(operand: code.count - 2)
        case .tableSet(let table):
            let value = popSlot(), index = popSlot()
            emit(.tableSet, packSlots(index, value), try tableAddress(table))
        case .tableInit(let element, let table):
            emit(.tableInit, words: popThreeSlots() + [try tableAddress(table), try segmentAddress(element, in: context.elementSegments)])
        case .elemDrop(let element):
            emit(.elemDrop, try segmentAddress(element, in: context.elementSegments))
        case .tableCopy(let destination, let source):
            emit(.tableCopy, words: popThreeSlots() + [try tableAddress(destination), try tableAddress(source)])
        case .tableGrow(let table):
            let count = popSlot(), value = popSlot()
            emit(.tableGrow, packSlots(temporarySlot(stack.count), value), UInt64(count), try tableAddress(table))
            pushProduced(operand: code.count - 3)
        case .tableSize(let table):
            emit(.tableSize, UInt64(temporarySlot(stack.count)), try tableAddress(table))
            pushProduced(operand: code.count - 2)
        case .tableFill(let table):
            emit(.tableFill, words: popThreeSlots() + [try tableAddress(table)])
        case .load(let op, let argument):
            let offset = try staticOffset(argument)
            let address = popAddress(above: 0)
            let operands = packSlots(temporarySlot(stack.count), address.slot)
            if argument.memoryIndex == 0 {
                let start = code.count, immediate = offset | UInt64(address.addend) << 32
                emit(Opcode(op), operands, immediate)
                pushProduced(operand: code.count - 2)
                lastLoad = (start, code.count, stack.count - 1, Opcode(op), address.slot, immediate)
            } else {
                emit(.loadFromMemory, operands, offset | UInt64(address.addend) << 32,
                     try memoryAddress(argument.memoryIndex), UInt64(op.rawValue))
                pushProduced(operand: code.count - 4)
            }
        case .store(let op, let argument):
            let offset = try staticOffset(argument)
            let valuePosition = stack.count - 1
            let address = popAddress(above: 1)
            if argument.memoryIndex == 0, stack[stack.count - 1] == .temporary, let load = lastLoad,
               load.end == code.count, load.position == valuePosition, lowSlot(code[load.start + 1]) == temporarySlot(valuePosition),
               load.opcode.accessWidth == Opcode(op).accessWidth {
                // The value is the one the load just emitted read: copy the bytes.
                stack.removeLast()
                removeLastInstruction(at: load.start)
                let destination = foldAddImmediate(into: address, position: valuePosition - 1)
                emit(.move(width: load.opcode.accessWidth!), packSlots(destination.slot, load.address), load.immediate,
                     offset | UInt64(destination.addend) << 32)
                return
            }
            let immediate = offset | UInt64(address.addend) << 32
            if argument.memoryIndex == 0, stack[stack.count - 1] == .temporary, let operation = lastLoadOperand,
               operation.end == code.count, operation.position == valuePosition, operation.address == address.slot,
               operation.immediate == immediate,
               let fused = Opcode.loadOperandStoreForm(of: operation.opcode, storing: Opcode(op)) {
                // The value is `a op load(address)` at the same address: update memory in place.
                let a = highSlot(code[operation.start + 1])
                stack.removeLast()
                removeLastInstruction(at: operation.start)
                emit(fused, packSlots(address.slot, a), immediate)
                return
            }
            let valueSlot = slot(of: stack.removeLast(), at: valuePosition)
            if argument.memoryIndex == 0 {
                emit(Opcode(op), packSlots(address.slot, valueSlot), offset | UInt64(address.addend) << 32)
            } else {
                emit(.storeToMemory, packSlots(address.slot, valueSlot), offset | UInt64(address.addend) << 32,
                     try memoryAddress(argument.memoryIndex), UInt64(op.rawValue))
            }
        case .memorySize(let memory) where memory == 0:
            emit(.memorySize, UInt64(temporarySlot(stack.count)))
            pushProduced(operand: code.count - 1)
        case .memorySize(let memory):
            emit(.memorySizeOf, UInt64(temporarySlot(stack.count)), try memoryAddress(memory))
            pushProduced(operand: code.count - 2)
        case .memoryGrow(let memory) where memory == 0:
            emitUnary(.memoryGrow)
        case .memoryGrow(let memory):
            let delta = popSlot()
            emit(.memoryGrowOf, packSlots(temporarySlot(stack.count), delta), try memoryAddress(memory))
            pushProduced(operand: code.count - 2)
        case .memoryInit(let data, let memory) where memory == 0:
            emit(.memoryInit, words: popThreeSlots() + [try segmentAddress(data, in: context.dataSegments)])
        case .memoryInit(let data, let memory):
            emit(.memoryInitOf, words: popThreeSlots() + [
                try segmentAddress(data, in: context.dataSegments), try memoryAddress(memory)])
        case .dataDrop(let data):
            emit(.dataDrop, try segmentAddress(data, in: context.dataSegments))
        case .memoryCopy(let destination, let source) where destination == 0 && source == 0:
            emit(.memoryCopy, words: popThreeSlots())
        case .memoryCopy(let destination, let source):
            emit(.memoryCopyBetween, words: popThreeSlots() + [try memoryAddress(destination), try memoryAddress(source)])
        case .memoryFill(let memory) where memory == 0:
            emit(.memoryFill, words: popThreeSlots())
        case .memoryFill(let memory):
            emit(.memoryFillOf, words: popThreeSlots() + [try memoryAddress(memory)])
        case .i32Const(let value):
            push(.constant(UInt64(UInt32(bitPattern: value))))
        case .i64Const(let value):
            push(.constant(UInt64(bitPattern: value)))
        case .f32Const(let bits):
            push(.constant(UInt64(bits)))
        case .f64Const(let bits):
            push(.constant(bits))
        case .numeric(let op):
            translateNumeric(op)
        }
    }

    /// A load or store offset (32-bit memories only).
    private func staticOffset(_ argument: MemoryArgument) throws(TranslationError) -> UInt64 {
        guard argument.offset <= UInt64(UInt32.max) else {
            throw TranslationError(message: "offset \(argument.offset) exceeds the 32-bit address space")
        }
        return argument.offset
    }

    /// The record address of memory `index`, for the instructions that name a memory other
    /// than memory 0 (whose extent the interpreter keeps cached).
    private func memoryAddress(_ index: UInt32) throws(TranslationError) -> UInt64 {
        guard Int(index) < context.memories.count else { throw TranslationError(message: "unknown memory \(index)") }
        return UInt64(UInt(bitPattern: context.memories[Int(index)]))
    }

    private func tableAddress(_ index: UInt32) throws(TranslationError) -> UInt64 {
        guard Int(index) < context.tables.count else { throw TranslationError(message: "unknown table \(index)") }
        return UInt64(UInt(bitPattern: context.tables[Int(index)]))
    }

    private func segmentAddress(_ index: UInt32, in segments: [UnsafeMutablePointer<SegmentRecord>]) throws(TranslationError) -> UInt64 {
        guard Int(index) < segments.count else { throw TranslationError(message: "unknown segment \(index)") }
        return UInt64(UInt(bitPattern: segments[Int(index)]))
    }

    /// Puts the top `count` values into their temporaries (the callee's frame starts at the
    /// first), pops them and returns the first one's slot.
    private mutating func placeArguments(count: Int) -> Int {
        let first = stack.count - count
        for position in first..<stack.count { materialize(position) }
        stack.removeSubrange(first...)
        return temporarySlot(first)
    }

    private mutating func setLocal(_ local: Int) {
        let value = stack.removeLast()
        if value == .local(local) { return }
        if inEntryRegion {
            // Zeroing a local that entry zeroed already is a no-op.
            if value == .constant(0), local >= parameterCount, !writtenInEntryRegion.contains(local) { return }
            writtenInEntryRegion.insert(local)
        }
        let codeBefore = code.count
        for position in stack.indices where stack[position] == .local(local) { materialize(position) }
        if value == .temporary, let producer = lastProducer,
           producer.end == codeBefore, code.count == codeBefore, producer.position == stack.count {
            code[producer.operand] = (code[producer.operand] & ~0xFFFF_FFFF) | UInt64(local)
            let producerStart = accumulator?.end == codeBefore ? accumulator?.start : nil
            let previousAddImmediate = lastLocalAddImmediate
            resetFusion()
            mergeLocalAddImmediate(at: producer.operand - 1, after: previousAddImmediate)
            if let producerStart, code.count == codeBefore { accumulator = (producerStart, code.count, local) }
            return
        }
        let pendingCopy = lastCopy
        resetFusion()
        lastCopy = pendingCopy
        switch value {
        case .temporary: emitCopy(local, temporarySlot(stack.count))
        case .local(let source): emitCopy(local, source)
        case .constant(let bits): emit(.const, UInt64(local), bits)
        }
    }

    /// `try_table`: the landing code of each catch clause, jumped over on entry, then a block.
    /// A caught exception's payload (then its `exnref`) is written into the temporaries above
    /// the current operands and the clause's landing code branches with them to its label.
    private mutating func translateTryTable(_ type: BlockType, _ clauses: [CatchClause]) throws(TranslationError) {
        let (parameters, results) = try blockSignature(type)
        materializeLocals()
        resetFusion()
        var clauseHandlers: [HandlerRecord] = []
        if !clauses.isEmpty {
            emit(.br, 0)
            let skip = ControlFrame.Patch(instruction: code.count - 2, operand: code.count - 1)
            for clause in clauses {
                var tag = -1
                var carried = clause.capturesReference ? 1 : 0
                if let index = clause.tag {
                    guard Int(index) < context.tags.count else { throw TranslationError(message: "unknown tag \(index)") }
                    tag = context.tags[Int(index)].storeIndex
                    carried += context.tags[Int(index)].payloadCount
                }
                let landing = code.count
                let payloadPosition = stack.count
                for _ in 0..<carried { push(.temporary) }
                emitBranch(toFrame: try frameIndex(depth: clause.label))
                stack.removeLast(carried)
                resetFusion()
                clauseHandlers.append(HandlerRecord(
                    start: 0, end: 0, tag: tag, payloadSlot: temporarySlot(payloadPosition),
                    capturesReference: clause.capturesReference, landing: landing))
            }
            bind(skip)
        }
        let start = code.count
        var frame = ControlFrame(kind: .block, height: stack.count - parameters,
                                 parameterCount: parameters, resultCount: results)
        frame.handlers = clauseHandlers.map { handler in
            var handler = handler
            handler.start = start
            return handler
        }
        frames.append(frame)
    }

    private mutating func translateEnd() throws(TranslationError) {
        let frame = frames.removeLast()
        if frame.kind == .function {
            // No label here (branches to the function's label are returns), so the return
            // may read the last result from the accumulator.
            if !frame.isUnreachable { emitReturn() }
            resetFusion()
            return
        }
        resetFusion()
        let joins = !frame.pendingBranches.isEmpty || frame.kind == .if || frame.kind == .else
        if !frame.isUnreachable && joins { emitMoves(to: frame) }
        if let elseBranch = frame.elseBranch { bind(elseBranch) }
        for patch in frame.pendingBranches { bind(patch) }
        if frame.isUnreachable || joins {
            stack.removeSubrange(frame.height...)
            for _ in 0..<frame.resultCount { push(.temporary) }
        }
    }

    private mutating func translateBranchTable(targets: [UInt32]) throws(TranslationError) {
        let index = popSlot()
        let start = code.count
        emit(.brTable, UInt64(index), UInt64(targets.count - 1))
        let table = code.count
        code.append(contentsOf: repeatElement(0, count: targets.count))
        var stubs: [Int: Int] = [:]
        var pendingStubs: [(entry: Int, frameIndex: Int)] = []
        for (entry, depth) in targets.enumerated() {
            let frameIndex = try frameIndex(depth: depth)
            let patch = ControlFrame.Patch(instruction: start, operand: table + entry)
            if frames[frameIndex].kind == .function || needsMoves(frames[frameIndex]) {
                pendingStubs.append((entry, frameIndex))
            } else {
                target(patch, frameIndex: frameIndex)
            }
        }
        for (entry, frameIndex) in pendingStubs {
            if let stub = stubs[frameIndex] {
                code[table + entry] = UInt64(bitPattern: Int64(stub - start))
                continue
            }
            stubs[frameIndex] = code.count
            code[table + entry] = UInt64(bitPattern: Int64(code.count - start))
            let saved = stack
            emitBranch(toFrame: frameIndex)
            stack = saved
        }
        markUnreachable()
    }

    // MARK: Numeric instructions

    private mutating func emitUnary(_ opcode: Opcode) {
        let source = popSlot()
        emit(opcode, packSlots(temporarySlot(stack.count), source))
        pushProduced(operand: code.count - 1)
    }

    private mutating func translateNumeric(_ op: NumericOperator) {
        switch op {
        case .i64ExtendI32U, .i32ReinterpretF32, .i64ReinterpretF64, .f32ReinterpretI32, .f64ReinterpretI64:
            return  // the slot bits are already the result
        case .i32Eqz, .i64Eqz:
            let position = stack.count - 1
            if stack[position] == .temporary || { if case .local = stack[position] { true } else { false } }() {
                let source = slot(of: stack[position], at: position)
                let start = code.count
                emitUnary(Opcode(op))
                lastCompare = (start, code.count, position, op == .i32Eqz ? .zero(slot: source) : .zero64(slot: source))
            } else {
                emitUnary(Opcode(op))
            }
            return
        default:
            break
        }
        if op.signature.operands.count == 1 {
            emitUnary(Opcode(op))
            return
        }
        var rhs = stack.removeLast()
        var lhs = stack.removeLast()
        let position = stack.count
        var (lhsPosition, rhsPosition) = (position, position + 1)
        var opcode = Opcode(op)
        // A constant on the left of a commutative operator or comparison moves to the right.
        if case .constant = lhs, rhs.isSlot, let swapped = swappedOperator(op) {
            swap(&lhs, &rhs)
            swap(&lhsPosition, &rhsPosition)
            opcode = swapped
        }
        if case .constant(let immediate) = rhs, let immediateOpcode = immediateForm(opcode) {
            let a = slot(of: lhs, at: lhsPosition)
            if immediateOpcode == .i32AddImm {
                let constant = UInt32(truncatingIfNeeded: immediate)
                emitAddImmediate(destination: temporarySlot(position), source: a,
                                 addend: opcode == .i32Sub ? 0 &- constant : constant, position: position)
                return
            }
            let start = code.count
            emit(immediateOpcode, packSlots(temporarySlot(position), a), immediate)
            pushProduced(operand: code.count - 2)
            if immediateOpcode == .i32RotlImm || immediateOpcode == .i32RotrImm {
                let count = UInt32(truncatingIfNeeded: immediate) & 31
                lastRotate = (start, code.count, position, a, immediateOpcode == .i32RotlImm ? count : (32 - count) & 31)
            }
            if let kind = i32CompareKind(opcode) {
                lastCompare = (start, code.count, position,
                               .compareImmediate(kind: kind, lhs: a, immediate: UInt32(truncatingIfNeeded: immediate)))
            }
            return
        }
        if fuseLoadOperand(opcode, lhs: lhs, rhs: rhs, position: position)
            || fuseRotateOperand(opcode, lhs: lhs, rhs: rhs, position: position)
            || fuseAddition(opcode, lhs: lhs, rhs: rhs, position: position)
            || fuseZeroTest(opcode, lhs: lhs, rhs: rhs, position: position)
            || fuseAndOfXor(opcode, lhs: lhs, rhs: rhs, position: position)
            || fuseBitSelect(opcode, lhs: lhs, rhs: rhs, position: position)
            || fuseMajority(opcode, lhs: lhs, rhs: rhs, position: position) {
            return
        }
        let a = slot(of: lhs, at: lhsPosition)
        let b = slot(of: rhs, at: rhsPosition)
        let start = code.count
        emit(opcode, packSlots(temporarySlot(position), a), UInt64(b))
        pushProduced(operand: code.count - 2)
        if let kind = i32CompareKind(opcode) {
            lastCompare = (start, code.count, position, .compare(kind: kind, lhs: a, rhs: b))
        }
    }

    /// Merges the instruction at `start`, when it is an `i32.add` of a constant into a local,
    /// with `previous`, one of the same shape just before it (`p += 8; q += 8` in loops), into
    /// one `i32AddImm2`; otherwise remembers it for the next one.
    private mutating func mergeLocalAddImmediate(at start: Int, after previous: (start: Int, end: Int)?) {
        guard Opcode.i32AddImm.hasForm(code[start]),
              code.count == start + 3 else { return }
        if let previous, previous.end == start {
            code[previous.start] = Opcode.i32AddImm2.word
            code.remove(at: start)
            lastLocalAddImmediate = nil
        } else {
            lastLocalAddImmediate = (start, code.count)
        }
    }

    /// Emits `a op load(address)` as one instruction when one operand of the binary operator
    /// `opcode` (operands at `position` and `position + 1`) is the value the instruction just
    /// emitted loaded from memory 0 (the right one, or either for a commutative operator).
    private mutating func fuseLoadOperand(_ opcode: Opcode, lhs: StackValue, rhs: StackValue, position: Int) -> Bool {
        guard let load = lastLoad, load.end == code.count,
              let fused = Opcode.loadOperandForm(of: opcode, loading: load.opcode) else { return false }
        let loadIsRight = load.position == position + 1 && rhs == .temporary
        let loadIsLeft = load.position == position && lhs == .temporary && opcode.isCommutative
        guard loadIsRight || loadIsLeft else { return false }
        removeLastInstruction(at: load.start)
        let a = loadIsRight ? slot(of: lhs, at: position) : slot(of: rhs, at: position + 1)
        if fused == .i32MulLoad16S, (loadIsRight ? lhs : rhs) == .temporary, let first = accumulator,
           first.end == code.count, first.slot == a, first.end - first.start == 3,
           Opcode.i32Load16S.hasForm(code[first.start]) {
            // The other operand is the signed 16-bit load just before: a product of two loads.
            let firstAddress = highSlot(code[first.start + 1]), firstImmediate = code[first.start + 2]
            removeLastInstruction(at: first.start)
            emit(.i32MulLoads16S, packSlots(temporarySlot(position), firstAddress), UInt64(load.address),
                 firstImmediate, load.immediate)
            pushProduced(operand: code.count - 4)
            return true
        }
        let start = code.count
        emit(fused, packSlots(temporarySlot(position), a), UInt64(load.address), load.immediate)
        pushProduced(operand: code.count - 3)
        lastLoadOperand = (start, code.count, position, fused, load.address, load.immediate)
        return true
    }

    /// Emits `a ^ rotl(b, count)` as one instruction when one operand of an `i32.xor` is the
    /// value the instruction just emitted rotated by a constant.
    private mutating func fuseRotateOperand(_ opcode: Opcode, lhs: StackValue, rhs: StackValue, position: Int) -> Bool {
        guard opcode == .i32Xor, let rotate = lastRotate, rotate.end == code.count else { return false }
        let rotateIsRight = rotate.position == position + 1 && rhs == .temporary
        let rotateIsLeft = rotate.position == position && lhs == .temporary
        guard rotateIsRight || rotateIsLeft else { return false }
        removeLastInstruction(at: rotate.start)
        let other = rotateIsRight ? lhs : rhs
        let a = rotateIsRight ? slot(of: lhs, at: position) : slot(of: rhs, at: position + 1)
        if other == .temporary, let previous = accumulator, previous.end == code.count, previous.slot == a,
           previous.end - previous.start == 3 {
            // The other operand is the rotation (or xor of two) the instruction before computed.
            let head = code[previous.start], operands = code[previous.start + 1], second = code[previous.start + 2]
            let count = UInt64(second & 31)
            if Opcode.i32RotlImm.hasForm(head) || Opcode.i32RotrImm.hasForm(head) {
                let leftCount = Opcode.i32RotlImm.hasForm(head) ? count : (32 - count) & 31
                removeLastInstruction(at: previous.start)
                emit(.i32XorRotl2, packSlots(temporarySlot(position), highSlot(operands)),
                     UInt64(rotate.source) | leftCount << 32 | UInt64(rotate.count) << 40)
                pushProduced(operand: code.count - 2)
                return true
            }
            if Opcode.i32XorRotl2.hasForm(head) {
                removeLastInstruction(at: previous.start)
                emit(.i32XorRotl3, packSlots(temporarySlot(position), highSlot(operands)),
                     packSlots(lowSlot(second), rotate.source), second >> 32 | UInt64(rotate.count) << 16)
                pushProduced(operand: code.count - 3)
                return true
            }
        }
        emit(.i32XorRotlImm, packSlots(temporarySlot(position), a), packSlots(rotate.source, Int(rotate.count)))
        pushProduced(operand: code.count - 2)
        return true
    }

    /// The last instruction emitted, when it is `opcode` (any accumulator form, `words` long)
    /// and wrote the temporary that is one operand (`lhs` at `position`, `rhs` above it) of a
    /// binary operator: where it starts, and whether that operand is the right one.
    private func lastInstruction(_ opcode: Opcode, words: Int, producingAnOperandOf lhs: StackValue, _ rhs: StackValue,
                                 at position: Int) -> (start: Int, isRight: Bool)? {
        guard let producer = accumulator, producer.end == code.count, producer.end - producer.start == words,
              opcode.hasForm(code[producer.start]) else { return nil }
        if rhs == .temporary && producer.slot == temporarySlot(position + 1) { return (producer.start, true) }
        if lhs == .temporary && producer.slot == temporarySlot(position) { return (producer.start, false) }
        return nil
    }

    /// Emits `a + b + c` as one instruction when one operand of an `i32.add` is the sum of
    /// two slots the instruction just emitted computed into its temporary (`i32.add`).
    private mutating func fuseAddition(_ opcode: Opcode, lhs: StackValue, rhs: StackValue, position: Int) -> Bool {
        guard opcode == .i32Add,
              let sum = lastInstruction(.i32Add, words: 3, producingAnOperandOf: lhs, rhs, at: position) else { return false }
        let operands = code[sum.start + 1], second = code[sum.start + 2]
        removeLastInstruction(at: sum.start)
        let c = sum.isRight ? slot(of: lhs, at: position) : slot(of: rhs, at: position + 1)
        emit(.i32Add3, packSlots(temporarySlot(position), highSlot(operands)), packSlots(lowSlot(second), c))
        pushProduced(operand: code.count - 2)
        return true
    }

    /// Emits `a + (b == 0)` as one instruction when one operand of an `i32.add` is the
    /// `i32.eqz` the instruction just emitted computed into its temporary.
    private mutating func fuseZeroTest(_ opcode: Opcode, lhs: StackValue, rhs: StackValue, position: Int) -> Bool {
        guard opcode == .i32Add,
              let test = lastInstruction(.i32Eqz, words: 2, producingAnOperandOf: lhs, rhs, at: position) else { return false }
        let tested = highSlot(code[test.start + 1])
        removeLastInstruction(at: test.start)
        let a = test.isRight ? slot(of: lhs, at: position) : slot(of: rhs, at: position + 1)
        emit(.i32AddEqz, packSlots(temporarySlot(position), a), UInt64(tested))
        pushProduced(operand: code.count - 2)
        return true
    }

    /// Emits `m & (x ^ y)` as one instruction (`i32AndXor`) when one operand of an `i32.and`
    /// is the `i32.xor` of two slots the instruction just emitted computed.
    private mutating func fuseAndOfXor(_ opcode: Opcode, lhs: StackValue, rhs: StackValue, position: Int) -> Bool {
        guard opcode == .i32And, let xor = lastInstruction(.i32Xor, words: 3, producingAnOperandOf: lhs, rhs, at: position),
              (xor.isRight ? lhs : rhs).isSlot else { return false }
        let operands = code[xor.start + 1], second = code[xor.start + 2]
        removeLastInstruction(at: xor.start)
        let mask = xor.isRight ? slot(of: lhs, at: position) : slot(of: rhs, at: position + 1)
        emit(.i32AndXor, packSlots(temporarySlot(position), mask), packSlots(highSlot(operands), lowSlot(second)))
        pushProduced(operand: code.count - 2)
        return true
    }

    /// Emits `((x ^ y) & m) ^ y` as one instruction (`i32BitSelect`) when one operand of an
    /// `i32.xor` is the `m & (x ^ y)` (`i32AndXor`) the instruction just emitted computed and
    /// the other operand is the slot of `x` or `y`.
    private mutating func fuseBitSelect(_ opcode: Opcode, lhs: StackValue, rhs: StackValue, position: Int) -> Bool {
        guard opcode == .i32Xor, let and = lastInstruction(.i32AndXor, words: 3, producingAnOperandOf: lhs, rhs, at: position),
              (and.isRight ? lhs : rhs).isSlot else { return false }
        let otherSlot = and.isRight ? slot(of: lhs, at: position) : slot(of: rhs, at: position + 1)
        let mask = highSlot(code[and.start + 1]), x = lowSlot(code[and.start + 2]), y = highSlot(code[and.start + 2])
        guard otherSlot == x || otherSlot == y else { return false }
        removeLastInstruction(at: and.start)
        let (selected, kept) = otherSlot == y ? (x, y) : (y, x)
        emit(.i32BitSelect, packSlots(temporarySlot(position), selected), packSlots(kept, mask))
        pushProduced(operand: code.count - 2)
        return true
    }

    /// Emits `(a & (b ^ c)) ^ (b & c)` as one instruction (`i32Majority`) when the operands of
    /// an `i32.xor` are the `i32.and` of `b` and `c` the instruction just emitted computed and
    /// the `a & (b ^ c)` (`i32AndXor`) emitted right before it.
    private mutating func fuseMajority(_ opcode: Opcode, lhs: StackValue, rhs: StackValue, position: Int) -> Bool {
        guard opcode == .i32Xor, let and = lastInstruction(.i32And, words: 3, producingAnOperandOf: lhs, rhs, at: position),
              (and.isRight ? lhs : rhs) == .temporary, and.start == accumulatorBefore.start,
              let andXor = accumulatorBefore.accumulator, andXor.end == and.start, andXor.end - andXor.start == 3,
              Opcode.i32AndXor.hasForm(code[andXor.start]),
              andXor.slot == temporarySlot(and.isRight ? position : position + 1) else { return false }
        let bc = (highSlot(code[and.start + 1]), lowSlot(code[and.start + 2]))
        let a = highSlot(code[andXor.start + 1]), b = lowSlot(code[andXor.start + 2]), c = highSlot(code[andXor.start + 2])
        guard bc == (b, c) || bc == (c, b) else { return false }
        removeLastInstruction(at: and.start)
        removeLastInstruction(at: andXor.start)
        emit(.i32Majority, packSlots(temporarySlot(position), a), packSlots(b, c))
        pushProduced(operand: code.count - 2)
        return true
    }

    /// `destination = source + addend` (i32), remembered for folding into a following load or store.
    private mutating func emitAddImmediate(destination: Int, source: Int, addend: UInt32, position: Int) {
        let start = code.count
        emit(.i32AddImm, packSlots(destination, source), UInt64(addend))
        pushProduced(operand: code.count - 2)
        lastAddImmediate = (start, code.count, position, source, addend)
    }

    /// The fused-branch kind of an i32 comparison opcode.
    private func i32CompareKind(_ opcode: Opcode) -> Int? {
        opcode.rawValue >= Opcode.i32Eq.rawValue && opcode.rawValue <= Opcode.i32GeU.rawValue
            ? Int(opcode.rawValue - Opcode.i32Eq.rawValue) : nil
    }

    private func i32CompareKind(_ op: NumericOperator) -> Int? {
        (0x46...0x4F).contains(op.rawValue) ? Int(op.rawValue - 0x46) : nil
    }

    private func i64CompareKind(_ op: NumericOperator) -> Int? {
        (0x51...0x5A).contains(op.rawValue) ? Int(op.rawValue - 0x51) : nil
    }

    /// The operator computing `b op a` from `a op b`, for integer operators where it exists.
    private func swappedOperator(_ op: NumericOperator) -> Opcode? {
        let swappedKinds = BranchCondition.swappedKinds
        if let kind = i32CompareKind(op) { return Opcode(rawValue: Opcode.i32Eq.rawValue + UInt32(swappedKinds[kind])) }
        if let kind = i64CompareKind(op) { return Opcode(rawValue: Opcode.i64Eq.rawValue + UInt32(swappedKinds[kind])) }
        switch op {
        case .i32Add, .i32Mul, .i32And, .i32Or, .i32Xor, .i64Add, .i64Mul, .i64And, .i64Or, .i64Xor: return Opcode(op)
        default: return nil
        }
    }

    /// The variant of `opcode` taking its right operand as an immediate, if there is one.
    private func immediateForm(_ opcode: Opcode) -> Opcode? {
        switch opcode {
        case .i32Add: .i32AddImm
        case .i32Sub: .i32AddImm  // of the negated constant
        case .i32Mul: .i32MulImm
        case .i32And: .i32AndImm
        case .i32Or: .i32OrImm
        case .i32Xor: .i32XorImm
        case .i32Shl: .i32ShlImm
        case .i32ShrS: .i32ShrSImm
        case .i32ShrU: .i32ShrUImm
        case .i32Rotl: .i32RotlImm
        case .i32Rotr: .i32RotrImm
        case .i64Rotl: .i64RotlImm
        case .i64Rotr: .i64RotrImm
        case .i64Add: .i64AddImm
        case .i64Sub: .i64SubImm
        case .i64Mul: .i64MulImm
        case .i64And: .i64AndImm
        case .i64Or: .i64OrImm
        case .i64Xor: .i64XorImm
        case .i64Shl: .i64ShlImm
        case .i64ShrS: .i64ShrSImm
        case .i64ShrU: .i64ShrUImm
        default:
            if let kind = i32CompareKind(opcode) {
                Opcode(rawValue: Opcode.i32EqImm.rawValue + UInt32(kind))
            } else if opcode.rawValue >= Opcode.i64Eq.rawValue && opcode.rawValue <= Opcode.i64GeU.rawValue {
                Opcode(rawValue: Opcode.i64EqImm.rawValue + (opcode.rawValue - Opcode.i64Eq.rawValue))
            } else {
                nil
            }
        }
    }
}

extension StackValue {
    /// Whether the value is already in a slot (not a pending constant).
    var isSlot: Bool {
        if case .constant = self { false } else { true }
    }
}
