internal import CWasmInterpreter
import WasmCore

/// Code of one `return0` instruction: where a tail call of a host function continues, so that
/// it returns from the frame it replaced.
nonisolated(unsafe) private let returnSequence: UnsafeMutablePointer<UInt64> = {
    let code = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    code.initialize(to: Opcode.return0.word)
    return code
}()

/// The interpreter: the C loop (CWasmInterpreter) runs the translated code of every frame,
/// calls and returns included; this side enters it, refills its counter, raises its traps and
/// carries out the instructions it hands back (host calls, first calls, exceptions, tail
/// calls, tables, memory growth and the memories other than memory 0).
extension Store {
    /// Runs the translated `function` whose frame (arguments already in place) starts at
    /// `frame` until it returns; its results are then in the first slots of the frame.
    func execute(
        _ function: UnsafeMutablePointer<FunctionRecord>, frame: Slots, state: ExecutionState
    ) throws(Trap) {
        guard frame + function.pointee.frameSize <= state.valuesEnd else { throw Trap(.callStackExhausted) }
        wcomp_enter_frame(function, frame)
        var context = ExecutionContext(
            pc: function.pointee.code!, fp: frame, counter: Int64(state.counter), current: function,
            memory: function.pointee.memory, frames: state.frames, frameDepth: state.frameDepth,
            entryDepth: state.frameDepth, maxDepth: state.maxCallDepth, valuesEnd: state.valuesEnd,
            opcode: .unreachable, trap: .unreachable)
        do throws(Trap) {
            try check(&context, state)
            while true {
                switch wcomp_run(&context) {
                case .returned:
                    state.counter = Int(context.counter)
                    return
                case .check: try check(&context, state)
                case .trap: throw Trap(TrapReason(context.trap))
                case .slow: try carryOut(context.opcode, &context, state)
                }
            }
        } catch {
            var trap = error
            state.counter = Int(context.counter)
            trap.backtrace += backtrace(current: context.current, depth: context.frameDepth, entryDepth: context.entryDepth)
            state.frameDepth = context.entryDepth
            throw trap
        }
    }

    /// The check at function entry and loop back-edges, once the loop's counter is used up:
    /// fuel, interrupt flag, deadline. Refills the counter or throws the trap.
    private func check(_ context: inout ExecutionContext, _ state: ExecutionState) throws(Trap) {
        if context.counter == 0 {
            var counter = 0
            if let reason = state.refill(&counter, interruptFlag: interruptFlag) { throw Trap(reason) }
            context.counter = Int64(counter)
        }
        context.counter -= 1
    }

    /// Carries out the instruction at `context.pc`, one the C loop does not handle itself.
    private func carryOut(_ opcode: Opcode, _ context: inout ExecutionContext, _ state: ExecutionState) throws(Trap) {
        let pc = context.pc, fp = context.fp
        switch opcode {
        case .call:
            try callSlowly(UnsafeMutablePointer(bitPattern: UInt(pc[1]))!, frame: fp + Int(pc[2]), returnPC: pc + 3, &context, state)
        case .callIndirect:
            let (callee, calleeFP) = try indirectCallee(pc, fp)
            try callSlowly(callee, frame: calleeFP, returnPC: pc + 4, &context, state)
        case .returnCall:
            try tailCall(UnsafeMutablePointer(bitPattern: UInt(pc[1]))!, arguments: fp + Int(pc[2]), &context, state)
        case .returnCallIndirect:
            let (callee, arguments) = try indirectCallee(pc, fp)
            try tailCall(callee, arguments: arguments, &context, state)
        case .throw:
            let w = pc[2]
            let payload = Array(UnsafeBufferPointer(start: fp + Int(w & 0xFFFF_FFFF), count: Int(w &>> 32)))
            try unwind(addException(tag: Int(pc[1]), payload: payload), &context)
        case .throwRef:
            let bits = fp[Int(pc[1])]
            guard bits != 0 else { throw Trap(.nullExceptionReference) }
            try unwind(bits, &context)

        case .memoryGrow:
            fp[slot0(pc)] = context.memory!.pointee.grow(by: UInt64(u32(fp[slot1(pc)]))) ?? 0xFFFF_FFFF
            context.pc += 2
        case .memoryInit:
            let segment = UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[3]))!
            try initialize(context.memory!, from: segment, pc, fp)
            context.pc += 4
        case .dataDrop, .elemDrop:
            UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[1]))!.pointee.count = 0
            context.pc += 2
        case .loadFromMemory:
            let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
            guard let value = memory.pointee.load(LoadOperator(rawValue: UInt8(pc[4]))!, at: effectiveAddress(fp[slot1(pc)], pc[2])) else {
                throw Trap(.outOfBoundsMemoryAccess)
            }
            fp[slot0(pc)] = value
            context.pc += 5
        case .storeToMemory:
            let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
            guard memory.pointee.store(StoreOperator(rawValue: UInt8(pc[4]))!, fp[slot1(pc)], at: effectiveAddress(fp[slot0(pc)], pc[2])) else {
                throw Trap(.outOfBoundsMemoryAccess)
            }
            context.pc += 5
        case .memorySizeOf:
            fp[Int(pc[1])] = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[2]))!.pointee.pageCount
            context.pc += 3
        case .memoryGrowOf:
            let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[2]))!
            fp[slot0(pc)] = memory.pointee.grow(by: UInt64(u32(fp[slot1(pc)]))) ?? 0xFFFF_FFFF
            context.pc += 3
        case .memoryFillOf:
            let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
            guard memory.pointee.fill(at: UInt64(u32(fp[slot0(pc)])), value: UInt8(truncatingIfNeeded: fp[slot1(pc)]),
                                      count: UInt64(u32(fp[slot2(pc)]))) else {
                throw Trap(.outOfBoundsMemoryAccess)
            }
            context.pc += 4
        case .memoryCopyBetween:
            let destination = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
            let source = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[4]))!
            guard destination.pointee.copy(to: UInt64(u32(fp[slot0(pc)])), from: source.pointee,
                                           at: UInt64(u32(fp[slot1(pc)])), count: UInt64(u32(fp[slot2(pc)]))) else {
                throw Trap(.outOfBoundsMemoryAccess)
            }
            context.pc += 5
        case .memoryInitOf:
            let segment = UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[3]))!
            try initialize(UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[4]))!, from: segment, pc, fp)
            context.pc += 5

        case .tableGet:
            let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!
            let index = Int(u32(fp[slot1(pc)]))
            guard index < table.pointee.count else { throw Trap(.outOfBoundsTableAccess) }
            fp[slot0(pc)] = table.pointee.elements![index]
            context.pc += 3
        case .tableSet:
            let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!
            let index = Int(u32(fp[slot0(pc)]))
            guard index < table.pointee.count else { throw Trap(.outOfBoundsTableAccess) }
            table.pointee.elements![index] = fp[slot1(pc)]
            context.pc += 3
        case .tableSize:
            fp[Int(pc[1])] = UInt64(UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!.pointee.count)
            context.pc += 3
        case .tableGrow:
            let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
            fp[slot0(pc)] = table.pointee.grow(by: UInt64(u32(fp[slot2(pc)])), filling: fp[slot1(pc)]) ?? 0xFFFF_FFFF
            context.pc += 4
        case .tableFill:
            let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
            let start = UInt64(u32(fp[slot0(pc)])), count = UInt64(u32(fp[slot2(pc)]))
            guard start + count <= UInt64(table.pointee.count) else { throw Trap(.outOfBoundsTableAccess) }
            if count > 0 { (table.pointee.elements! + Int(start)).update(repeating: fp[slot1(pc)], count: Int(count)) }
            context.pc += 4
        case .tableCopy:
            let destinationTable = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
            let sourceTable = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[4]))!
            let destination = UInt64(u32(fp[slot0(pc)])), source = UInt64(u32(fp[slot1(pc)]))
            let count = UInt64(u32(fp[slot2(pc)]))
            guard destination + count <= UInt64(destinationTable.pointee.count),
                  source + count <= UInt64(sourceTable.pointee.count) else {
                throw Trap(.outOfBoundsTableAccess)
            }
            if count > 0 {
                (destinationTable.pointee.elements! + Int(destination)).update(
                    from: sourceTable.pointee.elements! + Int(source), count: Int(count))
            }
            context.pc += 5
        case .tableInit:
            let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
            let segment = UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[4]))!
            let destination = UInt64(u32(fp[slot0(pc)])), source = UInt64(u32(fp[slot1(pc)]))
            let count = UInt64(u32(fp[slot2(pc)]))
            guard destination + count <= UInt64(table.pointee.count), source + count <= UInt64(segment.pointee.count) else {
                throw Trap(.outOfBoundsTableAccess)
            }
            if count > 0 {
                (table.pointee.elements! + Int(destination)).update(
                    from: segment.pointee.items!.assumingMemoryBound(to: UInt64.self) + Int(source), count: Int(count))
            }
            context.pc += 5
        default:
            throw Trap(.host("the interpreter handed back instruction \(String(cString: wcomp_opcode_name(opcode))), which it runs itself"))
        }
    }

    /// `memory.init` of `[op][destination|source][count][segment]...` into `memory`.
    private func initialize(
        _ memory: UnsafeMutablePointer<MemoryRecord>, from segment: UnsafeMutablePointer<SegmentRecord>, _ pc: CodePointer, _ fp: Slots
    ) throws(Trap) {
        guard memory.pointee.initialize(at: UInt64(u32(fp[slot0(pc)])), from: segment.pointee,
                                        at: UInt64(u32(fp[slot1(pc)])), count: UInt64(u32(fp[slot2(pc)]))) else {
            throw Trap(.outOfBoundsMemoryAccess)
        }
    }

    /// The callee and argument base of `call_indirect`/`return_call_indirect`
    /// (`[op][TableRecord address][index | argumentBase << 32][type id]`), checked.
    private func indirectCallee(_ pc: CodePointer, _ fp: Slots) throws(Trap) -> (UnsafeMutablePointer<FunctionRecord>, Slots) {
        let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[1]))!
        let w = pc[2]
        let index = Int(u32(fp[lowSlot(w)]))
        guard index < table.pointee.count else { throw Trap(.undefinedElement) }
        guard let target = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(table.pointee.elements![index])) else {
            throw Trap(.uninitializedElement)
        }
        guard target.pointee.typeID == Int(pc[3]) else { throw Trap(.indirectCallTypeMismatch) }
        return (target, fp + highSlot(w))
    }

    /// A call the C loop hands back because its callee has no code yet: a host function runs
    /// here and the code continues at `returnPC`; a WebAssembly function is translated and the
    /// call instruction runs again, in the loop.
    private func callSlowly(
        _ callee: UnsafeMutablePointer<FunctionRecord>, frame: Slots, returnPC: CodePointer,
        _ context: inout ExecutionContext, _ state: ExecutionState
    ) throws(Trap) {
        guard callee.pointee.isHost else {
            try translate(callee)
            return
        }
        try callHostFromLoop(callee, frame: frame, &context, state)
        context.pc = returnPC
    }

    /// Runs host function `callee` whose arguments are at `frame`, from the loop's state.
    private func callHostFromLoop(
        _ callee: UnsafeMutablePointer<FunctionRecord>, frame: Slots, _ context: inout ExecutionContext, _ state: ExecutionState
    ) throws(Trap) {
        let hostTop = frame + max(callee.pointee.parameterCount, callee.pointee.resultCount)
        guard hostTop <= state.valuesEnd else { throw Trap(.callStackExhausted) }
        let savedTop = state.valueTop
        state.valueTop = hostTop
        state.frameDepth = context.frameDepth
        state.counter = Int(context.counter)
        defer {
            state.valueTop = savedTop
            context.counter = Int64(state.counter)  // nested guest runs spent fuel too
        }
        try callHost(callee, frame: frame, caller: context.current)
    }

    /// A tail call of `callee`, whose arguments start at `arguments`: the callee replaces the
    /// current frame (same base, same return address). A host callee runs there and the code
    /// continues with a return.
    private func tailCall(
        _ callee: UnsafeMutablePointer<FunctionRecord>, arguments: Slots, _ context: inout ExecutionContext, _ state: ExecutionState
    ) throws(Trap) {
        let fp = context.fp
        var index = 0
        while index < callee.pointee.parameterCount {  // forward: the arguments lie above the frame's base
            fp[index] = arguments[index]
            index += 1
        }
        if callee.pointee.isHost {
            try callHostFromLoop(callee, frame: fp, &context, state)
            context.pc = returnSequence
            return
        }
        try translate(callee)
        guard callee.pointee.frameSize <= state.valuesEnd - fp else { throw Trap(.callStackExhausted) }
        wcomp_enter_frame(callee, fp)
        context.current = callee
        context.memory = callee.pointee.memory
        context.pc = callee.pointee.code.unsafelyUnwrapped
        try check(&context, state)
    }

    /// Unwinds to the innermost `try_table` clause that catches the exception `bits` (an
    /// `exnref`) thrown by the instruction at `context.pc`: writes the payload and continues at
    /// the clause's landing code. Without one up to this run's entry frame, throws the trap.
    private func unwind(_ bits: UInt64, _ context: inout ExecutionContext) throws(Trap) {
        let exception = exceptions[Int(bits - 1)]
        var site = context.pc - context.current.pointee.code.unsafelyUnwrapped
        while true {
            if let handler = handler(in: context.current, at: site, tag: exception.tag) {
                var slot = handler.payloadSlot
                if handler.tag >= 0 {
                    for value in exception.payload {
                        context.fp[slot] = value
                        slot += 1
                    }
                }
                if handler.capturesReference { context.fp[slot] = bits }
                context.pc = context.current.pointee.code.unsafelyUnwrapped + handler.landing
                return
            }
            if context.frameDepth == context.entryDepth {
                throw Trap(.uncaughtException, exception: Exception(store: self, index: Int(bits - 1)))
            }
            context.frameDepth -= 1
            let saved = context.frames[context.frameDepth]
            site = saved.returnPC - saved.function.pointee.code.unsafelyUnwrapped - 1
            context.fp = saved.framePointer
            context.current = saved.function
            context.memory = saved.function.pointee.memory
        }
    }

    /// The guest frames from `current` outward to the run's entry, innermost first.
    func backtrace(current: UnsafeMutablePointer<FunctionRecord>, depth: Int, entryDepth: Int) -> [BacktraceFrame] {
        var result = [backtraceFrame(current)]
        var level = depth
        while level > entryDepth {
            level -= 1
            result.append(backtraceFrame(execution!.frames[level].function))
        }
        return result
    }

    private func backtraceFrame(_ function: UnsafeMutablePointer<FunctionRecord>) -> BacktraceFrame {
        guard case .wasm(let instance, let index) = functions[function.pointee.storeIndex].body else {
            return BacktraceFrame(functionIndex: 0, name: nil)
        }
        return BacktraceFrame(functionIndex: index, name: instance.module.names.functionNames[index])
    }

    /// Calls a host function whose arguments are in `frame`, writing its results there.
    func callHost(_ function: UnsafeMutablePointer<FunctionRecord>, frame: Slots,
                  caller: UnsafeMutablePointer<FunctionRecord>?) throws(Trap) {
        let entity = functions[function.pointee.storeIndex]
        guard case .host(let name, let closure) = entity.body else { return }
        let type = entity.type
        let arguments = type.parameters.enumerated().map { decode(frame[$0.offset], as: $0.element) }
        var callerInstance: Instance?
        if let caller, case .wasm(let instance, _) = functions[caller.pointee.storeIndex].body {
            callerInstance = Instance(store: self, entity: instance)
        }
        var context = Caller(instance: callerInstance, store: self)
        let results: [Value]
        do {
            results = try closure(&context, arguments)
        } catch let trap as Trap {
            throw trap
        } catch {
            throw Trap(.host(String(describing: error)))
        }
        guard results.map(\.type) == type.results else {
            throw Trap(.host("host function \(name) returned \(results.map(\.type)) instead of \(type.results)"))
        }
        for (index, result) in results.enumerated() {
            do { frame[index] = try encode(result) } catch { throw Trap(.host(error.message)) }
        }
    }
}

extension TrapReason {
    /// The reason of a trap raised by the C loop.
    init(_ code: TrapCode) {
        self = switch code {
        case .unreachable: .unreachable
        case .outOfBoundsMemoryAccess: .outOfBoundsMemoryAccess
        case .integerDivideByZero: .integerDivideByZero
        case .integerOverflow: .integerOverflow
        case .invalidConversionToInteger: .invalidConversionToInteger
        case .undefinedElement: .undefinedElement
        case .uninitializedElement: .uninitializedElement
        case .indirectCallTypeMismatch: .indirectCallTypeMismatch
        case .callStackExhausted: .callStackExhausted
        }
    }
}
