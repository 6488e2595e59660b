internal import CWasmInterpreter
/// A structured-control construct open during translation.
struct ControlFrame {
    enum Kind { case function, block, loop, `if`, `else` }

    /// A branch whose offset word is patched when the label's position is known.
    struct Patch {
        /// Index of the branching instruction's first word (offsets are relative to it).
        var instruction: Int
        /// Index of the offset word.
        var operand: Int
    }

    var kind: Kind
    /// Operand-stack height below the construct's parameters: its values start here.
    var height: Int
    var parameterCount: Int
    var resultCount: Int
    /// For loops: index of the loop's first instruction, the target of branches to the label.
    var loopStart = 0
    /// Forward branches to the end of the construct.
    var pendingBranches: [Patch] = []
    /// For `if`: the branch to the `else` arm (or the end) when the condition is false.
    var elseBranch: Patch?
    /// For `if`: the parameters as they were on entry, restored for the `else` arm.
    var parameters: [StackValue] = []
    /// Whether the rest of the construct is unreachable (after br, return, unreachable...).
    var isUnreachable = false
    /// For `try_table`: its catch clauses, whose body range ends at the construct's `end`.
    var handlers: [HandlerRecord] = []

    /// Number of values a branch to this construct's label carries.
    var labelArity: Int { kind == .loop ? parameterCount : resultCount }
}

/// Where a value of the translation-time operand stack lives. A value at stack position
/// `p` that must be in a slot is put in its temporary slot, `p` slots past the locals and
/// the constant area.
enum StackValue: Equatable {
    /// In its temporary slot.
    case temporary
    /// Not copied yet: still in the local's slot.
    case local(Int)
    /// Not materialized yet: a constant's bits.
    case constant(UInt64)
}

/// The condition of a conditional branch, fused with the comparison that produced it when possible.
enum BranchCondition {
    /// An i32 comparison (`kind` indexes eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u).
    case compare(kind: Int, lhs: Int, rhs: Int)
    case compareImmediate(kind: Int, lhs: Int, immediate: UInt32)
    case nonZero(slot: Int)
    case zero(slot: Int)
    case nonZero64(slot: Int)
    case zero64(slot: Int)

    /// For each comparison kind, the kind comparing the same operands in the other order.
    static let swappedKinds = [0, 1, 4, 5, 2, 3, 8, 9, 6, 7]

    /// The condition that holds exactly when this one does not.
    var negated: BranchCondition {
        let opposite = [1, 0, 8, 9, 6, 7, 4, 5, 2, 3]
        return switch self {
        case .compare(let kind, let lhs, let rhs): .compare(kind: opposite[kind], lhs: lhs, rhs: rhs)
        case .compareImmediate(let kind, let lhs, let immediate):
            .compareImmediate(kind: opposite[kind], lhs: lhs, immediate: immediate)
        case .nonZero(let slot): .zero(slot: slot)
        case .zero(let slot): .nonZero(slot: slot)
        case .nonZero64(let slot): .zero64(slot: slot)
        case .zero64(let slot): .nonZero64(slot: slot)
        }
    }
}
