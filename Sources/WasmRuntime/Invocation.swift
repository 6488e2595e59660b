internal import CWasmInterpreter
import WasmCore

/// Calls from the host into the store's functions, and lazy translation.
extension Store {
    /// The interpreter's stacks, allocated on first use.
    func executionState() -> ExecutionState {
        if let execution { return execution }
        let state = ExecutionState(valueSlots: configuration.valueStackSlots, maxCallDepth: configuration.maxCallDepth)
        execution = state
        return state
    }

    /// Checks the arguments, runs the function at `functionIndex` and returns its results.
    func invoke(functionIndex: Int, arguments: [Value]) throws -> [Value] {
        let entity = functions[functionIndex]
        let type = entity.type
        guard arguments.count == type.parameters.count else {
            throw RuntimeError("function expects \(type.parameters.count) arguments, got \(arguments.count)")
        }
        for (index, (argument, expected)) in zip(arguments, type.parameters).enumerated() where argument.type != expected {
            throw RuntimeError("argument \(index) has type \(argument.type), expected \(expected)")
        }
        let state = executionState()
        guard state.nesting < ExecutionState.maxNesting else { throw Trap(.callStackExhausted) }
        let frame = state.valueTop
        guard frame + max(type.parameters.count, type.results.count) <= state.valuesEnd else {
            throw Trap(.callStackExhausted)
        }
        for (index, argument) in arguments.enumerated() { frame[index] = try encode(argument) }

        let outermost = state.nesting == 0
        if outermost { state.beginAccounting(fuel: fuel, deadline: deadline) }
        state.nesting += 1
        defer {
            state.nesting -= 1
            if outermost, fuel != nil { fuel = state.remainingFuel }
        }
        if entity.record.pointee.isHost {
            state.valueTop = frame + max(type.parameters.count, type.results.count)
            defer { state.valueTop = frame }
            try callHost(entity.record, frame: frame, caller: nil)
        } else {
            try translate(entity.record)
            try execute(entity.record, frame: frame, state: state)
        }
        return type.results.enumerated().map { decode(frame[$0.offset], as: $0.element) }
    }

    /// Translates a WebAssembly function on its first call.
    func translate(_ record: UnsafeMutablePointer<FunctionRecord>) throws(Trap) {
        guard record.pointee.code == nil,
              case .wasm(let instance, let index) = functions[record.pointee.storeIndex].body else { return }
        let module = instance.module
        let body = module.functionBodies[Int(index) - instance.importedFunctionCount]
        let context = translationContext(of: instance)
        let type = functions[record.pointee.storeIndex].type
        var translator: Translator
        do {
            var scan = InstructionReader(bytes: module.bytes, range: body.code, features: module.features)
            let constantCapacity = try Translator.distinctConstantCount(&scan, context: context)
            translator = Translator(context: context, type: type, locals: body.locals, constantCapacity: constantCapacity)
            var reader = InstructionReader(bytes: module.bytes, range: body.code, features: module.features)
            try translator.translate(&reader)
        } catch {
            throw Trap(.host("cannot translate function \(index): \(error.message)"))
        }
        let code = UnsafeMutablePointer<UInt64>.allocate(capacity: translator.code.count)
        code.initialize(from: translator.code, count: translator.code.count)
        let entryValues = translator.entryValues
        if !entryValues.isEmpty {
            let values = UnsafeMutablePointer<UInt64>.allocate(capacity: entryValues.count)
            values.initialize(from: entryValues, count: entryValues.count)
            record.pointee.entryValues = values
            record.pointee.entryValueCount = entryValues.count
        }
        if !translator.handlers.isEmpty {
            let handlers = UnsafeMutablePointer<HandlerRecord>.allocate(capacity: translator.handlers.count)
            handlers.initialize(from: translator.handlers, count: translator.handlers.count)
            record.pointee.handlers = handlers
            record.pointee.handlerCount = translator.handlers.count
        }
        record.pointee.code = code
        record.pointee.frameSize = translator.frameSize
    }

    /// The record addresses the instance's code refers to (computed on the first translation).
    private func translationContext(of instance: InstanceEntity) -> TranslationContext {
        if let context = instance.translationContext { return context }
        let module = instance.module
        let context = TranslationContext(
            module: module,
            functions: instance.functions.map { functions[$0].record },
            functionTypes: module.allFunctionTypeIndices.map { module.types[Int($0)] },
            typeIDs: instance.typeIDs,
            globals: instance.globals.map { globals[$0].cell },
            tables: instance.tables.map { tables[$0].record },
            memories: instance.memories.map { memories[$0].record },
            tags: instance.tags.map { (storeIndex: $0, payloadCount: tags[$0].type.parameters.count) },
            elementSegments: instance.elementSegments,
            dataSegments: instance.dataSegments)
        instance.translationContext = context
        return context
    }
}
