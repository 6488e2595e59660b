import WasmRuntime

/// A component-level function: a core function lifted by `canon lift`, or a host function
/// defined through the linker. Calling it lowers the arguments into the callee (canonical ABI),
/// runs it, lifts the results, and runs the `post-return` function.
public final class ComponentFunction {
    /// How a host function is implemented.
    public typealias HostBody = ([ComponentValue]) throws -> [ComponentValue]

    enum Body {
        case lifted(core: Function, options: CanonicalOptionValues, instance: ComponentInstanceState)
        case host(HostBody)
        case typedHost(TypedHostFunction)
    }

    /// The table of host-held handles when the host implements this function and the caller
    /// in `instance` therefore passes values to the host.
    func hostHandles(seenFrom instance: ComponentInstanceState) -> HostResourceTable? {
        if case .lifted = body { return nil }
        return instance.hostHandles
    }

    /// The encoding of the strings this function returns: its `string-encoding` option when
    /// lifted, UTF-8 when the host implements it.
    var resultStrings: CanonicalStringEncoding {
        if case .lifted(_, let options, _) = body { return options.stringEncoding }
        return .utf8
    }

    /// The function's type, with its canonical ABI plan.
    public let type: CanonicalFunctionType
    let body: Body

    init(type: CanonicalFunctionType, body: Body) {
        self.type = type
        self.body = body
    }

    /// Calls the function from the host with one value per parameter; returns zero values or
    /// the one result. Throws `ComponentTrap` or WasmRuntime's `Trap` when the callee traps.
    public func call(_ arguments: [ComponentValue]) throws -> [ComponentValue] {
        var results: [ComponentValue] = []
        try invoke(arguments, caller: nil) { results = $0 }
        return results
    }

    /// `canon lift` (or the host body) seen from `caller`, whose strings are in `callerStrings`:
    /// `deliver` receives the results before the callee's `post-return` runs, as `on_resolve`
    /// does in the specification.
    func invoke(_ arguments: [ComponentValue], caller: ComponentInstanceState?,
                callerStrings: CanonicalStringEncoding = .utf8,
                deliver: ([ComponentValue]) throws -> Void) throws {
        switch body {
        case .host(let host):
            guard arguments.count == type.parameters.count else {
                throw ComponentTrap("expected \(type.parameters.count) arguments, got \(arguments.count)")
            }
            try deliver(try host(arguments))
        case .typedHost:
            throw ComponentTrap("a typed host function cannot be called with dynamic values")
        case .lifted(_, let options, _) where options.isAsync:
            try withoutActuallyEscaping(deliver) { deliver in
                try AsyncCalls.callAsyncLifted(self, arguments: arguments, caller: caller,
                                               callerStrings: callerStrings, deliver: deliver)
            }
        case .lifted:
            try callLifted(from: caller, callerStrings: callerStrings) { context in
                try context.lowerFlatValues(arguments, type.parameterTypes, tuple: type.parameterTuple,
                                            spills: type.spillsParameters)
            } lift: { context, reader in
                try deliver(try context.liftFlatValues(type.resultTypes, tuple: type.resultTuple,
                                                       spills: type.spillsResult, from: &reader))
            }
        }
    }

    /// The steps of `canon_lift` around lowering the arguments and lifting the results (see
    /// `LiftedCall`). `lift` runs before `post-return`, while the results are still in the
    /// callee's memory.
    func callLifted<Result>(from caller: ComponentInstanceState?, callerStrings: CanonicalStringEncoding = .utf8,
                            lower: (LiftLowerContext) throws -> [Value],
                            lift: (LiftLowerContext, inout FlatValueReader) throws -> Result) throws -> Result {
        let call = try LiftedCall(self, from: caller, callerStrings: callerStrings)
        defer { call.end() }
        let flatResults = try call.run(try lower(call.context))
        var reader = FlatValueReader(flatResults)
        let result = try lift(call.context, &reader)
        try call.finish(flatResults)
        return result
    }

    /// `canon lower`: the core function through which `instance` calls this function.
    func lowered(into instance: ComponentInstanceState, options: CanonicalOptionValues, store: Store) -> Function {
        let type = self.type
        if case .lifted(_, let calleeOptions, _) = body, !calleeOptions.isAsync, !type.spillsParameters, !type.spillsResult,
           FlatScalarTransfer.supports(type.parameterTypes), FlatScalarTransfer.supports(type.resultTypes) {
            // Another instance's export taking and returning only scalars: the flat values go
            // across without being lifted into `ComponentValue`s and lowered again.
            return store.makeHostFunction(type: type.loweredCoreType, name: "canon lower") { [self] _, arguments in
                guard instance.mayLeave else { throw ComponentTrap.cannotLeave }
                var reader = FlatValueReader(arguments)
                let flatArguments = try FlatScalarTransfer.transfer(type.parameterTypes, from: &reader)
                return try callLifted(from: instance, callerStrings: options.stringEncoding) { _ in flatArguments } lift: { _, results in
                    try FlatScalarTransfer.transfer(type.resultTypes, from: &results)
                }
            }
        }
        return store.makeHostFunction(type: type.loweredCoreType, name: "canon lower") { [self] _, arguments in
            guard instance.mayLeave else { throw ComponentTrap.cannotLeave }
            let lent = LentHandles()
            defer { lent.release() }
            let context = LiftLowerContext(options: options, instance: instance, lentHandles: lent,
                                           hostHandles: hostHandles(seenFrom: instance))
            defer { context.endHostBorrows() }
            context.stringSource = resultStrings
            var reader = FlatValueReader(arguments)
            if case .typedHost(let typed) = body {
                context.resourceBindings = typed.resourceBindings
                return try typed.call(&reader, context, type, .synchronous(type))
            }
            let values = try context.liftFlatValues(
                type.parameterTypes, tuple: type.parameterTuple, spills: type.spillsParameters, from: &reader)
            var flatResults: [Value] = []
            try invoke(values, caller: instance, callerStrings: options.stringEncoding) { results in
                context.memoryMayHaveChanged()
                if type.spillsResult {
                    let pointer = Int(try reader.nextI32())
                    try context.storeValues(results, type.resultTypes, tuple: type.resultTuple, at: pointer)
                } else {
                    flatResults = try context.lowerFlatValues(
                        results, type.resultTypes, tuple: type.resultTuple, spills: false)
                }
            }
            return flatResults
        }
    }
}
