import Synchronization
import WasmRuntime

// Typed handles for generated bindings. A static `componentType` cannot name a resource type
// that only exists at run time (each instantiation defines fresh ones), so a Swift resource
// type stands in with a placeholder resource type. The typed call check binds each
// placeholder to the run-time resource type it meets in the function's signature, and the
// handles lift and lower themselves through that binding.

/// A Swift type that names one WIT resource in typed bindings (a generated handle type).
public protocol ComponentResource {
    /// The resource's WIT name, for messages.
    static var resourceName: String { get }
}

extension ComponentResource {
    /// The placeholder resource type that `Self` stands for in static component types.
    static var placeholder: ComponentResourceType { ResourcePlaceholders.placeholder(for: Self.self) }

    /// The run-time resource type `Self` is bound to in the call `context` is part of.
    static func boundType(in context: LiftLowerContext) throws(ComponentTrap) -> ComponentResourceType {
        guard let resource = context.resourceBindings.resource(for: placeholder) else {
            throw ComponentTrap("resource \(resourceName) is not part of the called function's type")
        }
        return resource
    }
}

extension ComponentResource {
    /// Whether `handle` was made by the host (`OwnedHandle(representation:)`) for `resource`,
    /// a host-defined resource, whose handles' indices are representations.
    static func madeByHost(_ handle: ResourceHandle, _ resource: ComponentResourceType) -> Bool {
        resource.isHostDefined && handle.resourceType == placeholder.id
    }
}

/// The placeholder resource types of Swift resource types, one per type for the process.
enum ResourcePlaceholders {
    private static let placeholders = Mutex<[ObjectIdentifier: ComponentResourceType]>([:])
    private static let placeholderIDs = Mutex<Set<UInt32>>([])

    /// The placeholder of `resource`, made on first use.
    static func placeholder(for resource: any ComponentResource.Type) -> ComponentResourceType {
        placeholders.withLock { table in
            if let existing = table[ObjectIdentifier(resource)] { return existing }
            let made = ComponentResourceType(name: resource.resourceName, implementation: nil, destructor: nil)
            table[ObjectIdentifier(resource)] = made
            placeholderIDs.withLock { _ = $0.insert(made.id) }
            return made
        }
    }

    /// Whether `resource` is a placeholder rather than a run-time resource type.
    static func isPlaceholder(_ resource: ComponentResourceType) -> Bool {
        placeholderIDs.withLock { $0.contains(resource.id) }
    }
}

/// The run-time resource types that the placeholders of one typed signature stand for.
struct ResourceBindings {
    private var bound: [UInt32: ComponentResourceType] = [:]

    /// Whether `declared` (from a Swift type) matches `actual` (from the function's type):
    /// the same resource type, or a placeholder, which is bound to `actual` on first sight and
    /// must meet the same type everywhere else.
    mutating func match(_ declared: ComponentResourceType, _ actual: ComponentResourceType) -> Bool {
        if declared === actual { return true }
        guard ResourcePlaceholders.isPlaceholder(declared) else { return false }
        if let existing = bound[declared.id] { return existing === actual }
        bound[declared.id] = actual
        return true
    }

    /// The run-time type `placeholder` is bound to.
    func resource(for placeholder: ComponentResourceType) -> ComponentResourceType? {
        bound[placeholder.id]
    }
}

/// An owned handle to resource `Resource` (`own<resource>`), as the host holds it: for a
/// guest-defined resource an index in the linker's table of host handles (moved out when
/// passed to a call, ended by `ComponentLinker.drop`), for a host-defined one the
/// representation the host chose.
public struct OwnedHandle<Resource: ComponentResource>: ComponentValueConvertible, Hashable, Sendable {
    /// The dynamic handle.
    public let handle: ResourceHandle

    /// Wraps a dynamic owned handle.
    public init(_ handle: ResourceHandle) {
        self.handle = handle
    }

    /// A new handle to a value of a host-defined resource, which the host identifies by
    /// `representation`; the guest receives it when it is returned or passed to it.
    public init(representation: UInt32) {
        handle = ResourceHandle(ownership: .own, resourceType: Resource.placeholder.id, index: representation)
    }

    /// `own<Resource>`.
    public static var componentType: CanonicalType { CanonicalType(.own(Resource.placeholder)) }

    private func lower(context: LiftLowerContext) throws -> UInt32 {
        let resource = try Resource.boundType(in: context)
        guard handle.resourceType == resource.id || Resource.madeByHost(handle, resource), handle.ownership == .own else {
            throw ComponentTrap("handle \(handle.index) is not an owned \(Resource.resourceName) handle")
        }
        return try context.lowerOwn(try context.representation(of: handle, .own, resource), resource)
    }

    private static func lift(_ index: UInt32, context: LiftLowerContext) throws -> Self {
        let resource = try Resource.boundType(in: context)
        return Self(try context.handle(to: try context.liftOwn(index, resource), .own, resource))
    }

    /// `lower_flat`: a new owned handle in the callee's table.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        output.append(.i32(try lower(context: context)))
    }

    /// `store`: a new owned handle in the callee's table.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(try lower(context: context), at: pointer)
    }

    /// `lift_flat`: takes the handle out of the guest's table.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        try lift(try reader.nextI32(), context: context)
    }

    /// `load`: takes the handle out of the guest's table.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        try lift(try context.load(UInt32.self, at: pointer), context: context)
    }
}

/// A borrowed handle to resource `Resource` (`borrow<resource>`): lent by the host for one
/// call, or lent to a host function until it returns.
public struct BorrowedHandle<Resource: ComponentResource>: ComponentValueConvertible, Hashable, Sendable {
    /// The dynamic handle.
    public let handle: ResourceHandle

    /// Wraps a dynamic handle (owned or borrowed) to lend it.
    public init(_ handle: ResourceHandle) {
        self.handle = handle
    }

    /// Lends an owned handle.
    public init(_ owned: OwnedHandle<Resource>) {
        handle = owned.handle
    }

    /// `borrow<Resource>`.
    public static var componentType: CanonicalType { CanonicalType(.borrow(Resource.placeholder)) }

    private func lower(context: LiftLowerContext) throws -> UInt32 {
        let resource = try Resource.boundType(in: context)
        guard handle.resourceType == resource.id || Resource.madeByHost(handle, resource) else {
            throw ComponentTrap("handle \(handle.index) is not a \(Resource.resourceName) handle")
        }
        return try context.lowerBorrow(try context.representation(of: handle, .borrow, resource), resource)
    }

    private static func lift(_ index: UInt32, context: LiftLowerContext) throws -> Self {
        let resource = try Resource.boundType(in: context)
        return Self(try context.handle(to: try context.liftBorrow(index, resource), .borrow, resource))
    }

    /// `lower_flat`: a borrowed handle in the callee's table.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        output.append(.i32(try lower(context: context)))
    }

    /// `store`: a borrowed handle in the callee's table.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(try lower(context: context), at: pointer)
    }

    /// `lift_flat`: the handle the guest lends.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        try lift(try reader.nextI32(), context: context)
    }

    /// `load`: the handle the guest lends.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        try lift(try context.load(UInt32.self, at: pointer), context: context)
    }
}
