import WasmCore
import WasmRuntime

/// A type at run time: what an entry of a component instance's type index space denotes.
public enum ComponentRuntimeType {
    /// A value type, laid out for the canonical ABI.
    case value(CanonicalType)
    /// A function type, with its canonical ABI plan.
    case function(CanonicalFunctionType)
    /// A resource type.
    case resource(ComponentResourceType)
    /// A component or instance type: used only by validation.
    case typeOnly
}

/// An item of a component-level index space at run time: what imports receive, exports
/// provide and instantiation arguments pass.
public enum ComponentItem {
    case function(ComponentFunction)
    case instance(ComponentInstanceExports)
    case type(ComponentRuntimeType)
    /// A component not yet instantiated, with the scope its outer aliases refer to.
    case component(ComponentDefinition)
    case coreModule(Module)

    /// The item's sort, for messages and checks.
    public var sort: ComponentSort {
        switch self {
        case .function: .function
        case .instance: .instance
        case .type: .type
        case .component: .component
        case .coreModule: .core(.module)
        }
    }
}

/// The exports of a component instance, in definition order.
public final class ComponentInstanceExports {
    /// Export names in definition order.
    public private(set) var names: [String] = []
    private var items: [String: ComponentItem] = [:]

    init() {}

    func add(_ name: String, _ item: ComponentItem) {
        if items.updateValue(item, forKey: name) == nil { names.append(name) }
    }

    /// The export named `name`.
    public subscript(name: String) -> ComponentItem? { items[name] }

    /// The exported function `name`; `"iface#f"` names function `f` of exported instance `iface`.
    public func function(_ name: String) -> ComponentFunction? {
        if case .function(let function)? = items[name] { return function }
        if let hash = name.lastIndex(of: "#"), let instance = instance(String(name[..<hash])) {
            return instance.function(String(name[name.index(after: hash)...]))
        }
        return nil
    }

    /// The exported instance `name`.
    public func instance(_ name: String) -> ComponentInstanceExports? {
        if case .instance(let instance)? = items[name] { return instance }
        return nil
    }
}

/// A component definition available for instantiation: its prepared form and the instance
/// scope it was defined in (which its outer aliases refer to).
public final class ComponentDefinition {
    let prepared: PreparedComponent
    let enclosing: InstantiationScope?

    init(prepared: PreparedComponent, enclosing: InstantiationScope?) {
        self.prepared = prepared
        self.enclosing = enclosing
    }
}

/// The exports of a core instance: a module instance, or items bundled by inline exports.
enum CoreInstanceExports {
    case instance(Instance)
    case bundle([String: ExternalValue])

    func export(_ name: String) -> ExternalValue? {
        switch self {
        case .instance(let instance): instance.export(name)
        case .bundle(let items): items[name]
        }
    }
}

/// A component with its embedded core modules decoded once, so that each instantiation
/// only links and allocates.
final class PreparedComponent {
    let component: Component
    /// Decoded core modules by section position.
    let modules: [Int: Module]
    /// Prepared nested components by section position.
    let nested: [Int: PreparedComponent]

    init(_ component: Component) throws {
        self.component = component
        var modules: [Int: Module] = [:]
        var nested: [Int: PreparedComponent] = [:]
        for (position, section) in component.sections.enumerated() {
            switch section.content {
            case .coreModule(let module):
                do {
                    modules[position] = try module.decoded()
                } catch {
                    throw ComponentLinkError("embedded core module at section \(position): \(error)")
                }
            case .component(let child):
                nested[position] = try PreparedComponent(child)
            default:
                break
            }
        }
        self.modules = modules
        self.nested = nested
    }
}
