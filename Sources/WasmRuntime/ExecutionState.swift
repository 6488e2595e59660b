internal import CWasmInterpreter
import Synchronization

/// The interpreter's stacks and the fuel/deadline accounting of the guest call in progress.
///
/// One value stack holds every frame's slots (a callee's frame starts at its caller's
/// argument slots); the call-frame stack holds the callers' saved state. Both are
/// allocated once, so calls allocate nothing.
final class ExecutionState {
    let values: UnsafeMutablePointer<UInt64>
    let valuesEnd: UnsafeMutablePointer<UInt64>
    let frames: UnsafeMutablePointer<CallFrameRecord>
    let maxCallDepth: Int
    /// First free value slot for a run entered from the host.
    var valueTop: UnsafeMutablePointer<UInt64>
    /// Frames in use on the call-frame stack.
    var frameDepth = 0
    /// Nested runs of the interpreter loop (host functions calling back into guests).
    var nesting = 0

    // Fuel and deadline accounting. The loop counts `counter` down to 0 between slow checks.
    var counter = 0
    /// Value of `counter` at the last refill.
    var chunk = 0
    var fuelEnabled = false
    /// Fuel left once the current chunk is used up.
    var fuelLeft: UInt64 = 0
    var deadline: ContinuousClock.Instant?

    /// Checks between two clock readings when a deadline is set.
    static let deadlineInterval = 4096
    /// Checks between two readings of the interrupt flag otherwise (a few hundred microseconds
    /// of guest code at most).
    static let interruptInterval = 1 << 16
    /// Host re-entry depth limit (each nested run uses native stack).
    static let maxNesting = 500

    init(valueSlots: Int, maxCallDepth: Int) {
        let slots = max(valueSlots, 1024)
        values = .allocate(capacity: slots)
        valuesEnd = values + slots
        self.maxCallDepth = min(max(maxCallDepth, 1), slots)
        frames = .allocate(capacity: self.maxCallDepth + 1)
        valueTop = values
    }

    deinit {
        values.deallocate()
        frames.deallocate()
    }

    /// Starts accounting for an outermost guest call.
    func beginAccounting(fuel: UInt64?, deadline: ContinuousClock.Instant?) {
        fuelEnabled = fuel != nil
        fuelLeft = fuel ?? 0
        self.deadline = deadline
        chunk = 0
        counter = 0
    }

    /// The fuel left after an outermost guest call.
    var remainingFuel: UInt64? {
        fuelEnabled ? fuelLeft - UInt64(chunk - counter) : nil
    }

    /// The slow part of a check: the interrupt flag, fuel and the clock. Refills `counter`
    /// or names the trap.
    func refill(_ counter: inout Int, interruptFlag: UnsafeMutablePointer<Atomic<Bool>>) -> TrapReason? {
        if interruptFlag.pointee.load(ordering: .relaxed) {
            interruptFlag.pointee.store(false, ordering: .relaxed)
            return .interrupted
        }
        if counter > 0 { return nil }
        if fuelEnabled {
            fuelLeft -= UInt64(chunk)
            chunk = 0
            if fuelLeft == 0 { return .outOfFuel }
        }
        if let deadline, ContinuousClock.now >= deadline { return .deadlineExceeded }
        let interval = deadline == nil ? ExecutionState.interruptInterval : ExecutionState.deadlineInterval
        chunk = fuelEnabled ? Int(min(fuelLeft, UInt64(interval))) : interval
        counter = chunk
        return nil
    }
}
