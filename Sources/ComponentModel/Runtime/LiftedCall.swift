import WasmRuntime

/// One call of a lifted function, in the order `canon_lift` takes its steps: entering the
/// instance (trapping on reentrance) and starting a call scope at creation, then, after the
/// core function returned and the results were lifted, `finish` checks that every borrow lent
/// to the call was dropped and runs `post-return` with leaving forbidden; `end` leaves.
final class LiftedCall {
    private let core: Function
    let context: LiftLowerContext
    private let options: CanonicalOptionValues
    private let instance: ComponentInstanceState
    private let scope: CallScope
    private let caller: ComponentInstanceState?

    /// Starts a call of `function` from `caller` (nil: the host), whose strings are in
    /// `callerStrings` (the host's are UTF-8).
    init(_ function: ComponentFunction, from caller: ComponentInstanceState?,
         callerStrings: CanonicalStringEncoding = .utf8, allowsAsync: Bool = false) throws {
        guard case .lifted(let core, let options, let instance) = function.body else {
            throw ComponentTrap("this call needs a lifted function, not a host function")
        }
        guard allowsAsync || !options.isAsync else {
            throw ComponentTrap("typed calls of async-lifted functions are not supported")
        }
        try instance.enter(from: caller)
        self.caller = caller
        scope = CallScope(hostHandles: caller == nil ? instance.hostHandles : nil)
        instance.calls.append(scope)
        self.core = core
        self.options = options
        self.instance = instance
        context = LiftLowerContext(options: options, instance: instance, callScope: scope, hostHandles: scope.hostHandles)
        context.stringSource = callerStrings
    }

    /// The call's scope (its task).
    var task: CallScope { scope }

    /// Runs the lifted core function with the lowered arguments.
    func run(_ arguments: [Value]) throws -> [Value] {
        context.memoryMayHaveChanged()
        defer { context.memoryMayHaveChanged() }
        return try core.call(arguments)
    }

    /// `task.return`'s borrow check, then `post-return` with the core results.
    func finish(_ flatResults: [Value]) throws {
        guard scope.borrowCount == 0 else {
            throw ComponentTrap("borrow handles still remain at the end of the call")
        }
        if let postReturn = options.postReturn {
            instance.mayLeave = false
            defer { instance.mayLeave = true }
            _ = try postReturn.call(flatResults)
        }
    }

    /// Ends the call scope and leaves the instances the call entered.
    func end() {
        instance.calls.removeLast()
        instance.leave(to: caller)
    }
}
