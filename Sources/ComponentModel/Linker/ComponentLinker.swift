import WasmRuntime

/// Defines host imports and instantiates components against them.
///
/// ```swift
/// let linker = ComponentLinker()
/// var logging = HostInstance()
/// logging.defineFunction("log") { arguments in print(arguments); return [] }
/// linker.defineInstance("wcomp:demo/logging", logging)
/// let instance = try linker.instantiate(LoadedComponent(bytes: bytes))
/// let result = try instance.call("greet", [.string("world")])
/// ```
///
/// Host functions take their type from the importing component's declaration; resources
/// imported as `(sub resource)` must be defined with `defineResource`.
public final class ComponentLinker {
    /// The store all core instances of the components live in.
    public let store: Store
    private var root = HostInstance()
    /// The handles the host holds to guest-defined resources of this linker's instances.
    let hostHandles = HostResourceTable()
    /// The objects behind host-defined resources (`resourceObjects(of:as:)`), by resource and object type.
    var resourceObjectTables: [[ObjectIdentifier]: AnyObject] = [:]

    /// Creates a linker whose instances live in `store`.
    public init(store: Store = Store()) {
        self.store = store
    }

    /// Defines the top-level import function `name`.
    public func defineFunction(_ name: String, _ body: @escaping ComponentFunction.HostBody) {
        root.defineFunction(name, body)
    }

    /// Defines the top-level import instance `name` (an interface).
    public func defineInstance(_ name: String, _ instance: HostInstance) {
        root.defineInstance(name, instance)
    }

    /// Defines the top-level import function `name` implemented by a typed closure.
    public func defineTypedFunction<each Parameter: ComponentLiftable, Result: ComponentLowerable>(
        _ name: String, _ body: @escaping (repeat each Parameter) throws -> Result
    ) {
        root.defineTypedFunction(name, body)
    }

    /// Defines the top-level import function `name`, without a result, implemented by a typed closure.
    public func defineTypedFunction<each Parameter: ComponentLiftable>(
        _ name: String, _ body: @escaping (repeat each Parameter) throws -> Void
    ) {
        root.defineTypedFunction(name, body)
    }

    /// Defines the top-level imported resource type `name`.
    @discardableResult
    public func defineResource(_ name: String, destructor: ((UInt32) throws -> Void)? = nil) -> ComponentResourceType {
        root.defineResource(name, destructor: destructor)
    }

    /// Defines the top-level import `name` as an item of another component instance.
    public func define(_ name: String, item: ComponentItem) {
        root.define(name, item: item)
    }

    /// Drops an owned handle to a guest-defined resource that the host received from one of this
    /// linker's instances: the handle is removed (using it again traps with "unknown handle
    /// index") and the resource's destructor runs in its defining instance.
    public func drop(_ handle: ResourceHandle) throws {
        try hostHandles.drop(handle)
    }

    /// Instantiates `component`, satisfying each of its imports with the definition of the same
    /// name. Throws `ComponentLinkError` for a missing or mismatched import, and a trap thrown
    /// by a core module's start function.
    public func instantiate(_ component: LoadedComponent) throws -> InstantiatedComponent {
        var binder = ImportBinder(types: component.validated.types)
        var arguments: [String: ComponentItem] = [:]
        for entity in component.imports {
            guard let definition = root.items[entity.name] else {
                throw ComponentLinkError("import `\(entity.name)` is not defined in the linker")
            }
            arguments[entity.name] = try binder.bind(entity.type, to: definition, name: entity.name)
        }
        let exports = try ComponentInstantiator(store: store, hostHandles: hostHandles)
            .instantiate(component.prepared, enclosing: nil, parent: nil, arguments: arguments)
        return InstantiatedComponent(component: component, exports: exports)
    }
}
