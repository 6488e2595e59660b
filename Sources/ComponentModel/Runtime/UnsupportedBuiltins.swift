import WasmCore
import WasmRuntime

/// 🔀🧵📝 The canonical built-ins of the async ABI, threads and error contexts, which the
/// runtime does not implement. Each is defined with its specified core type, so that
/// components declaring them instantiate; a call performs the specification's `may_leave`
/// check (trapping "cannot leave component instance" as required) and then traps with
/// "not supported".
struct UnsupportedBuiltins {
    let store: Store
    let instance: ComponentInstanceState

    /// The core function for built-in `function`, or nil when it is not one of these.
    func builtin(_ function: CanonicalFunction) -> Function? {
        let i32 = WasmCore.ValueType.i32
        let (name, parameters, results, checksMayLeave): (String, [WasmCore.ValueType], [WasmCore.ValueType], Bool)
        switch function {
        case .taskCancel: (name, parameters, results, checksMayLeave) = ("task.cancel", [], [], true)
        case .subtaskCancel: (name, parameters, results, checksMayLeave) = ("subtask.cancel", [i32], [i32], true)
        case .subtaskDrop: (name, parameters, results, checksMayLeave) = ("subtask.drop", [i32], [], true)
        case .streamNew: (name, parameters, results, checksMayLeave) = ("stream.new", [], [.i64], true)
        case .futureNew: (name, parameters, results, checksMayLeave) = ("future.new", [], [.i64], true)
        case .streamRead, .streamWrite:
            (name, parameters, results, checksMayLeave) = ("stream.read/write", [i32, i32, i32], [i32], true)
        case .futureRead, .futureWrite:
            (name, parameters, results, checksMayLeave) = ("future.read/write", [i32, i32], [i32], true)
        case .streamCancelRead, .streamCancelWrite, .futureCancelRead, .futureCancelWrite:
            (name, parameters, results, checksMayLeave) = ("stream/future cancel", [i32], [i32], true)
        case .streamDropReadable, .streamDropWritable, .futureDropReadable, .futureDropWritable:
            (name, parameters, results, checksMayLeave) = ("stream/future drop", [i32], [], true)
        case .errorContextNew: (name, parameters, results, checksMayLeave) = ("error-context.new", [i32, i32], [i32], true)
        case .errorContextDebugMessage:
            (name, parameters, results, checksMayLeave) = ("error-context.debug-message", [i32, i32], [], true)
        case .errorContextDrop: (name, parameters, results, checksMayLeave) = ("error-context.drop", [i32], [], true)
        case .waitableSetNew: (name, parameters, results, checksMayLeave) = ("waitable-set.new", [], [i32], true)
        case .waitableSetWait, .waitableSetPoll:
            (name, parameters, results, checksMayLeave) = ("waitable-set.wait/poll", [i32, i32], [i32], true)
        case .waitableSetDrop: (name, parameters, results, checksMayLeave) = ("waitable-set.drop", [i32], [], true)
        case .waitableJoin: (name, parameters, results, checksMayLeave) = ("waitable.join", [i32, i32], [], true)
        case .threadIndex: (name, parameters, results, checksMayLeave) = ("thread.index", [], [i32], true)
        case .threadNewIndirect: (name, parameters, results, checksMayLeave) = ("thread.new-indirect", [i32, i32], [i32], true)
        case .threadResumeLater: (name, parameters, results, checksMayLeave) = ("thread.resume-later", [i32], [], true)
        case .threadSuspend, .threadYield: (name, parameters, results, checksMayLeave) = ("thread.suspend/yield", [], [i32], true)
        case .threadSuspendThenResume, .threadYieldThenResume, .threadSuspendThenPromote, .threadYieldThenPromote:
            (name, parameters, results, checksMayLeave) = ("thread switch", [i32], [i32], true)
        case .threadAvailableParallelism:
            (name, parameters, results, checksMayLeave) = ("thread.available-parallelism", [], [i32], false)
        default:
            return nil
        }
        return self.function(name, type: FunctionType(parameters: parameters, results: results), checksMayLeave: checksMayLeave)
    }

    /// A core function of `type` that traps when called.
    func function(_ name: String, type: FunctionType, checksMayLeave: Bool) -> Function {
        store.makeHostFunction(type: type, name: name) { [instance] _, _ in
            if checksMayLeave, !instance.mayLeave { throw ComponentTrap.cannotLeave }
            throw ComponentTrap("\(name) is not supported (the async ABI, threads and error contexts are not implemented)")
        }
    }
}
