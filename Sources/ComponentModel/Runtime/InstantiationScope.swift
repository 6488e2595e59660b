import WasmCore
import WasmRuntime

/// An entry of a scope's component index space. A component defined in the scope is kept
/// without the scope (a definition holding the scope that holds it would keep both, and the
/// instance's store, alive for good) and gets it when looked up.
enum ScopedComponent {
    /// Defined in this scope: its outer aliases resolve here.
    case nested(PreparedComponent)
    /// Imported, aliased or received from another instance, with its own enclosing scope.
    case received(ComponentDefinition)
}

/// The index spaces of one component instance while it is being instantiated, and afterwards
/// for the nested components defined in it (their outer aliases look items up here).
final class InstantiationScope {
    let enclosing: InstantiationScope?
    let state: ComponentInstanceState

    var coreModules: [Module] = []
    var coreInstances: [CoreInstanceExports] = []
    var coreFunctions: [Function] = []
    var coreTables: [Table] = []
    var coreMemories: [Memory] = []
    var coreGlobals: [WasmRuntime.Global] = []
    var coreTags: [WasmRuntime.Tag] = []
    var types: [ComponentRuntimeType] = []
    var functions: [ComponentFunction] = []
    var components: [ScopedComponent] = []
    var instances: [ComponentInstanceExports] = []

    init(enclosing: InstantiationScope?, state: ComponentInstanceState) {
        self.enclosing = enclosing
        self.state = state
    }

    // MARK: Component items

    /// The item at a component-level index.
    func item(_ index: SortIndex) throws(ComponentLinkError) -> ComponentItem {
        let i = Int(index.index)
        switch index.sort {
        case .function: return .function(try element(functions, i, "function"))
        case .instance: return .instance(try element(instances, i, "instance"))
        case .type: return .type(try element(types, i, "type"))
        case .component:
            switch try element(components, i, "component") {
            case .nested(let prepared): return .component(ComponentDefinition(prepared: prepared, enclosing: self))
            case .received(let definition): return .component(definition)
            }
        case .core(.module): return .coreModule(try element(coreModules, i, "core module"))
        case .value, .core: throw ComponentLinkError("\(index.sort) items cannot be passed between components")
        }
    }

    /// Adds `item` to the index space of its sort.
    func append(_ item: ComponentItem) {
        switch item {
        case .function(let function): functions.append(function)
        case .instance(let instance): instances.append(instance)
        case .type(let type): types.append(type)
        case .component(let component): components.append(.received(component))
        case .coreModule(let module): coreModules.append(module)
        }
    }

    // MARK: Core items

    /// The core item at a core index, as an external value.
    func coreItem(_ index: CoreSortIndex) throws(ComponentLinkError) -> ExternalValue {
        let i = Int(index.index)
        switch index.sort {
        case .function: return .function(try element(coreFunctions, i, "core function"))
        case .table: return .table(try element(coreTables, i, "core table"))
        case .memory: return .memory(try element(coreMemories, i, "core memory"))
        case .global: return .global(try element(coreGlobals, i, "core global"))
        case .tag: return .tag(try element(coreTags, i, "core tag"))
        default: throw ComponentLinkError("\(index.sort) cannot be exported from a core instance")
        }
    }

    /// Adds a core item to the index space of `sort`.
    func appendCore(_ value: ExternalValue, as sort: CoreSort) throws(ComponentLinkError) {
        switch (sort, value) {
        case (.function, .function(let function)): coreFunctions.append(function)
        case (.table, .table(let table)): coreTables.append(table)
        case (.memory, .memory(let memory)): coreMemories.append(memory)
        case (.global, .global(let global)): coreGlobals.append(global)
        case (.tag, .tag(let tag)): coreTags.append(tag)
        default: throw ComponentLinkError("core export is not a \(sort)")
        }
    }

    func coreFunction(_ index: UInt32) throws(ComponentLinkError) -> Function {
        try element(coreFunctions, Int(index), "core function")
    }

    func type(_ index: UInt32) throws(ComponentLinkError) -> ComponentRuntimeType {
        try element(types, Int(index), "type")
    }

    /// The scope `count` levels out (`alias outer`).
    func outer(_ count: UInt32) throws(ComponentLinkError) -> InstantiationScope {
        var scope = self
        for _ in 0 ..< count {
            guard let next = scope.enclosing else { throw ComponentLinkError("outer alias reaches beyond the outermost component") }
            scope = next
        }
        return scope
    }

    private func element<T>(_ space: [T], _ index: Int, _ what: String) throws(ComponentLinkError) -> T {
        guard index < space.count else { throw ComponentLinkError("\(what) index \(index) out of bounds") }
        return space[index]
    }
}
