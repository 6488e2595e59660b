/// The handles the host holds to guest-defined resources, one table per `ComponentLinker`
/// shared by every component instance it creates (wasmtime keeps the equivalent in its store).
///
/// A `ResourceHandle` of a guest-defined resource that the runtime gives to the host
/// (`ComponentFunction.call` results, host function arguments) is an index in this table, not
/// the resource's representation:
/// - an `own` handle stays valid until the host moves it into a call (it is removed then, so
///   passing it again traps with "unknown handle index") or drops it with
///   `ComponentResourceType.drop`;
/// - a `borrow` handle given to a host function is valid only until that host function returns.
///
/// Handles of host-defined resources (`ComponentLinker.defineResource`) are not kept here: the
/// host owns their representation, and their `index` is that representation.
final class HostResourceTable {
    private var table = ResourceHandleTable()

    /// Adds a handle to `representation` and returns its index for the host.
    func add(_ representation: UInt32, of resource: ComponentResourceType, owned: Bool) throws(ComponentTrap) -> UInt32 {
        try table.add(ResourceHandleEntry(resourceType: resource, representation: representation,
                                          isOwned: owned, borrowScope: nil))
    }

    /// The representation behind a handle the host passes as `borrow<resource>`; owned and
    /// borrowed handles may both be lent.
    func borrowedRepresentation(_ index: UInt32, of resource: ComponentResourceType) throws(ComponentTrap) -> UInt32 {
        try table.get(index, of: resource).representation
    }

    /// Removes the owned handle the host moves out (as `own<resource>` or by dropping it) and
    /// returns the representation.
    func take(_ index: UInt32, of resource: ComponentResourceType) throws(ComponentTrap) -> UInt32 {
        let entry = try table.get(index, of: resource)
        guard entry.isOwned else { throw ComponentTrap("cannot move borrowed handle \(index) as an owned one") }
        return try table.remove(index).representation
    }

    /// Drops the owned handle `handle` of a guest-defined resource: removes it and runs the
    /// resource's destructor in its defining instance.
    func drop(_ handle: ResourceHandle) throws {
        let entry = try table.get(handle.index)
        guard entry.resourceType.id == handle.resourceType else {
            throw ComponentTrap("handle index \(handle.index) is not of resource type \(handle.resourceType)")
        }
        guard handle.ownership == .own else { throw ComponentTrap("only owned handles can be dropped") }
        let representation = try take(handle.index, of: entry.resourceType)
        try ResourceDestruction.destroy(representation, of: entry.resourceType, from: nil)
    }

    /// Ends a borrow the host was given for one host-function call.
    func endBorrow(_ index: UInt32) {
        _ = try? table.remove(index)
    }
}
