/// Validation of canonical definitions: lift and lower (options, required memory and realloc,
/// core signatures from Canonical ABI flattening) and the core signatures of the built-ins.
extension ComponentValidator {
    mutating func addCanonicalFunction(_ function: CanonicalFunction) throws(ComponentError) {
        switch function {
        case .lift(let coreFunction, let options, let typeIndex):
            let id = try typeID(typeIndex)
            guard case .function(let type) = arena[id] else { throw invalid("type index \(typeIndex) is not a function type") }
            let core = try coreFunctionSignature(coreFunction)
            let expected = try checkOptions(options, for: type, lifting: true, coreResults: core.results)
            try checkSignature(core, matches: expected)
            scope.functions.append(id)
        case .lower(let functionIndex, let options):
            guard Int(functionIndex) < scope.functions.count else {
                throw invalid("unknown function \(functionIndex): function index out of bounds")
            }
            guard case .function(let type) = arena[scope.functions[Int(functionIndex)]] else {
                throw invalid("function \(functionIndex) is not a function")
            }
            scope.coreFunctions.append(try checkOptions(options, for: type, lifting: false, coreResults: []))
        case .resourceNew(let resource):
            try checkResource(resource, mustBeLocal: true)
            scope.coreFunctions.append(signature([.i32], [.i32]))
        case .resourceDrop(let resource):
            try checkResource(resource, mustBeLocal: false)
            scope.coreFunctions.append(signature([.i32], []))
        case .resourceRep(let resource):
            try checkResource(resource, mustBeLocal: true)
            scope.coreFunctions.append(signature([.i32], [.i32]))
        case .taskReturn(let result, let options):
            let resolved = try result.map { type throws(ComponentError) in try resolveValueType(type) }
            let returnType = ResolvedFunctionType(isAsync: false, parameters: [], result: nil)
            _ = try checkOptions(options, for: returnType, lifting: false, coreResults: [], isBuiltin: true)
            var parameters = resolved.map { arena.flatten($0).map(\.coreValueType) } ?? []
            if parameters.count > CanonicalABIRules.maximumFlatParameters { parameters = [.i32] }
            scope.coreFunctions.append(signature(parameters, []))
        case .contextGet(let type, _):
            scope.coreFunctions.append(signature([], [type]))
        case .contextSet(let type, _):
            scope.coreFunctions.append(signature([type], []))
        case .streamNew(let type):
            try checkStreamOrFuture(type, stream: true)
            scope.coreFunctions.append(signature([], [.i64]))
        case .futureNew(let type):
            try checkStreamOrFuture(type, stream: false)
            scope.coreFunctions.append(signature([], [.i64]))
        case .streamRead(let type, let options), .streamWrite(let type, let options):
            try checkStreamOrFuture(type, stream: true)
            try checkBuiltinOptions(options)
            scope.coreFunctions.append(signature([.i32, .i32, .i32], [.i32]))
        case .futureRead(let type, let options), .futureWrite(let type, let options):
            try checkStreamOrFuture(type, stream: false)
            try checkBuiltinOptions(options)
            scope.coreFunctions.append(signature([.i32, .i32], [.i32]))
        case .streamCancelRead(let type, _), .streamCancelWrite(let type, _):
            try checkStreamOrFuture(type, stream: true)
            scope.coreFunctions.append(signature([.i32], [.i32]))
        case .futureCancelRead(let type, _), .futureCancelWrite(let type, _):
            try checkStreamOrFuture(type, stream: false)
            scope.coreFunctions.append(signature([.i32], [.i32]))
        case .streamDropReadable(let type), .streamDropWritable(let type):
            try checkStreamOrFuture(type, stream: true)
            scope.coreFunctions.append(signature([.i32], []))
        case .futureDropReadable(let type), .futureDropWritable(let type):
            try checkStreamOrFuture(type, stream: false)
            scope.coreFunctions.append(signature([.i32], []))
        case .errorContextNew(let options):
            try checkBuiltinOptions(options)
            scope.coreFunctions.append(signature([.i32, .i32], [.i32]))
        case .errorContextDebugMessage(let options):
            try checkBuiltinOptions(options)
            scope.coreFunctions.append(signature([.i32, .i32], []))
        case .waitableSetWait(_, let memory), .waitableSetPoll(_, let memory):
            guard Int(memory) < scope.coreMemories.count else {
                throw invalid("unknown memory \(memory): memory index out of bounds")
            }
            scope.coreFunctions.append(signature([.i32, .i32], [.i32]))
        case .backpressureIncrement, .backpressureDecrement, .taskCancel:
            scope.coreFunctions.append(signature([], []))
        case .subtaskCancel, .threadSuspendThenResume, .threadYieldThenResume,
             .threadSuspendThenPromote, .threadYieldThenPromote, .threadSpawnReference:
            scope.coreFunctions.append(signature([.i32], [.i32]))
        case .subtaskDrop, .errorContextDrop, .waitableSetDrop, .threadResumeLater:
            scope.coreFunctions.append(signature([.i32], []))
        case .waitableSetNew, .threadIndex, .threadSuspend, .threadYield, .threadAvailableParallelism:
            scope.coreFunctions.append(signature([], [.i32]))
        case .waitableJoin:
            scope.coreFunctions.append(signature([.i32, .i32], []))
        case .threadNewIndirect(let functionType, let table), .threadSpawnIndirect(let functionType, let table):
            guard Int(functionType) < scope.coreTypes.count else {
                throw invalid("unknown core type \(functionType): type index out of bounds")
            }
            guard Int(table) < scope.coreTables.count else { throw invalid("unknown table \(table): table index out of bounds") }
            scope.coreFunctions.append(signature([.i32, .i32], [.i32]))
        }
    }

    private func signature(_ parameters: [CoreValueType], _ results: [CoreValueType]) -> CoreFunctionSignature {
        CoreFunctionSignature(parameters: parameters, results: results)
    }

    private func coreFunctionSignature(_ index: UInt32) throws(ComponentError) -> CoreFunctionSignature {
        guard Int(index) < scope.coreFunctions.count else {
            throw invalid("unknown function \(index): function index out of bounds")
        }
        return scope.coreFunctions[Int(index)]
    }

    private func checkResource(_ index: UInt32, mustBeLocal: Bool) throws(ComponentError) {
        let id = try typeID(index)
        guard let resource = arena.resource(id) else { throw invalid("type index \(index) is not a resource type") }
        if mustBeLocal && !scope.localResources.contains(resource) {
            throw invalid("type index \(index) is not a local resource")
        }
    }

    /// The stream and future built-ins take the index of a stream (or future) type.
    private func checkStreamOrFuture(_ index: UInt32, stream: Bool) throws(ComponentError) {
        switch arena[try typeID(index)] {
        case .defined(.stream) where stream, .defined(.future) where !stream: return
        default: throw invalid("`\(index)` is not a \(stream ? "stream" : "future") type")
        }
    }

    /// Options of built-ins other than lift and lower: string encoding, memory and realloc only.
    private func checkBuiltinOptions(_ options: [CanonicalOption]) throws(ComponentError) {
        let returnType = ResolvedFunctionType(isAsync: false, parameters: [], result: nil)
        _ = try checkOptions(options, for: returnType, lifting: false, coreResults: [], isBuiltin: true)
    }

    private func optionName(_ option: CanonicalOption) -> String {
        switch option {
        case .stringEncodingUTF8: "utf8"
        case .stringEncodingUTF16: "utf16"
        case .stringEncodingLatin1UTF16: "latin1-utf16"
        case .memory: "memory"
        case .realloc: "realloc"
        case .postReturn: "post-return"
        case .async: "async"
        case .callback: "callback"
        case .coreType: "core-type"
        case .gc: "gc"
        }
    }

    /// Checks the options of a lift or lower of `type` and returns the core signature the
    /// lifted core function must have (lift) or the lowered function gets (lower).
    private func checkOptions(_ options: [CanonicalOption], for type: ResolvedFunctionType, lifting: Bool,
                              coreResults: [CoreValueType], isBuiltin: Bool = false) throws(ComponentError) -> CoreFunctionSignature {
        var encoding: CanonicalOption?
        var memory: UInt32?
        var realloc: UInt32?
        var postReturn: UInt32?
        var callback: UInt32?
        var isAsync = false
        var seen: Set<String> = []
        for option in options {
            let name = optionName(option)
            switch option {
            case .stringEncodingUTF8, .stringEncodingUTF16, .stringEncodingLatin1UTF16:
                if let encoding {
                    throw invalid("canonical encoding option `\(optionName(encoding))` conflicts with option `\(name)`")
                }
                encoding = option
                continue
            default:
                guard seen.insert(name).inserted else { throw invalid("canonical option `\(name)` is specified more than once") }
            }
            switch option {
            case .memory(let index):
                guard Int(index) < scope.coreMemories.count else {
                    throw invalid("unknown memory \(index): memory index out of bounds")
                }
                guard !scope.coreMemories[Int(index)].is64 else { throw invalid("canonical option `memory` must be a 32-bit memory") }
                memory = index
            case .realloc(let index):
                let realloc32 = signature([.i32, .i32, .i32, .i32], [.i32])
                guard try coreFunctionSignature(index) == realloc32 else {
                    throw invalid("canonical option `realloc` uses a core function with an incorrect signature")
                }
                realloc = index
            case .postReturn(let index):
                guard lifting else { throw invalid("canonical option `post-return` cannot be specified for lowerings") }
                postReturn = index
            case .callback(let index):
                guard lifting else { throw invalid("canonical option `callback` cannot be specified for lowerings") }
                callback = index
            case .async:
                isAsync = true
            case .coreType, .gc:
                throw invalid("canonical option `\(name)` is not supported")
            default:
                break
            }
        }
        if callback != nil && !isAsync { throw invalid("canonical option `callback` requires `async`") }
        if isAsync && !type.isAsync && !isBuiltin {
            throw invalid("the `async` canonical option requires an async function type")
        }
        if realloc != nil && memory == nil { throw invalid("canonical option `realloc` requires `memory` to also be specified") }

        // Flatten the function type (CanonicalABI.md flatten_functype).
        var parameters = type.parameters.flatMap { arena.flatten($0.type) }.map(\.coreValueType)
        var results = type.result.map { arena.flatten($0).map(\.coreValueType) } ?? []
        let parametersUseMemory = type.parameters.contains { arena.usesMemory($0.type) }
        let resultUsesMemory = type.result.map { arena.usesMemory($0) } ?? false
        var needsMemory = parametersUseMemory || resultUsesMemory
        var needsRealloc = lifting ? parametersUseMemory : resultUsesMemory
        let parameterLimit = !lifting && isAsync ? CanonicalABIRules.maximumFlatAsyncParameters : CanonicalABIRules.maximumFlatParameters
        if parameters.count > parameterLimit {
            parameters = [.i32]
            needsMemory = true
            if lifting { needsRealloc = true }
        }
        if lifting {
            if isAsync {
                results = callback != nil ? [.i32] : []
            } else if results.count > CanonicalABIRules.maximumFlatResults {
                results = [.i32]
                needsMemory = true
            }
        } else if isAsync {
            if type.result != nil {
                parameters.append(.i32)
                needsMemory = true
            }
            results = [.i32]
        } else if results.count > CanonicalABIRules.maximumFlatResults {
            parameters.append(.i32)
            results = []
            needsMemory = true
        }
        if needsMemory && memory == nil { throw invalid("canonical option `memory` is required") }
        if needsRealloc && realloc == nil { throw invalid("canonical option `realloc` is required") }
        if let postReturn {
            guard try coreFunctionSignature(postReturn) == signature(coreResults, []) else {
                throw invalid("canonical option `post-return` uses a core function with an incorrect signature")
            }
        }
        if let callback {
            guard try coreFunctionSignature(callback) == signature([.i32, .i32, .i32], [.i32]) else {
                throw invalid("canonical option `callback` uses a core function with an incorrect signature")
            }
        }
        return signature(parameters, results)
    }

    private func checkSignature(_ actual: CoreFunctionSignature, matches expected: CoreFunctionSignature) throws(ComponentError) {
        func list(_ types: [CoreValueType]) -> String { "[" + types.map(\.text).joined(separator: ", ") + "]" }
        guard actual.parameters == expected.parameters else {
            throw invalid("lowered parameter types `\(list(expected.parameters))` do not match parameter types `\(list(actual.parameters))` of core function")
        }
        guard actual.results == expected.results else {
            throw invalid("lowered result types `\(list(expected.results))` do not match result types `\(list(actual.results))` of core function")
        }
    }
}
