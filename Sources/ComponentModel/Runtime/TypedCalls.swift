import WasmRuntime

/// Typed calls: arguments lower themselves straight into the callee's flat values or memory
/// and the result lifts itself, with no `ComponentValue` boxing. The Swift types must have the
/// function's parameter and result types (checked once per call, by shape).
extension ComponentFunction {
    /// Calls the function with typed arguments and lifts its result as `Result`.
    public func invoke<each Argument: ComponentLowerable, Result: ComponentLiftable>(
        _ arguments: repeat each Argument, returning: Result.Type
    ) throws -> Result {
        let bindings = try checkSignature(componentTypes(repeat (each Argument).self), result: Result.componentType)
        return try invoke(repeat each arguments, returning: Result.self, bindings: bindings)
    }

    /// Calls the function with typed arguments whose signature check gave `bindings`.
    func invoke<each Argument: ComponentLowerable, Result: ComponentLiftable>(
        _ arguments: repeat each Argument, returning: Result.Type, bindings: ResourceBindings
    ) throws -> Result {
        let call = try LiftedCall(self, from: nil)
        defer { call.end() }
        call.context.resourceBindings = bindings
        let flatArguments = try lowerArguments(repeat each arguments, context: call.context)
        let flatResults = try call.run(flatArguments)
        let result: Result
        if type.spillsResult {
            var reader = FlatValueReader(flatResults)
            let pointer = Int(try reader.nextI32())
            try call.context.checkAlignment(pointer, type.resultTuple.alignment)
            try call.context.checkBounds(pointer, type.resultTuple.size, "out of bounds memory access")
            result = try Result.load(from: pointer, context: call.context)
        } else {
            var reader = FlatValueReader(flatResults)
            result = try Result.liftFlat(from: &reader, context: call.context)
        }
        try call.finish(flatResults)
        return result
    }

    /// Calls a function without a result with typed arguments.
    public func invoke<each Argument: ComponentLowerable>(_ arguments: repeat each Argument) throws {
        let bindings = try checkSignature(componentTypes(repeat (each Argument).self), result: nil)
        try invoke(repeat each arguments, bindings: bindings)
    }

    /// Calls a function without a result with typed arguments whose signature check gave `bindings`.
    func invoke<each Argument: ComponentLowerable>(_ arguments: repeat each Argument, bindings: ResourceBindings) throws {
        let call = try LiftedCall(self, from: nil)
        defer { call.end() }
        call.context.resourceBindings = bindings
        let flatResults = try call.run(try lowerArguments(repeat each arguments, context: call.context))
        try call.finish(flatResults)
    }

    private func lowerArguments<each Argument: ComponentLowerable>(
        _ arguments: repeat each Argument, context: LiftLowerContext
    ) throws -> [Value] {
        if type.spillsParameters {
            let tuple = type.parameterTuple
            let pointer = try context.allocate(alignment: tuple.alignment, size: tuple.size)
            var index = 0
            for argument in repeat each arguments {
                try argument.store(at: pointer + tuple.fieldOffsets[index], context: context)
                index += 1
            }
            return [.i32(UInt32(pointer))]
        }
        var flat: [Value] = []
        flat.reserveCapacity(type.parameterTuple.flat.count)
        for argument in repeat each arguments { try argument.lowerFlat(into: &flat, context: context) }
        return flat
    }

    /// Checks the Swift types against the function's type and returns the run-time resource
    /// types their typed handles are bound to.
    func checkSignature(_ arguments: [CanonicalType], result: CanonicalType?) throws -> ResourceBindings {
        guard let bindings = type.bindings(parameters: arguments, result: result) else {
            let argumentText = arguments.map(\.description).joined(separator: ", ")
            throw ComponentTrap("Swift types (\(argumentText)) -> \(result?.description ?? "()") do not match \(type)")
        }
        return bindings
    }
}

/// A host function implemented by a typed Swift closure: its parameters lift themselves from
/// the caller's flat values or memory and its result lowers itself into the caller.
final class TypedHostFunction {
    let parameterTypes: [CanonicalType]
    let resultType: CanonicalType?
    /// The run-time resource types of the import this function is bound to (`binding(to:)`).
    private(set) var resourceBindings = ResourceBindings()
    /// Lifts the parameters from `reader` (flat or through the spill pointer), runs the body
    /// and lowers the result (flat, or through the out-pointer `reader` yields next), as
    /// `shape` says for a function of the given type.
    let call: (inout FlatValueReader, LiftLowerContext, CanonicalFunctionType, LoweredCallShape) throws -> [Value]

    init(parameterTypes: [CanonicalType], resultType: CanonicalType?,
         call: @escaping (inout FlatValueReader, LiftLowerContext, CanonicalFunctionType, LoweredCallShape) throws -> [Value]) {
        self.parameterTypes = parameterTypes
        self.resultType = resultType
        self.call = call
    }

    /// Adapts `body`, which returns a value of a component type.
    convenience init<each Parameter: ComponentLiftable, Result: ComponentLowerable>(
        _ body: @escaping (repeat each Parameter) throws -> Result
    ) {
        self.init(parameterTypes: componentTypes(repeat (each Parameter).self), resultType: Result.componentType) { reader, context, type, shape in
            let result = try Self.liftArguments(&reader, context, type, shape, body)
            if shape.resultThroughPointer {
                let pointer = Int(try reader.nextI32())
                try context.checkAlignment(pointer, type.resultTuple.alignment)
                try context.checkBounds(pointer, type.resultTuple.size, "out of bounds memory access")
                try result.store(at: pointer, context: context)
                return []
            }
            var flat: [Value] = []
            try result.lowerFlat(into: &flat, context: context)
            return flat
        }
    }

    /// Adapts `body`, which returns nothing.
    convenience init<each Parameter: ComponentLiftable>(_ body: @escaping (repeat each Parameter) throws -> Void) {
        self.init(parameterTypes: componentTypes(repeat (each Parameter).self), resultType: nil) { reader, context, type, shape in
            try Self.liftArguments(&reader, context, type, shape, body)
            return []
        }
    }

    /// This function bound to an import of type `type`, or nil if the Swift types don't match it.
    func binding(to type: CanonicalFunctionType) -> TypedHostFunction? {
        guard let bindings = type.bindings(parameters: parameterTypes, result: resultType) else { return nil }
        let bound = TypedHostFunction(parameterTypes: parameterTypes, resultType: resultType, call: call)
        bound.resourceBindings = bindings
        return bound
    }

    /// Lifts one value per parameter, in order, and calls `body` with them.
    private static func liftArguments<each Parameter: ComponentLiftable, Result>(
        _ reader: inout FlatValueReader, _ context: LiftLowerContext, _ type: CanonicalFunctionType,
        _ shape: LoweredCallShape, _ body: (repeat each Parameter) throws -> Result
    ) throws -> Result {
        let source = ArgumentSource(reader: reader, context: context, type: type)
        if shape.parametersThroughPointer {
            let pointer = Int(try source.reader.nextI32())
            try context.checkAlignment(pointer, type.parameterTuple.alignment)
            try context.checkBounds(pointer, type.parameterTuple.size, "out of bounds memory access")
            source.spillPointer = pointer
        }
        let result = try body(repeat try source.next((each Parameter).self))
        reader = source.reader
        return result
    }
}

/// The reading position while lifting typed arguments one after the other.
private final class ArgumentSource {
    var reader: FlatValueReader
    let context: LiftLowerContext
    let type: CanonicalFunctionType
    var spillPointer: Int?
    private var index = 0

    init(reader: FlatValueReader, context: LiftLowerContext, type: CanonicalFunctionType) {
        self.reader = reader
        self.context = context
        self.type = type
    }

    func next<Parameter: ComponentLiftable>(_: Parameter.Type) throws -> Parameter {
        defer { index += 1 }
        if let spillPointer {
            return try Parameter.load(from: spillPointer + type.parameterTuple.fieldOffsets[index], context: context)
        }
        return try Parameter.liftFlat(from: &reader, context: context)
    }
}

/// The component types of a pack of Swift types, in order.
func componentTypes<each Typed: ComponentTyped>(_ types: repeat (each Typed).Type) -> [CanonicalType] {
    var result: [CanonicalType] = []
    for type in repeat each types { result.append(type.componentType) }
    return result
}

extension CanonicalFunctionType {
    /// Whether Swift types `parameters` and `result` match this type (by shape, typed handles
    /// binding to its resource types); returns those bindings.
    func bindings(parameters: [CanonicalType], result: CanonicalType?) -> ResourceBindings? {
        var bindings = ResourceBindings()
        guard parameters.count == parameterTypes.count,
              zip(parameters, parameterTypes).allSatisfy({ $0.matches($1, binding: &bindings) }),
              (result == nil) == (self.result == nil) else { return nil }
        if let result, let expected = self.result, !result.matches(expected, binding: &bindings) { return nil }
        return bindings
    }
}
