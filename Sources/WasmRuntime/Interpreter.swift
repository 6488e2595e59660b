import Synchronization
import WasmCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Code of one `return0` instruction: where a tail call of a host function continues, so that
/// it returns from the frame it replaced.
nonisolated(unsafe) private let returnSequence: UnsafeMutablePointer<UInt64> = {
    let code = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    code.initialize(to: Opcode.return0.word)
    return code
}()

/// The interpreter loop: one `switch` over the translated code of every frame, calls and
/// returns included (no native recursion between guest functions).
extension Store {
    /// Runs the translated `function` whose frame (arguments already in place) starts at
    /// `frame` until it returns; its results are then in the first slots of the frame.
    func execute(
        _ function: UnsafeMutablePointer<FunctionRecord>, frame: Slots, state: ExecutionState
    ) throws(Trap) {
        let frames = state.frames
        let valuesEnd = state.valuesEnd
        let maxDepth = state.maxCallDepth
        let interruptFlag = self.interruptFlag
        let entryDepth = state.frameDepth
        var frameDepth = entryDepth
        var counter = state.counter
        var current = function
        var fp = frame
        var pc = function.pointee.code!
        var memBase = UnsafeMutableRawPointer(bitPattern: 8)!
        var memSize: UInt64 = 0
        var callee = function
        var calleeFP = frame
        var returnPC = pc
        var pendingTrap = Trap(.unreachable)

        var memory = function.pointee.memory

        /// Caches the base and size of `memory` (after a switch of instance, a growth or a host call).
        @inline(__always) func loadMemory() {
            if let memory {
                memBase = memory.pointee.base ?? UnsafeMutableRawPointer(bitPattern: 8)!
                memSize = memory.pointee.byteCount
            } else {
                memSize = 0
            }
        }

        /// Switches the cached memory to `function`'s when it differs (calls and returns).
        @inline(__always) func switchMemory(to function: UnsafeMutablePointer<FunctionRecord>) {
            let target = function.pointee.memory
            if target != memory {
                memory = target
                loadMemory()
            }
        }

        /// The check at function entry and loop back-edges: fuel, interrupt flag, deadline.
        @inline(__always) func check() -> TrapReason? {
            if counter == 0 || interruptFlag.pointee.load(ordering: .relaxed) {
                if let reason = state.refill(&counter, interruptFlag: interruptFlag) { return reason }
            }
            counter &-= 1
            return nil
        }

        /// A tail call of `callee`, whose arguments start at `calleeFP`: the callee replaces the
        /// current frame (same base, same return address). A host callee runs there and the
        /// code continues with a return. The loop's registers are parameters, not captures, so
        /// that they stay in machine registers in every other handler.
        @inline(__always) func tailCall(
            _ callee: UnsafeMutablePointer<FunctionRecord>, _ calleeFP: Slots, _ fp: Slots, _ frameDepth: Int,
            _ pc: inout UnsafeMutablePointer<UInt64>, _ current: inout UnsafeMutablePointer<FunctionRecord>
        ) -> Trap? {
            let parameterCount = callee.pointee.parameterCount
            var index = 0
            while index < parameterCount {
                fp[index] = calleeFP[index]
                index &+= 1
            }
            if callee.pointee.isHost {
                let hostTop = fp + max(parameterCount, callee.pointee.resultCount)
                guard hostTop <= valuesEnd else { return Trap(.callStackExhausted) }
                let savedTop = state.valueTop
                state.valueTop = hostTop
                state.frameDepth = frameDepth
                state.counter = counter
                defer { state.valueTop = savedTop }
                do { try callHost(callee, frame: fp, caller: current) } catch {
                    counter = state.counter  // nested guest runs spent fuel too
                    return error
                }
                counter = state.counter
                loadMemory()
                pc = returnSequence
                return nil
            }
            if callee.pointee.code == nil {
                do { try translate(callee) } catch { return error }
            }
            guard callee.pointee.frameSize <= valuesEnd - fp else { return Trap(.callStackExhausted) }
            callee.pointee.enter(fp)
            current = callee
            pc = callee.pointee.code.unsafelyUnwrapped
            switchMemory(to: callee)
            if let reason = check() { return Trap(reason) }
            return nil
        }

        /// Unwinds to the innermost `try_table` clause that catches the exception `bits` (an
        /// `exnref`) thrown at code offset `site` of `current`: writes the payload and jumps to
        /// the clause's landing code. Without one up to this run's entry frame, the trap to raise.
        /// The loop's registers are parameters, not captures, so that they stay in machine
        /// registers in every other handler.
        @inline(__always) func unwind(
            _ bits: UInt64, site: Int, _ fp: inout Slots, _ pc: inout UnsafeMutablePointer<UInt64>,
            _ current: inout UnsafeMutablePointer<FunctionRecord>, _ frameDepth: inout Int
        ) -> Trap? {
            let exception = exceptions[Int(bits - 1)]
            var site = site
            while true {
                if let handler = handler(in: current, at: site, tag: exception.tag) {
                    var slot = handler.payloadSlot
                    if handler.tag >= 0 {
                        for value in exception.payload {
                            fp[slot] = value
                            slot += 1
                        }
                    }
                    if handler.capturesReference { fp[slot] = bits }
                    pc = current.pointee.code.unsafelyUnwrapped + handler.landing
                    return nil
                }
                if frameDepth == entryDepth {
                    return Trap(.uncaughtException, exception: Exception(store: self, index: Int(bits - 1)))
                }
                frameDepth -= 1
                let saved = frames[frameDepth]
                site = saved.returnPC - saved.function.pointee.code.unsafelyUnwrapped - 1
                fp = saved.framePointer
                current = saved.function
                switchMemory(to: current)
            }
        }

        loadMemory()
        guard frame + function.pointee.frameSize <= valuesEnd else { throw Trap(.callStackExhausted) }
        function.pointee.enter(frame)
        if let reason = check() {
            state.counter = counter
            throw Trap(reason, backtrace: backtrace(current: current, depth: frameDepth, entryDepth: entryDepth))
        }

        dispatch: while true {
            switch UnsafeRawPointer(pc).load(as: Opcode.self) {
            // MARK: Comparisons and tests
            case .i32Eqz: fp.unary(pc) { bits(u32($0) == 0) }; pc += 2; continue
            case .i32Eq: fp.i32Compare(pc, ==); pc += 3; continue
            case .i32Ne: fp.i32Compare(pc, !=); pc += 3; continue
            case .i32LtS: fp.i32Compare(pc) { Int32(bitPattern: $0) < Int32(bitPattern: $1) }; pc += 3; continue
            case .i32LtU: fp.i32Compare(pc, <); pc += 3; continue
            case .i32GtS: fp.i32Compare(pc) { Int32(bitPattern: $0) > Int32(bitPattern: $1) }; pc += 3; continue
            case .i32GtU: fp.i32Compare(pc, >); pc += 3; continue
            case .i32LeS: fp.i32Compare(pc) { Int32(bitPattern: $0) <= Int32(bitPattern: $1) }; pc += 3; continue
            case .i32LeU: fp.i32Compare(pc, <=); pc += 3; continue
            case .i32GeS: fp.i32Compare(pc) { Int32(bitPattern: $0) >= Int32(bitPattern: $1) }; pc += 3; continue
            case .i32GeU: fp.i32Compare(pc, >=); pc += 3; continue
            case .i64Eqz: fp.unary(pc) { bits($0 == 0) }; pc += 2; continue
            case .i64Eq: fp.i64Compare(pc, ==); pc += 3; continue
            case .i64Ne: fp.i64Compare(pc, !=); pc += 3; continue
            case .i64LtS: fp.i64Compare(pc) { s64($0) < s64($1) }; pc += 3; continue
            case .i64LtU: fp.i64Compare(pc, <); pc += 3; continue
            case .i64GtS: fp.i64Compare(pc) { s64($0) > s64($1) }; pc += 3; continue
            case .i64GtU: fp.i64Compare(pc, >); pc += 3; continue
            case .i64LeS: fp.i64Compare(pc) { s64($0) <= s64($1) }; pc += 3; continue
            case .i64LeU: fp.i64Compare(pc, <=); pc += 3; continue
            case .i64GeS: fp.i64Compare(pc) { s64($0) >= s64($1) }; pc += 3; continue
            case .i64GeU: fp.i64Compare(pc, >=); pc += 3; continue
            case .f32Eq: fp.f32Compare(pc, ==); pc += 3; continue
            case .f32Ne: fp.f32Compare(pc, !=); pc += 3; continue
            case .f32Lt: fp.f32Compare(pc, <); pc += 3; continue
            case .f32Gt: fp.f32Compare(pc, >); pc += 3; continue
            case .f32Le: fp.f32Compare(pc, <=); pc += 3; continue
            case .f32Ge: fp.f32Compare(pc, >=); pc += 3; continue
            case .f64Eq: fp.f64Compare(pc, ==); pc += 3; continue
            case .f64Ne: fp.f64Compare(pc, !=); pc += 3; continue
            case .f64Lt: fp.f64Compare(pc, <); pc += 3; continue
            case .f64Gt: fp.f64Compare(pc, >); pc += 3; continue
            case .f64Le: fp.f64Compare(pc, <=); pc += 3; continue
            case .f64Ge: fp.f64Compare(pc, >=); pc += 3; continue

            // MARK: Integer arithmetic
            case .i32Clz: fp.unary(pc) { UInt64(u32($0).leadingZeroBitCount) }; pc += 2; continue
            case .i32Ctz: fp.unary(pc) { UInt64(u32($0).trailingZeroBitCount) }; pc += 2; continue
            case .i32Popcnt: fp.unary(pc) { UInt64(u32($0).nonzeroBitCount) }; pc += 2; continue
            case .i32Add: fp.i32(pc, &+); pc += 3; continue
            case .i32Sub: fp.i32(pc, &-); pc += 3; continue
            case .i32Mul: fp.i32(pc, &*); pc += 3; continue
            case .i32DivS:
                let a = s32(fp[slot1(pc)]), b = s32(fp[slot2(pc)])
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                if a == Int32.min && b == -1 { pendingTrap = Trap(.integerOverflow); break dispatch }
                fp[slot0(pc)] = bits(a / b); pc += 3; continue
            case .i32DivU:
                let b = u32(fp[slot2(pc)])
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                fp[slot0(pc)] = bits(u32(fp[slot1(pc)]) / b); pc += 3; continue
            case .i32RemS:
                let b = s32(fp[slot2(pc)])
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                fp[slot0(pc)] = bits(s32(fp[slot1(pc)]).remainderReportingOverflow(dividingBy: b).partialValue); pc += 3; continue
            case .i32RemU:
                let b = u32(fp[slot2(pc)])
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                fp[slot0(pc)] = bits(u32(fp[slot1(pc)]) % b); pc += 3; continue
            case .i32And: fp.i32(pc, &); pc += 3; continue
            case .i32Or: fp.i32(pc, |); pc += 3; continue
            case .i32Xor: fp.i32(pc, ^); pc += 3; continue
            case .i32Shl: fp.i32(pc, &<<); pc += 3; continue
            case .i32ShrS: fp.i32(pc) { UInt32(bitPattern: Int32(bitPattern: $0) &>> Int32(bitPattern: $1)) }; pc += 3; continue
            case .i32ShrU: fp.i32(pc, &>>); pc += 3; continue
            case .i32Rotl: fp.i32(pc) { ($0 &<< $1) | ($0 &>> (32 &- ($1 & 31))) }; pc += 3; continue
            case .i32Rotr: fp.i32(pc) { ($0 &>> $1) | ($0 &<< (32 &- ($1 & 31))) }; pc += 3; continue
            case .i64Clz: fp.unary(pc) { UInt64($0.leadingZeroBitCount) }; pc += 2; continue
            case .i64Ctz: fp.unary(pc) { UInt64($0.trailingZeroBitCount) }; pc += 2; continue
            case .i64Popcnt: fp.unary(pc) { UInt64($0.nonzeroBitCount) }; pc += 2; continue
            case .i64Add: fp.i64(pc, &+); pc += 3; continue
            case .i64Sub: fp.i64(pc, &-); pc += 3; continue
            case .i64Mul: fp.i64(pc, &*); pc += 3; continue
            case .i64DivS:
                let a = s64(fp[slot1(pc)]), b = s64(fp[slot2(pc)])
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                if a == Int64.min && b == -1 { pendingTrap = Trap(.integerOverflow); break dispatch }
                fp[slot0(pc)] = bits(a / b); pc += 3; continue
            case .i64DivU:
                let b = fp[slot2(pc)]
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                fp[slot0(pc)] = fp[slot1(pc)] / b; pc += 3; continue
            case .i64RemS:
                let b = s64(fp[slot2(pc)])
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                fp[slot0(pc)] = bits(s64(fp[slot1(pc)]).remainderReportingOverflow(dividingBy: b).partialValue); pc += 3; continue
            case .i64RemU:
                let b = fp[slot2(pc)]
                if b == 0 { pendingTrap = Trap(.integerDivideByZero); break dispatch }
                fp[slot0(pc)] = fp[slot1(pc)] % b; pc += 3; continue
            case .i64And: fp.i64(pc, &); pc += 3; continue
            case .i64Or: fp.i64(pc, |); pc += 3; continue
            case .i64Xor: fp.i64(pc, ^); pc += 3; continue
            case .i64Shl: fp.i64(pc, &<<); pc += 3; continue
            case .i64ShrS: fp.i64(pc) { UInt64(bitPattern: s64($0) &>> s64($1)) }; pc += 3; continue
            case .i64ShrU: fp.i64(pc, &>>); pc += 3; continue
            case .i64Rotl: fp.i64(pc) { ($0 &<< $1) | ($0 &>> (64 &- ($1 & 63))) }; pc += 3; continue
            case .i64Rotr: fp.i64(pc) { ($0 &>> $1) | ($0 &<< (64 &- ($1 & 63))) }; pc += 3; continue

            // MARK: Float arithmetic
            case .f32Abs: fp.unary(pc) { $0 & 0x7FFF_FFFF }; pc += 2; continue
            case .f32Neg: fp.unary(pc) { UInt64(u32($0) ^ 0x8000_0000) }; pc += 2; continue
            case .f32Ceil: fp.f32Unary(pc) { $0.rounded(.up) }; pc += 2; continue
            case .f32Floor: fp.f32Unary(pc) { $0.rounded(.down) }; pc += 2; continue
            case .f32Trunc: fp.f32Unary(pc) { $0.rounded(.towardZero) }; pc += 2; continue
            case .f32Nearest: fp.f32Unary(pc) { $0.rounded(.toNearestOrEven) }; pc += 2; continue
            case .f32Sqrt: fp.f32Unary(pc) { $0.squareRoot() }; pc += 2; continue
            case .f32Add: fp.f32(pc, +); pc += 3; continue
            case .f32Sub: fp.f32(pc, -); pc += 3; continue
            case .f32Mul: fp.f32(pc, *); pc += 3; continue
            case .f32Div: fp.f32(pc, /); pc += 3; continue
            case .f32Min: fp.f32(pc, FloatSemantics.minimum); pc += 3; continue
            case .f32Max: fp.f32(pc, FloatSemantics.maximum); pc += 3; continue
            case .f32Copysign: fp.binary(pc) { ($0 & 0x7FFF_FFFF) | ($1 & 0x8000_0000) }; pc += 3; continue
            case .f64Abs: fp.unary(pc) { $0 & 0x7FFF_FFFF_FFFF_FFFF }; pc += 2; continue
            case .f64Neg: fp.unary(pc) { $0 ^ 0x8000_0000_0000_0000 }; pc += 2; continue
            case .f64Ceil: fp.f64Unary(pc) { $0.rounded(.up) }; pc += 2; continue
            case .f64Floor: fp.f64Unary(pc) { $0.rounded(.down) }; pc += 2; continue
            case .f64Trunc: fp.f64Unary(pc) { $0.rounded(.towardZero) }; pc += 2; continue
            case .f64Nearest: fp.f64Unary(pc) { $0.rounded(.toNearestOrEven) }; pc += 2; continue
            case .f64Sqrt: fp.f64Unary(pc) { $0.squareRoot() }; pc += 2; continue
            case .f64Add: fp.f64(pc, +); pc += 3; continue
            case .f64Sub: fp.f64(pc, -); pc += 3; continue
            case .f64Mul: fp.f64(pc, *); pc += 3; continue
            case .f64Div: fp.f64(pc, /); pc += 3; continue
            case .f64Min: fp.f64(pc, FloatSemantics.minimum); pc += 3; continue
            case .f64Max: fp.f64(pc, FloatSemantics.maximum); pc += 3; continue
            case .f64Copysign:
                fp.binary(pc) { ($0 & 0x7FFF_FFFF_FFFF_FFFF) | ($1 & 0x8000_0000_0000_0000) }; pc += 3; continue

            // MARK: Conversions
            case .i32WrapI64: fp.unary(pc) { $0 & 0xFFFF_FFFF }; pc += 2; continue
            case .i64ExtendI32U, .i32ReinterpretF32, .i64ReinterpretF64, .f32ReinterpretI32, .f64ReinterpretI64:
                // Bit-preserving: 32-bit values are kept zero-extended in their slots.
                fp.unary(pc) { $0 }; pc += 2; continue
            case .i32TruncF32S:
                let (result, trap) = FloatSemantics.i32S(f32(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i32TruncF32U:
                let (result, trap) = FloatSemantics.i32U(f32(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i32TruncF64S:
                let (result, trap) = FloatSemantics.i32S(f64(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i32TruncF64U:
                let (result, trap) = FloatSemantics.i32U(f64(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i64TruncF32S:
                let (result, trap) = FloatSemantics.i64S(f32(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i64TruncF32U:
                let (result, trap) = FloatSemantics.i64U(f32(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i64TruncF64S:
                let (result, trap) = FloatSemantics.i64S(f64(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i64TruncF64U:
                let (result, trap) = FloatSemantics.i64U(f64(fp[slot1(pc)]))
                if let trap { pendingTrap = Trap(trap); break dispatch }
                fp[slot0(pc)] = result; pc += 2; continue
            case .i32TruncSatF32S: fp.unary(pc) { FloatSemantics.i32SSaturating(f32($0)) }; pc += 2; continue
            case .i32TruncSatF32U: fp.unary(pc) { FloatSemantics.i32USaturating(f32($0)) }; pc += 2; continue
            case .i32TruncSatF64S: fp.unary(pc) { FloatSemantics.i32SSaturating(f64($0)) }; pc += 2; continue
            case .i32TruncSatF64U: fp.unary(pc) { FloatSemantics.i32USaturating(f64($0)) }; pc += 2; continue
            case .i64TruncSatF32S: fp.unary(pc) { FloatSemantics.i64SSaturating(f32($0)) }; pc += 2; continue
            case .i64TruncSatF32U: fp.unary(pc) { FloatSemantics.i64USaturating(f32($0)) }; pc += 2; continue
            case .i64TruncSatF64S: fp.unary(pc) { FloatSemantics.i64SSaturating(f64($0)) }; pc += 2; continue
            case .i64TruncSatF64U: fp.unary(pc) { FloatSemantics.i64USaturating(f64($0)) }; pc += 2; continue
            case .i64ExtendI32S: fp.unary(pc) { bits(Int64(s32($0))) }; pc += 2; continue
            case .f32ConvertI32S: fp.unary(pc) { bits(Float(s32($0))) }; pc += 2; continue
            case .f32ConvertI32U: fp.unary(pc) { bits(Float(u32($0))) }; pc += 2; continue
            case .f32ConvertI64S: fp.unary(pc) { bits(Float(s64($0))) }; pc += 2; continue
            case .f32ConvertI64U: fp.unary(pc) { bits(Float($0)) }; pc += 2; continue
            case .f32DemoteF64: fp.unary(pc) { bits(Float(f64($0))) }; pc += 2; continue
            case .f64ConvertI32S: fp.unary(pc) { bits(Double(s32($0))) }; pc += 2; continue
            case .f64ConvertI32U: fp.unary(pc) { bits(Double(u32($0))) }; pc += 2; continue
            case .f64ConvertI64S: fp.unary(pc) { bits(Double(s64($0))) }; pc += 2; continue
            case .f64ConvertI64U: fp.unary(pc) { bits(Double($0)) }; pc += 2; continue
            case .f64PromoteF32: fp.unary(pc) { bits(Double(f32($0))) }; pc += 2; continue
            case .i32Extend8S: fp.unary(pc) { bits(Int32(Int8(truncatingIfNeeded: $0))) }; pc += 2; continue
            case .i32Extend16S: fp.unary(pc) { bits(Int32(Int16(truncatingIfNeeded: $0))) }; pc += 2; continue
            case .i64Extend8S: fp.unary(pc) { bits(Int64(Int8(truncatingIfNeeded: $0))) }; pc += 2; continue
            case .i64Extend16S: fp.unary(pc) { bits(Int64(Int16(truncatingIfNeeded: $0))) }; pc += 2; continue
            case .i64Extend32S: fp.unary(pc) { bits(Int64(Int32(truncatingIfNeeded: $0))) }; pc += 2; continue

            // MARK: Memory
            case .i32Load:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 4 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = UInt64((memBase + Int(address)).loadUnaligned(as: UInt32.self))
                pc += 3; continue
            case .i64Load:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 8 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = (memBase + Int(address)).loadUnaligned(as: UInt64.self)
                pc += 3; continue
            case .f32Load:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 4 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = UInt64((memBase + Int(address)).loadUnaligned(as: UInt32.self))
                pc += 3; continue
            case .f64Load:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 8 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = (memBase + Int(address)).loadUnaligned(as: UInt64.self)
                pc += 3; continue
            case .i32Load8S:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 1 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = bits(Int32((memBase + Int(address)).load(as: Int8.self)))
                pc += 3; continue
            case .i32Load8U:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 1 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = UInt64((memBase + Int(address)).load(as: UInt8.self))
                pc += 3; continue
            case .i32Load16S:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 2 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = bits(Int32((memBase + Int(address)).loadUnaligned(as: Int16.self)))
                pc += 3; continue
            case .i32Load16U:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 2 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = UInt64((memBase + Int(address)).loadUnaligned(as: UInt16.self))
                pc += 3; continue
            case .i64Load8S:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 1 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = bits(Int64((memBase + Int(address)).load(as: Int8.self)))
                pc += 3; continue
            case .i64Load8U:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 1 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = UInt64((memBase + Int(address)).load(as: UInt8.self))
                pc += 3; continue
            case .i64Load16S:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 2 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = bits(Int64((memBase + Int(address)).loadUnaligned(as: Int16.self)))
                pc += 3; continue
            case .i64Load16U:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 2 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = UInt64((memBase + Int(address)).loadUnaligned(as: UInt16.self))
                pc += 3; continue
            case .i64Load32S:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 4 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = bits(Int64((memBase + Int(address)).loadUnaligned(as: Int32.self)))
                pc += 3; continue
            case .i64Load32U:
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard address &+ 4 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                fp[slot0(pc)] = UInt64((memBase + Int(address)).loadUnaligned(as: UInt32.self))
                pc += 3; continue
            case .i32Store:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 4 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: UInt32(truncatingIfNeeded: fp[slot1(pc)]), as: UInt32.self)
                pc += 3; continue
            case .i64Store:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 8 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: fp[slot1(pc)], as: UInt64.self)
                pc += 3; continue
            case .f32Store:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 4 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: UInt32(truncatingIfNeeded: fp[slot1(pc)]), as: UInt32.self)
                pc += 3; continue
            case .f64Store:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 8 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: fp[slot1(pc)], as: UInt64.self)
                pc += 3; continue
            case .i32Store8:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 1 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: UInt8(truncatingIfNeeded: fp[slot1(pc)]), as: UInt8.self)
                pc += 3; continue
            case .i32Store16:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 2 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: UInt16(truncatingIfNeeded: fp[slot1(pc)]), as: UInt16.self)
                pc += 3; continue
            case .i64Store8:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 1 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: UInt8(truncatingIfNeeded: fp[slot1(pc)]), as: UInt8.self)
                pc += 3; continue
            case .i64Store16:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 2 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: UInt16(truncatingIfNeeded: fp[slot1(pc)]), as: UInt16.self)
                pc += 3; continue
            case .i64Store32:
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard address &+ 4 <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                (memBase + Int(address)).storeBytes(of: UInt32(truncatingIfNeeded: fp[slot1(pc)]), as: UInt32.self)
                pc += 3; continue

            // MARK: Immediate operands
            case .i32AddImm: fp.i32Immediate(pc, pc[2], &+); pc += 3; continue
            case .i32MulImm: fp.i32Immediate(pc, pc[2], &*); pc += 3; continue
            case .i32AndImm: fp.i32Immediate(pc, pc[2], &); pc += 3; continue
            case .i32OrImm: fp.i32Immediate(pc, pc[2], |); pc += 3; continue
            case .i32XorImm: fp.i32Immediate(pc, pc[2], ^); pc += 3; continue
            case .i32ShlImm: fp.i32Immediate(pc, pc[2], &<<); pc += 3; continue
            case .i32ShrSImm:
                fp.i32Immediate(pc, pc[2]) { UInt32(bitPattern: Int32(bitPattern: $0) &>> Int32(bitPattern: $1)) }; pc += 3; continue
            case .i32ShrUImm: fp.i32Immediate(pc, pc[2], &>>); pc += 3; continue
            case .i32RotlImm: fp.i32Immediate(pc, pc[2]) { ($0 &<< $1) | ($0 &>> (32 &- ($1 & 31))) }; pc += 3; continue
            case .i32RotrImm: fp.i32Immediate(pc, pc[2]) { ($0 &>> $1) | ($0 &<< (32 &- ($1 & 31))) }; pc += 3; continue
            case .i64RotlImm: fp.i64Immediate(pc, pc[2]) { ($0 &<< $1) | ($0 &>> (64 &- ($1 & 63))) }; pc += 3; continue
            case .i64RotrImm: fp.i64Immediate(pc, pc[2]) { ($0 &>> $1) | ($0 &<< (64 &- ($1 & 63))) }; pc += 3; continue
            case .i32EqImm: fp.i32CompareImmediate(pc, pc[2], ==); pc += 3; continue
            case .i32NeImm: fp.i32CompareImmediate(pc, pc[2], !=); pc += 3; continue
            case .i32LtSImm:
                fp.i32CompareImmediate(pc, pc[2]) { Int32(bitPattern: $0) < Int32(bitPattern: $1) }; pc += 3; continue
            case .i32LtUImm: fp.i32CompareImmediate(pc, pc[2], <); pc += 3; continue
            case .i32GtSImm:
                fp.i32CompareImmediate(pc, pc[2]) { Int32(bitPattern: $0) > Int32(bitPattern: $1) }; pc += 3; continue
            case .i32GtUImm: fp.i32CompareImmediate(pc, pc[2], >); pc += 3; continue
            case .i32LeSImm:
                fp.i32CompareImmediate(pc, pc[2]) { Int32(bitPattern: $0) <= Int32(bitPattern: $1) }; pc += 3; continue
            case .i32LeUImm: fp.i32CompareImmediate(pc, pc[2], <=); pc += 3; continue
            case .i32GeSImm:
                fp.i32CompareImmediate(pc, pc[2]) { Int32(bitPattern: $0) >= Int32(bitPattern: $1) }; pc += 3; continue
            case .i32GeUImm: fp.i32CompareImmediate(pc, pc[2], >=); pc += 3; continue
            case .i64AddImm: fp.i64Immediate(pc, pc[2], &+); pc += 3; continue
            case .i64SubImm: fp.i64Immediate(pc, pc[2], &-); pc += 3; continue
            case .i64MulImm: fp.i64Immediate(pc, pc[2], &*); pc += 3; continue
            case .i64AndImm: fp.i64Immediate(pc, pc[2], &); pc += 3; continue
            case .i64OrImm: fp.i64Immediate(pc, pc[2], |); pc += 3; continue
            case .i64XorImm: fp.i64Immediate(pc, pc[2], ^); pc += 3; continue
            case .i64ShlImm: fp.i64Immediate(pc, pc[2], &<<); pc += 3; continue
            case .i64ShrSImm: fp.i64Immediate(pc, pc[2]) { UInt64(bitPattern: s64($0) &>> s64($1)) }; pc += 3; continue
            case .i64ShrUImm: fp.i64Immediate(pc, pc[2], &>>); pc += 3; continue
            case .i64EqImm: fp.i64CompareImmediate(pc, pc[2], ==); pc += 3; continue
            case .i64NeImm: fp.i64CompareImmediate(pc, pc[2], !=); pc += 3; continue
            case .i64LtSImm: fp.i64CompareImmediate(pc, pc[2]) { s64($0) < s64($1) }; pc += 3; continue
            case .i64LtUImm: fp.i64CompareImmediate(pc, pc[2], <); pc += 3; continue
            case .i64GtSImm: fp.i64CompareImmediate(pc, pc[2]) { s64($0) > s64($1) }; pc += 3; continue
            case .i64GtUImm: fp.i64CompareImmediate(pc, pc[2], >); pc += 3; continue
            case .i64LeSImm: fp.i64CompareImmediate(pc, pc[2]) { s64($0) <= s64($1) }; pc += 3; continue
            case .i64LeUImm: fp.i64CompareImmediate(pc, pc[2], <=); pc += 3; continue
            case .i64GeSImm: fp.i64CompareImmediate(pc, pc[2]) { s64($0) >= s64($1) }; pc += 3; continue
            case .i64GeUImm: fp.i64CompareImmediate(pc, pc[2], >=); pc += 3; continue

            // MARK: Compare and branch
            case .brIfI32Eq:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if a == b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32Ne:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if a != b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LtS:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if Int32(bitPattern: a) < Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LtU:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if a < b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GtS:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if Int32(bitPattern: a) > Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GtU:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if a > b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LeS:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if Int32(bitPattern: a) <= Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LeU:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if a <= b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GeS:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if Int32(bitPattern: a) >= Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GeU:
                let a = u32(fp[slot0(pc)]), b = u32(fp[slot1(pc)])
                if a >= b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32EqImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if a == b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32NeImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if a != b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LtSImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if Int32(bitPattern: a) < Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LtUImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if a < b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GtSImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if Int32(bitPattern: a) > Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GtUImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if a > b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LeSImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if Int32(bitPattern: a) <= Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32LeUImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if a <= b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GeSImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if Int32(bitPattern: a) >= Int32(bitPattern: b) {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI32GeUImm:
                let a = u32(fp[slot0(pc)]), b = UInt32(truncatingIfNeeded: slot1(pc))
                if a >= b {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfZero:
                if u32(fp[Int(pc[1])]) == 0 {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfNonZero:
                if u32(fp[Int(pc[1])]) != 0 {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI64Zero:
                if fp[Int(pc[1])] == 0 {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue
            case .brIfI64NonZero:
                if fp[Int(pc[1])] != 0 {
                    let offset = Int(Int64(bitPattern: pc[2]))
                    pc += offset
                    if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                } else {
                    pc += 3
                }
                continue

            // MARK: Control
            case .unreachable: pendingTrap = Trap(.unreachable); break dispatch
            case .br:
                let offset = Int(Int64(bitPattern: pc[1]))
                pc += offset
                if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                continue
            case .brTable:
                let index = UInt64(u32(fp[Int(pc[1])]))
                let entry = Int(min(index, pc[2]))
                let offset = Int(Int64(bitPattern: pc[3 + entry]))
                pc += offset
                if offset <= 0, let reason = check() { pendingTrap = Trap(reason); break dispatch }
                continue
            case .call:
                callee = UnsafeMutablePointer(bitPattern: UInt(pc[1]))!
                calleeFP = fp + Int(pc[2])
                returnPC = pc + 3
            case .callIndirect:
                let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[1]))!
                let w = pc[2]
                let index = Int(u32(fp[Int(truncatingIfNeeded: w & 0xFFFF_FFFF)]))
                guard index < table.pointee.count else { pendingTrap = Trap(.undefinedElement); break dispatch }
                guard let target = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(table.pointee.elements![index])) else {
                    pendingTrap = Trap(.uninitializedElement); break dispatch
                }
                guard target.pointee.typeID == Int(pc[3]) else { pendingTrap = Trap(.indirectCallTypeMismatch); break dispatch }
                callee = target
                calleeFP = fp + Int(truncatingIfNeeded: w &>> 32)
                returnPC = pc + 4
            case .throw:
                let w = pc[2]
                let payload = Array(UnsafeBufferPointer(start: fp + Int(w & 0xFFFF_FFFF), count: Int(w &>> 32)))
                let bits = addException(tag: Int(pc[1]), payload: payload)
                if let trap = unwind(bits, site: pc - current.pointee.code.unsafelyUnwrapped, &fp, &pc, &current, &frameDepth) {
                    pendingTrap = trap; break dispatch
                }
                continue
            case .throwRef:
                let bits = fp[Int(pc[1])]
                guard bits != 0 else { pendingTrap = Trap(.nullExceptionReference); break dispatch }
                if let trap = unwind(bits, site: pc - current.pointee.code.unsafelyUnwrapped, &fp, &pc, &current, &frameDepth) {
                    pendingTrap = trap; break dispatch
                }
                continue
            case .returnCall:
                callee = UnsafeMutablePointer(bitPattern: UInt(pc[1]))!
                calleeFP = fp + Int(pc[2])
                if let trap = tailCall(callee, calleeFP, fp, frameDepth, &pc, &current) { pendingTrap = trap; break dispatch }
                continue
            case .returnCallIndirect:
                let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[1]))!
                let w = pc[2]
                let index = Int(u32(fp[Int(truncatingIfNeeded: w & 0xFFFF_FFFF)]))
                guard index < table.pointee.count else { pendingTrap = Trap(.undefinedElement); break dispatch }
                guard let target = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(table.pointee.elements![index])) else {
                    pendingTrap = Trap(.uninitializedElement); break dispatch
                }
                guard target.pointee.typeID == Int(pc[3]) else { pendingTrap = Trap(.indirectCallTypeMismatch); break dispatch }
                callee = target
                calleeFP = fp + Int(truncatingIfNeeded: w &>> 32)
                if let trap = tailCall(callee, calleeFP, fp, frameDepth, &pc, &current) { pendingTrap = trap; break dispatch }
                continue
            case .return1:
                fp[0] = fp[Int(pc[1])]
                fallthrough
            case .return0:
                if frameDepth == entryDepth {
                    state.counter = counter
                    return
                }
                frameDepth -= 1
                let saved = frames[frameDepth]
                pc = saved.returnPC
                fp = saved.framePointer
                current = saved.function
                switchMemory(to: current)
                continue

            // MARK: Data movement
            case .copy: fp[slot0(pc)] = fp[slot1(pc)]; pc += 2; continue
            case .copy2:
                fp[slot0(pc)] = fp[slot1(pc)]
                fp[slot2(pc)] = fp[slot3(pc)]
                pc += 3; continue
            case .const: fp[Int(pc[1])] = pc[2]; pc += 3; continue
            case .select:
                fp[slot0(pc)] = u32(fp[slot3(pc)]) != 0 ? fp[slot1(pc)] : fp[slot2(pc)]
                pc += 3; continue
            case .globalGet: fp[Int(pc[1])] = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[2]))!.pointee; pc += 3; continue
            case .globalSet: UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[2]))!.pointee = fp[Int(pc[1])]; pc += 3; continue
            case .refIsNull: fp.unary(pc) { bits($0 == 0) }; pc += 2; continue

            // MARK: Memory management
            case .memorySize: fp[Int(pc[1])] = memSize >> 16; pc += 2; continue
            case .memoryGrow:
                let old = memory!.pointee.grow(by: UInt64(u32(fp[slot1(pc)])))
                fp[slot0(pc)] = old ?? 0xFFFF_FFFF
                loadMemory()
                pc += 2; continue
            case .memoryFill:
                let destination = UInt64(u32(fp[slot0(pc)])), count = UInt64(u32(fp[slot2(pc)]))
                guard destination + count <= memSize else { pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch }
                memset(memBase + Int(destination), Int32(truncatingIfNeeded: fp[slot1(pc)] & 0xFF), Int(count))
                pc += 3; continue
            case .memoryCopy:
                let destination = UInt64(u32(fp[slot0(pc)])), source = UInt64(u32(fp[slot1(pc)]))
                let count = UInt64(u32(fp[slot2(pc)]))
                guard destination + count <= memSize, source + count <= memSize else {
                    pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch
                }
                memmove(memBase + Int(destination), memBase + Int(source), Int(count))
                pc += 3; continue
            case .memoryInit:
                let segment = UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[3]))!
                let destination = UInt64(u32(fp[slot0(pc)])), source = UInt64(u32(fp[slot1(pc)]))
                let count = UInt64(u32(fp[slot2(pc)]))
                guard destination + count <= memSize, source + count <= UInt64(segment.pointee.count) else {
                    pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch
                }
                if count > 0 { memmove(memBase + Int(destination), segment.pointee.items! + Int(source), Int(count)) }
                pc += 4; continue
            case .loadFromMemory:
                let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
                let address = effectiveAddress(fp[slot1(pc)], pc[2])
                guard let value = memory.pointee.load(LoadOperator(rawValue: UInt8(pc[4]))!, at: address) else {
                    pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch
                }
                fp[slot0(pc)] = value
                pc += 5; continue
            case .storeToMemory:
                let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
                let address = effectiveAddress(fp[slot0(pc)], pc[2])
                guard memory.pointee.store(StoreOperator(rawValue: UInt8(pc[4]))!, fp[slot1(pc)], at: address) else {
                    pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch
                }
                pc += 5; continue
            case .memorySizeOf:
                fp[Int(pc[1])] = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[2]))!.pointee.pageCount
                pc += 3; continue
            case .memoryGrowOf:
                let old = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[2]))!.pointee.grow(by: UInt64(u32(fp[slot1(pc)])))
                fp[slot0(pc)] = old ?? 0xFFFF_FFFF
                loadMemory()  // the same memory may also be this instance's memory 0
                pc += 3; continue
            case .memoryFillOf:
                let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
                guard memory.pointee.fill(at: UInt64(u32(fp[slot0(pc)])), value: UInt8(truncatingIfNeeded: fp[slot1(pc)]),
                                          count: UInt64(u32(fp[slot2(pc)]))) else {
                    pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch
                }
                pc += 4; continue
            case .memoryCopyBetween:
                let destination = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[3]))!
                let source = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[4]))!
                guard destination.pointee.copy(to: UInt64(u32(fp[slot0(pc)])), from: source.pointee,
                                               at: UInt64(u32(fp[slot1(pc)])), count: UInt64(u32(fp[slot2(pc)]))) else {
                    pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch
                }
                pc += 5; continue
            case .memoryInitOf:
                let segment = UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[3]))!
                let memory = UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(pc[4]))!
                guard memory.pointee.initialize(at: UInt64(u32(fp[slot0(pc)])), from: segment.pointee,
                                                at: UInt64(u32(fp[slot1(pc)])), count: UInt64(u32(fp[slot2(pc)]))) else {
                    pendingTrap = Trap(.outOfBoundsMemoryAccess); break dispatch
                }
                pc += 5; continue
            case .dataDrop, .elemDrop:
                UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[1]))!.pointee.count = 0
                pc += 2; continue

            // MARK: Tables
            case .tableGet:
                let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!
                let index = Int(u32(fp[slot1(pc)]))
                guard index < table.pointee.count else { pendingTrap = Trap(.outOfBoundsTableAccess); break dispatch }
                fp[slot0(pc)] = table.pointee.elements![index]
                pc += 3; continue
            case .tableSet:
                let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!
                let index = Int(u32(fp[slot0(pc)]))
                guard index < table.pointee.count else { pendingTrap = Trap(.outOfBoundsTableAccess); break dispatch }
                table.pointee.elements![index] = fp[slot1(pc)]
                pc += 3; continue
            case .tableSize:
                fp[Int(pc[1])] = UInt64(UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!.pointee.count)
                pc += 3; continue
            case .tableGrow:
                let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
                let old = table.pointee.grow(by: UInt64(u32(fp[slot2(pc)])), filling: fp[slot1(pc)])
                fp[slot0(pc)] = old ?? 0xFFFF_FFFF
                pc += 4; continue
            case .tableFill:
                let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
                let start = UInt64(u32(fp[slot0(pc)])), count = UInt64(u32(fp[slot2(pc)]))
                guard start + count <= UInt64(table.pointee.count) else {
                    pendingTrap = Trap(.outOfBoundsTableAccess); break dispatch
                }
                if count > 0 { (table.pointee.elements! + Int(start)).update(repeating: fp[slot1(pc)], count: Int(count)) }
                pc += 4; continue
            case .tableCopy:
                let destinationTable = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
                let sourceTable = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[4]))!
                let destination = UInt64(u32(fp[slot0(pc)])), source = UInt64(u32(fp[slot1(pc)]))
                let count = UInt64(u32(fp[slot2(pc)]))
                guard destination + count <= UInt64(destinationTable.pointee.count),
                      source + count <= UInt64(sourceTable.pointee.count) else {
                    pendingTrap = Trap(.outOfBoundsTableAccess); break dispatch
                }
                if count > 0 {
                    (destinationTable.pointee.elements! + Int(destination)).update(
                        from: sourceTable.pointee.elements! + Int(source), count: Int(count))
                }
                pc += 5; continue
            case .tableInit:
                let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[3]))!
                let segment = UnsafeMutablePointer<SegmentRecord>(bitPattern: UInt(pc[4]))!
                let destination = UInt64(u32(fp[slot0(pc)])), source = UInt64(u32(fp[slot1(pc)]))
                let count = UInt64(u32(fp[slot2(pc)]))
                guard destination + count <= UInt64(table.pointee.count),
                      source + count <= UInt64(segment.pointee.count) else {
                    pendingTrap = Trap(.outOfBoundsTableAccess); break dispatch
                }
                if count > 0 {
                    (table.pointee.elements! + Int(destination)).update(
                        from: segment.pointee.items!.assumingMemoryBound(to: UInt64.self) + Int(source), count: Int(count))
                }
                pc += 5; continue
            }

            // MARK: Calls (reached from `.call` and `.callIndirect`)
            if callee.pointee.code == nil {
                if callee.pointee.isHost {
                    let hostTop = calleeFP + max(callee.pointee.parameterCount, callee.pointee.resultCount)
                    guard hostTop <= valuesEnd else { pendingTrap = Trap(.callStackExhausted); break dispatch }
                    let savedTop = state.valueTop
                    state.valueTop = hostTop
                    state.frameDepth = frameDepth
                    state.counter = counter
                    do {
                        try callHost(callee, frame: calleeFP, caller: current)
                    } catch {
                        state.valueTop = savedTop
                        counter = state.counter  // nested guest runs spent fuel too
                        pendingTrap = error
                        break dispatch
                    }
                    state.valueTop = savedTop
                    counter = state.counter
                    loadMemory()
                    pc = returnPC
                    continue
                }
                do { try translate(callee) } catch { pendingTrap = error; break dispatch }
            }
            // Slots left above the callee's frame start, compared as integers (cheaper than pointers).
            let room = valuesEnd - calleeFP
            guard frameDepth < maxDepth, callee.pointee.frameSize <= room else {
                pendingTrap = Trap(.callStackExhausted); break dispatch
            }
            frames[frameDepth] = CallFrameRecord(returnPC: returnPC, framePointer: fp, function: current)
            frameDepth += 1
            callee.pointee.enter(calleeFP)
            fp = calleeFP
            current = callee
            pc = callee.pointee.code.unsafelyUnwrapped
            switchMemory(to: callee)
            if let reason = check() { pendingTrap = Trap(reason); break dispatch }
        }

        state.counter = counter
        pendingTrap.backtrace += backtrace(current: current, depth: frameDepth, entryDepth: entryDepth)
        state.frameDepth = entryDepth
        throw pendingTrap
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
