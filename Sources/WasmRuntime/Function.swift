import WasmCore

/// A function of a store: defined by an instance or by the host. Hashable by identity.
public struct Function: Hashable {
    let store: Store
    let index: Int

    /// The function's signature.
    public var type: FunctionType { store.functions[index].type }

    /// Checks argument count and types (RuntimeError), runs the function and returns its
    /// results, or throws the `Trap` that stopped it.
    public func call(_ arguments: [Value]) throws -> [Value] {
        try store.invoke(functionIndex: index, arguments: arguments)
    }

    public static func == (lhs: Function, rhs: Function) -> Bool {
        lhs.store === rhs.store && lhs.index == rhs.index
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(store))
        hasher.combine(index)
    }
}

// Handles are only used on the thread that owns their store, but a `Value` holding a
// function reference must be `Sendable` to travel inside errors and results.
extension Function: @unchecked Sendable {}
