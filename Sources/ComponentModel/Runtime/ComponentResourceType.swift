import Synchronization
import WasmRuntime

/// Source of resource type identities, unique in the process.
private let resourceTypeCounter = Atomic<UInt32>(0)

/// A resource type at run time (`ResourceType` in CanonicalABI.md): distinct from every
/// other, defined either by a component instance (`(type (resource (rep i32) (dtor f)))`,
/// a fresh type per instantiation) or by the host through the linker.
public final class ComponentResourceType {
    /// How the resource's representation is released when its last owning handle is dropped.
    enum Destructor {
        /// A core function of the defining instance, called with the representation.
        case core(Function)
        /// A host closure, called with the representation.
        case host((UInt32) throws -> Void)
    }

    /// Unique identity, carried by `ResourceHandle.resourceType` in dynamic values.
    public let id: UInt32
    /// A name for messages (the import or export name, or the type's position).
    public let name: String
    /// The defining component instance (`rt.impl`); nil for host resources.
    let implementation: ComponentInstanceState?
    let destructor: Destructor?

    init(name: String, implementation: ComponentInstanceState?, destructor: Destructor?) {
        id = resourceTypeCounter.add(1, ordering: .relaxed).newValue
        self.name = name
        self.implementation = implementation
        self.destructor = destructor
    }

    /// Whether the host defined the type.
    public var isHostDefined: Bool { implementation == nil }
}

extension ComponentResourceType: CustomStringConvertible {
    /// The resource's name.
    public var description: String { name }
}

extension ComponentResourceType {
    /// Drops an owned handle the host holds (as `resource.drop` does in a guest): removes it
    /// from the host's handle table (for a guest-defined resource; using it again traps with
    /// "unknown handle index") and runs the destructor on the representation, entering the
    /// defining instance.
    public func drop(_ handle: ResourceHandle) throws {
        guard handle.resourceType == id else {
            throw ComponentTrap("handle of resource type \(handle.resourceType) dropped as \(name)")
        }
        guard handle.ownership == .own else { throw ComponentTrap("only owned handles can be dropped") }
        if let implementation {
            try implementation.hostHandles.drop(handle)
        } else {
            try ResourceDestruction.destroy(handle.index, of: self, from: nil)
        }
    }
}
