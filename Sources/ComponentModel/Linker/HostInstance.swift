/// Host definitions grouped as one instance (an interface such as `wasi:cli/stdout`): its
/// functions, resources and nested instances by export name.
public struct HostInstance {
    var items: [String: HostItem] = [:]

    /// Creates an empty instance.
    public init() {}

    /// Defines function `name`; its type is the one the importing component declares.
    public mutating func defineFunction(_ name: String, _ body: @escaping ComponentFunction.HostBody) {
        items[name] = .function(body)
    }

    /// Defines function `name` implemented by a typed closure: parameters lift themselves from
    /// the guest and the result lowers itself into it, without `ComponentValue` boxing. The
    /// Swift types must match the importing component's declaration.
    public mutating func defineTypedFunction<each Parameter: ComponentLiftable, Result: ComponentLowerable>(
        _ name: String, _ body: @escaping (repeat each Parameter) throws -> Result
    ) {
        items[name] = .typedFunction(TypedHostFunction(body))
    }

    /// Defines function `name`, without a result, implemented by a typed closure.
    public mutating func defineTypedFunction<each Parameter: ComponentLiftable>(
        _ name: String, _ body: @escaping (repeat each Parameter) throws -> Void
    ) {
        items[name] = .typedFunction(TypedHostFunction(body))
    }

    /// Defines resource type `name`; `destructor` runs with the representation when the last
    /// owning handle is dropped by a guest. Returns the type, whose `id` marks its handles.
    @discardableResult
    public mutating func defineResource(_ name: String, destructor: ((UInt32) throws -> Void)? = nil) -> ComponentResourceType {
        let resource = ComponentResourceType(name: name, implementation: nil, destructor: destructor.map { .host($0) })
        items[name] = .resource(resource)
        return resource
    }

    /// Defines a nested instance `name`.
    public mutating func defineInstance(_ name: String, _ instance: HostInstance) {
        items[name] = .instance(instance)
    }

    /// Defines `name` as an item of another component instance (to link components together).
    public mutating func define(_ name: String, item: ComponentItem) {
        items[name] = .item(item)
    }
}

/// One host definition.
indirect enum HostItem {
    case function(ComponentFunction.HostBody)
    case typedFunction(TypedHostFunction)
    case resource(ComponentResourceType)
    case instance(HostInstance)
    case item(ComponentItem)
}
