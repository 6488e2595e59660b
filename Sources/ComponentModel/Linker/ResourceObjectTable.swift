/// The Swift objects behind the values of a host-defined resource that guests hold: each
/// live representation maps to the object the host made for it. Generated bindings keep one
/// table per resource and `ComponentLinker` (`ComponentLinker.resourceObjects(of:as:)`):
/// they `insert` the object a host constructor returns and hand the guest its new owned
/// handle, resolve the handles guests pass back with `object(_:)` (borrow) and `take(_:)`
/// (own, which moves the object back to the host), and `release` the object when the guest
/// drops its last handle, which lets ARC free it.
///
/// ```swift
/// let files = linker.resourceObjects(of: Files.File.self, as: (any Files.FileObject).self)
/// let handle = files.insert(MyFile(path: "/tmp/a"))   // give `handle` to the guest
/// ```
public final class ResourceObjectTable<Resource: ComponentResource, Object> {
    private var objects: [UInt32: Object] = [:]
    private var freeRepresentations: [UInt32] = []
    private var nextRepresentation: UInt32 = 1

    /// An empty table.
    public init() {}

    /// How many objects guests currently hold.
    public var count: Int { objects.count }

    /// Stores `object` under a fresh representation and returns a new owned handle to it,
    /// for the guest; the object lives until the guest drops the handle (or returns it).
    public func insert(_ object: Object) throws(ComponentTrap) -> OwnedHandle<Resource> {
        let representation: UInt32
        if let reused = freeRepresentations.popLast() {
            representation = reused
        } else {
            guard nextRepresentation != 0 else { throw ComponentTrap("too many live \(Resource.resourceName) objects") }
            representation = nextRepresentation
            nextRepresentation &+= 1
        }
        objects[representation] = object
        return OwnedHandle(representation: representation)
    }

    /// The object a guest lends with `handle`; throws when the handle names no live object.
    public func object(_ handle: BorrowedHandle<Resource>) throws(ComponentTrap) -> Object {
        guard let object = objects[handle.handle.index] else { throw unknown(handle.handle.index) }
        return object
    }

    /// Removes and returns the object a guest gives back with the owned `handle`: the host
    /// holds it from now on.
    public func take(_ handle: OwnedHandle<Resource>) throws(ComponentTrap) -> Object {
        try remove(handle.handle.index)
    }

    /// Removes the object with `representation`: the resource's destructor, which the runtime
    /// calls when a guest drops the last owned handle.
    public func release(representation: UInt32) throws(ComponentTrap) {
        _ = try remove(representation)
    }

    private func remove(_ representation: UInt32) throws(ComponentTrap) -> Object {
        guard let object = objects.removeValue(forKey: representation) else { throw unknown(representation) }
        freeRepresentations.append(representation)
        return object
    }

    private func unknown(_ representation: UInt32) -> ComponentTrap {
        ComponentTrap("no live \(Resource.resourceName) object with representation \(representation)")
    }
}

extension ComponentLinker {
    /// The table of host objects of type `object` behind resource `resource` for this
    /// linker's instances, made on first use; every call with the same two types returns the
    /// same table.
    public func resourceObjects<Resource: ComponentResource, Object>(
        of resource: Resource.Type, as object: Object.Type
    ) -> ResourceObjectTable<Resource, Object> {
        let key = [ObjectIdentifier(resource), ObjectIdentifier(object)]
        if let existing = resourceObjectTables[key] as? ResourceObjectTable<Resource, Object> { return existing }
        let table = ResourceObjectTable<Resource, Object>()
        resourceObjectTables[key] = table
        return table
    }
}
