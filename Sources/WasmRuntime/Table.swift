internal import CWasmInterpreter
import WasmCore

/// A table of references of a store. Hashable by identity.
public struct Table: Hashable {
    let store: Store
    let index: Int

    var record: UnsafeMutablePointer<TableRecord> { store.tables[index].record }

    /// The table's type (element type and declared limits).
    public var type: TableType { store.tables[index].type }

    /// The current number of elements.
    public var size: Int { record.pointee.count }

    /// The element at `index`; throws a trap when out of bounds.
    public func get(_ index: Int) throws -> Value {
        guard index >= 0, index < size else { throw Trap(.outOfBoundsTableAccess) }
        return store.decode(record.pointee.elements![index], as: type.elementType.valueType)
    }

    /// Replaces the element at `index`; throws a trap when out of bounds, RuntimeError on a type mismatch.
    public func set(_ index: Int, _ value: Value) throws {
        guard value.type == type.elementType.valueType else {
            throw RuntimeError("table of \(type.elementType) cannot hold a \(value.type)")
        }
        guard index >= 0, index < size else { throw Trap(.outOfBoundsTableAccess) }
        record.pointee.elements![index] = try store.encode(value)
    }

    /// Grows the table by `count` elements set to `value`; returns the old size, nil on failure.
    public func grow(by count: UInt64, filling value: Value) throws -> UInt64? {
        guard value.type == type.elementType.valueType else {
            throw RuntimeError("table of \(type.elementType) cannot hold a \(value.type)")
        }
        return record.pointee.grow(by: count, filling: try store.encode(value))
    }

    public static func == (lhs: Table, rhs: Table) -> Bool { lhs.store === rhs.store && lhs.index == rhs.index }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(store))
        hasher.combine(index)
    }
}
