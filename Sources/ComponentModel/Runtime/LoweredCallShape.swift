/// How the core caller of a lowered function passes its parameters and receives its result:
/// flat values, or a pointer into its memory (`flatten_functype` with `lower`).
struct LoweredCallShape {
    /// The parameters are a tuple in memory, passed as one pointer.
    let parametersThroughPointer: Bool
    /// The result is stored through an out-pointer passed after the parameters.
    let resultThroughPointer: Bool

    /// `canon lower` without `async`: spilling beyond `MAX_FLAT_PARAMS` / `MAX_FLAT_RESULTS`.
    static func synchronous(_ type: CanonicalFunctionType) -> LoweredCallShape {
        LoweredCallShape(parametersThroughPointer: type.spillsParameters, resultThroughPointer: type.spillsResult)
    }

    /// 🔀 `canon lower ... async`: spilling beyond `MAX_FLAT_ASYNC_PARAMS`; a result always goes
    /// through the out-pointer.
    static func asyncLowered(_ type: CanonicalFunctionType) -> LoweredCallShape {
        LoweredCallShape(
            parametersThroughPointer: type.parameterTuple.flat.count > CanonicalABIRules.maximumFlatAsyncParameters,
            resultThroughPointer: type.result != nil)
    }
}
