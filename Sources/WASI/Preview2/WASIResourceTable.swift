import ComponentModel

/// The host objects behind a guest's WASI 0.2 resource handles. A handle's representation is
/// a key of this table; keys are unique across all WASI resource types of one host, so the
/// type check (`get(_:as:)`) catches a representation of another type too. Objects leave the
/// table when the guest drops the last owning handle (the resource type's destructor).
final class WASIResourceTable {
    private var objects: [UInt32: AnyObject] = [:]
    private var nextKey: UInt32 = 1
    /// Live objects at most: a guest that never drops handles runs out, it does not exhaust the host.
    static let capacity = 1 << 20

    /// Stores `object` and returns its representation.
    func insert(_ object: AnyObject) throws(ComponentTrap) -> UInt32 {
        guard objects.count < Self.capacity else { throw ComponentTrap("too many live WASI resources (\(Self.capacity))") }
        while objects[nextKey] != nil || nextKey == 0 { nextKey &+= 1 }
        let key = nextKey
        nextKey &+= 1
        objects[key] = object
        return key
    }

    /// The object with representation `key`, which must be a `T`.
    func get<T: AnyObject>(_ key: UInt32, as type: T.Type) throws(ComponentTrap) -> T {
        guard let object = objects[key] as? T else {
            throw ComponentTrap("WASI resource \(key) is not a live \(T.self)")
        }
        return object
    }

    /// Removes every object (the guest's instance is done), closing the closable ones.
    func removeAll() {
        let removed = objects
        objects.removeAll()
        for object in removed.values { (object as? WASIClosable)?.close() }
    }

    /// Removes the object with representation `key` (the resource's destructor).
    func remove(_ key: UInt32) {
        if let closable = objects.removeValue(forKey: key) as? WASIClosable { closable.close() }
    }
}

/// A host object that releases something when its last handle is dropped.
protocol WASIClosable: AnyObject {
    /// Releases the object's host resources.
    func close()
}
