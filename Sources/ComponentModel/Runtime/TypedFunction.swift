/// A component function checked once against the Swift parameter types `Argument...` and
/// result type `Result`: calls lower and lift without repeating the check (or rebuilding the
/// types' component types). Generated bindings keep one per exported function.
public struct TypedFunction<each Argument: ComponentLowerable, Result: ComponentLiftable> {
    /// The function.
    public let function: ComponentFunction
    /// The run-time resource types the typed handles of the signature are bound to.
    private let bindings: ResourceBindings

    /// Checks `function`'s type against the Swift types; throws `ComponentTrap` when they differ.
    public init(_ function: ComponentFunction) throws {
        self.function = function
        bindings = try function.checkSignature(componentTypes(repeat (each Argument).self), result: Result.componentType)
    }

    /// Calls the function.
    public func callAsFunction(_ arguments: repeat each Argument) throws -> Result {
        try function.invoke(repeat each arguments, returning: Result.self, bindings: bindings)
    }
}

/// A component function without a result, checked once against the Swift parameter types
/// `Argument...`: calls lower the arguments without repeating the check.
public struct TypedProcedure<each Argument: ComponentLowerable> {
    /// The function.
    public let function: ComponentFunction
    /// The run-time resource types the typed handles of the signature are bound to.
    private let bindings: ResourceBindings

    /// Checks `function`'s type against the Swift types; throws `ComponentTrap` when they differ.
    public init(_ function: ComponentFunction) throws {
        self.function = function
        bindings = try function.checkSignature(componentTypes(repeat (each Argument).self), result: nil)
    }

    /// Calls the function.
    public func callAsFunction(_ arguments: repeat each Argument) throws {
        try function.invoke(repeat each arguments, bindings: bindings)
    }
}
