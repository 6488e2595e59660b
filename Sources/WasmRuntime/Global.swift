import WasmCore

/// A global variable of a store, shared by every instance that imports it. Hashable by identity.
public struct Global: Hashable {
    let store: Store
    let index: Int

    /// The global's type.
    public var type: GlobalType { store.globals[index].type }

    /// The current value.
    public var value: Value { store.decode(store.globals[index].cell.pointee, as: type.valueType) }

    /// Replaces the value; throws RuntimeError when the global is immutable or the type differs.
    public func set(_ value: Value) throws {
        guard type.isMutable else { throw RuntimeError("global is immutable") }
        guard value.type == type.valueType else {
            throw RuntimeError("global of type \(type.valueType) cannot hold a \(value.type)")
        }
        store.globals[index].cell.pointee = try store.encode(value)
    }

    public static func == (lhs: Global, rhs: Global) -> Bool { lhs.store === rhs.store && lhs.index == rhs.index }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(store))
        hasher.combine(index)
    }
}
