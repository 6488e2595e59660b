import WasmCore
import WasmRuntime

/// 🔀 The part of the async ABI that completes without blocking: `async`-lifted functions
/// without a callback that call `task.return` before their core function returns, and
/// `canon lower ... async` of callees that return synchronously (status `RETURNED`).
/// Waiting (a task that returns without a value, subtasks, streams, futures) is not
/// implemented and traps.
enum AsyncCalls {
    /// `Subtask.State.RETURNED`.
    static let returned: UInt32 = 2

    /// `canon_lift` with the `async` option and no callback. `deliver` is only kept for the
    /// duration of the call.
    static func callAsyncLifted(_ function: ComponentFunction, arguments: [ComponentValue],
                                caller: ComponentInstanceState?, callerStrings: CanonicalStringEncoding,
                                deliver: @escaping ([ComponentValue]) throws -> Void) throws {
        guard case .lifted(_, let options, _) = function.body, !options.hasCallback else {
            throw ComponentTrap("callback-based async functions are not supported (the async ABI is not implemented)")
        }
        let type = function.type
        let call = try LiftedCall(function, from: caller, callerStrings: callerStrings, allowsAsync: true)
        defer { call.end() }
        call.task.asyncTask = AsyncTask(type: type, options: options, deliver: deliver)
        defer { call.task.asyncTask = nil }
        let flatArguments = try call.context.lowerFlatValues(
            arguments, type.parameterTypes, tuple: type.parameterTuple, spills: type.spillsParameters)
        _ = try call.run(flatArguments)
        guard call.task.asyncTask?.deliver == nil else {
            throw ComponentTrap("async task returned without calling task.return; waiting is not supported")
        }
        try call.finish([])
    }

    /// `canon task.return`: lifts the result from the core values and resolves the current task.
    static func taskReturn(_ result: CanonicalType?, options: CanonicalOptionValues,
                           in instance: ComponentInstanceState, store: Store) -> Function {
        let resultTypes = result.map { [$0] } ?? []
        let tuple = CanonicalType(.tuple(resultTypes))
        let spills = tuple.flat.count > CanonicalABIRules.maximumFlatParameters
        let parameters = spills ? [WasmCore.ValueType.i32] : tuple.flat.map(\.coreType)
        return store.makeHostFunction(type: FunctionType(parameters: parameters, results: []), name: "task.return") { _, arguments in
            guard instance.mayLeave else { throw ComponentTrap.cannotLeave }
            guard let task = instance.calls.last, let asyncTask = task.asyncTask else {
                throw ComponentTrap("task.return called outside of an async-lifted call")
            }
            guard let deliver = asyncTask.deliver else { throw ComponentTrap("task.return called twice") }
            let expected = asyncTask.type.result
            guard (expected == nil) == (result == nil), result.map({ $0.hasSameShape(as: expected!) }) ?? true else {
                throw ComponentTrap("task.return result type does not match the function's result type")
            }
            guard options.stringEncoding == asyncTask.options.stringEncoding,
                  options.memory == asyncTask.options.memory else {
                throw ComponentTrap("task.return options do not match the lifted function's options")
            }
            let context = LiftLowerContext(options: options, instance: instance, callScope: task, hostHandles: task.hostHandles)
            var reader = FlatValueReader(arguments)
            let values = try context.liftFlatValues(resultTypes, tuple: tuple, spills: spills, from: &reader)
            guard task.borrowCount == 0 else {
                throw ComponentTrap("borrow handles still remain at the end of the call")
            }
            task.asyncTask?.deliver = nil
            try deliver(values)
            return []
        }
    }
}

extension ComponentFunction {
    /// 🔀 `canon lower ... async`: lifts at most `MAX_FLAT_ASYNC_PARAMS` flat parameters (else a
    /// pointer), calls the function, stores the result at the out-pointer and returns
    /// `RETURNED`. A callee that would block traps.
    func asyncLowered(into instance: ComponentInstanceState, options: CanonicalOptionValues, store: Store) -> Function {
        let type = self.type
        let shape = LoweredCallShape.asyncLowered(type)
        return store.makeHostFunction(type: type.asyncLoweredCoreType, name: "canon lower async") { [self] _, arguments in
            guard instance.mayLeave else { throw ComponentTrap.cannotLeave }
            let lent = LentHandles()
            defer { lent.release() }
            let context = LiftLowerContext(options: options, instance: instance, lentHandles: lent,
                                           hostHandles: hostHandles(seenFrom: instance))
            defer { context.endHostBorrows() }
            context.stringSource = resultStrings
            var reader = FlatValueReader(arguments)
            if case .typedHost(let typed) = body {
                // A host function returns synchronously: the call is done when it returns.
                context.resourceBindings = typed.resourceBindings
                _ = try typed.call(&reader, context, type, shape)
                return [.i32(AsyncCalls.returned)]
            }
            let values = try context.liftFlatValues(
                type.parameterTypes, tuple: type.parameterTuple, spills: shape.parametersThroughPointer, from: &reader)
            let resultPointer = type.result == nil ? nil : Int(try reader.nextI32())
            try invoke(values, caller: instance, callerStrings: options.stringEncoding) { results in
                context.memoryMayHaveChanged()
                if let resultPointer {
                    try context.storeValues(results, type.resultTypes, tuple: type.resultTuple, at: resultPointer)
                }
            }
            return [.i32(AsyncCalls.returned)]
        }
    }
}
