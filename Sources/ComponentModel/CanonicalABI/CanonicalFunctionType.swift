import WasmCore

/// A component function type with its canonical ABI plan computed once: the flattened
/// parameters and result, whether each side spills to linear memory (more than
/// `MAX_FLAT_PARAMS` / `MAX_FLAT_RESULTS` flat values) and the layout of the spilled tuple.
public final class CanonicalFunctionType {
    /// 🔀 Whether the function type is `async`; the runtime cannot call such functions yet.
    public let isAsync: Bool

    public let parameters: [CanonicalField]
    public let result: CanonicalType?
    /// The parameters as one tuple: its layout is the spill area's.
    let parameterTuple: CanonicalType
    let parameterTypes: [CanonicalType]
    let resultTypes: [CanonicalType]
    /// The results as one tuple (zero or one element).
    let resultTuple: CanonicalType
    /// Whether the flattened parameters exceed `MAX_FLAT_PARAMS`.
    let spillsParameters: Bool
    /// Whether the flattened result exceeds `MAX_FLAT_RESULTS`.
    let spillsResult: Bool
    /// Whether some parameter or the result needs linear memory (strings, lists or spilling).
    let usesMemory: Bool

    /// Plans the canonical ABI of a function with these parameters and result.
    public init(isAsync: Bool = false, parameters: [CanonicalField], result: CanonicalType?) {
        self.isAsync = isAsync
        self.parameters = parameters
        self.result = result
        parameterTypes = parameters.map(\.type)
        resultTypes = result.map { [$0] } ?? []
        parameterTuple = CanonicalType(.tuple(parameterTypes))
        resultTuple = CanonicalType(.tuple(resultTypes))
        spillsParameters = parameterTuple.flat.count > CanonicalABIRules.maximumFlatParameters
        spillsResult = resultTuple.flat.count > CanonicalABIRules.maximumFlatResults
        usesMemory = spillsParameters || spillsResult || parameterTuple.usesMemory || resultTuple.usesMemory
    }

    /// `flatten_functype(opts, ft, 'lift')`: the core signature the lifted core function has.
    public var liftedCoreType: FunctionType {
        FunctionType(parameters: spillsParameters ? [.i32] : parameterTuple.flat.map(\.coreType),
                     results: spillsResult ? [.i32] : resultTuple.flat.map(\.coreType))
    }

    /// 🔀 `flatten_functype(opts, ft, 'lower')` with the `async` option.
    var asyncLoweredCoreType: FunctionType {
        let flat = parameterTuple.flat
        var parameters = flat.count > CanonicalABIRules.maximumFlatAsyncParameters ? [WasmCore.ValueType.i32] : flat.map(\.coreType)
        if result != nil { parameters.append(.i32) }
        return FunctionType(parameters: parameters, results: [.i32])
    }

    /// `flatten_functype(opts, ft, 'lower')`: the core signature of the lowered function.
    public var loweredCoreType: FunctionType {
        var parameters = spillsParameters ? [WasmCore.ValueType.i32] : parameterTuple.flat.map(\.coreType)
        if spillsResult { parameters.append(.i32) }
        return FunctionType(parameters: parameters, results: spillsResult ? [] : resultTuple.flat.map(\.coreType))
    }
}

extension CanonicalFunctionType: CustomStringConvertible {
    /// The type in WIT syntax, for messages.
    public var description: String {
        let parameterText = parameters.map { "\($0.label): \($0.type)" }.joined(separator: ", ")
        return (isAsync ? "async " : "") + "func(\(parameterText))" + (result.map { " -> \($0)" } ?? "")
    }
}

extension FlatType {
    /// The core value type.
    var coreType: WasmCore.ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }

    /// The core value type, as component core types spell it.
    var coreValueType: CoreValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }
}
