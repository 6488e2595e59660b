import WasmCore
import WasmRuntime

/// Instantiates components (Explainer.md "Instance Definitions"): walks a component's sections
/// in order, building its index spaces with the run-time items each definition denotes.
struct ComponentInstantiator {
    let store: Store
    /// The linker's table of host-held handles, shared by every instance created.
    let hostHandles: HostResourceTable

    /// Instantiates `definition` with `arguments` satisfying its imports by name. `parent` is
    /// the instance whose code instantiates it (nil at the top level).
    func instantiate(_ prepared: PreparedComponent, enclosing: InstantiationScope?,
                     parent: ComponentInstanceState?, arguments: [String: ComponentItem]) throws -> ComponentInstanceExports {
        let scope = InstantiationScope(enclosing: enclosing, state: ComponentInstanceState(parent: parent, hostHandles: hostHandles))
        let exports = ComponentInstanceExports()
        for (position, section) in prepared.component.sections.enumerated() {
            switch section.content {
            case .custom, .coreTypes:
                break
            case .coreModule:
                guard let module = prepared.modules[position] else { throw ComponentLinkError("core module not prepared") }
                scope.coreModules.append(module)
            case .coreInstances(let definitions):
                for definition in definitions { scope.coreInstances.append(try coreInstance(definition, in: scope)) }
            case .component:
                guard let nested = prepared.nested[position] else { throw ComponentLinkError("component not prepared") }
                scope.components.append(.nested(nested))
            case .instances(let definitions):
                for definition in definitions { scope.instances.append(try instance(definition, in: scope)) }
            case .aliases(let aliases):
                for alias in aliases { try addAlias(alias, in: scope) }
            case .types(let definitions):
                for definition in definitions {
                    scope.types.append(try TypeResolver(scope: scope).resolve(definition, position: scope.types.count))
                }
            case .canonicals(let functions):
                for function in functions { try CanonicalBuiltins(store: store, scope: scope).define(function) }
            case .start(let start):
                guard start.arguments.isEmpty, start.resultCount == 0 else {
                    throw ComponentLinkError("start functions taking or returning values are not supported")
                }
                guard case .function(let function) = try scope.item(SortIndex(sort: .function, index: start.function)) else {
                    throw ComponentLinkError("start function is not a function")
                }
                _ = try function.call([])
            case .imports(let imports):
                for item in imports {
                    guard let argument = arguments[item.name.name] else {
                        throw ComponentLinkError("missing import `\(item.name.name)`")
                    }
                    guard argument.sort == item.type.sort else {
                        throw ComponentLinkError("import `\(item.name.name)` expects a \(item.type.sort), got a \(argument.sort)")
                    }
                    scope.append(argument)
                }
            case .exports(let items):
                for item in items {
                    let value = try scope.item(item.item)
                    exports.add(item.name.name, value)
                    scope.append(value)
                }
            case .values:
                throw ComponentLinkError("value definitions are not supported")
            }
        }
        return exports
    }

    // MARK: Definitions

    private func coreInstance(_ definition: CoreInstance, in scope: InstantiationScope) throws -> CoreInstanceExports {
        switch definition {
        case .instantiate(let moduleIndex, let arguments):
            guard Int(moduleIndex) < scope.coreModules.count else { throw ComponentLinkError("core module \(moduleIndex) out of bounds") }
            let module = scope.coreModules[Int(moduleIndex)]
            var suppliers: [String: CoreInstanceExports] = [:]
            for argument in arguments {
                guard Int(argument.instance) < scope.coreInstances.count else {
                    throw ComponentLinkError("core instance \(argument.instance) out of bounds")
                }
                suppliers[argument.name] = scope.coreInstances[Int(argument.instance)]
            }
            var imports = Imports()
            for item in module.imports {
                guard let value = suppliers[item.module]?.export(item.name) else {
                    throw ComponentLinkError("core module import `\(item.module)` `\(item.name)` is not supplied")
                }
                imports.define(module: item.module, name: item.name, value)
            }
            return .instance(try store.instantiate(module: module, imports: imports))
        case .fromExports(let items):
            var bundle: [String: ExternalValue] = [:]
            for item in items { bundle[item.name] = try scope.coreItem(item.item) }
            return .bundle(bundle)
        }
    }

    private func instance(_ definition: ComponentInstance, in scope: InstantiationScope) throws -> ComponentInstanceExports {
        switch definition {
        case .instantiate(let componentIndex, let arguments):
            guard case .component(let component) = try scope.item(SortIndex(sort: .component, index: componentIndex)) else {
                throw ComponentLinkError("component \(componentIndex) is not a component")
            }
            var supplied: [String: ComponentItem] = [:]
            for argument in arguments { supplied[argument.name] = try scope.item(argument.item) }
            return try instantiate(component.prepared, enclosing: component.enclosing, parent: scope.state, arguments: supplied)
        case .fromExports(let items):
            let exports = ComponentInstanceExports()
            for item in items { exports.add(item.name.name, try scope.item(item.item)) }
            return exports
        }
    }

    private func addAlias(_ alias: Alias, in scope: InstantiationScope) throws {
        switch alias {
        case .coreInstanceExport(let sort, let instanceIndex, let name):
            guard Int(instanceIndex) < scope.coreInstances.count else {
                throw ComponentLinkError("core instance \(instanceIndex) out of bounds")
            }
            guard let value = scope.coreInstances[Int(instanceIndex)].export(name) else {
                throw ComponentLinkError("core instance \(instanceIndex) has no export `\(name)`")
            }
            try scope.appendCore(value, as: sort)
        case .instanceExport(let sort, let instanceIndex, let name):
            guard case .instance(let instance) = try scope.item(SortIndex(sort: .instance, index: instanceIndex)) else {
                throw ComponentLinkError("instance \(instanceIndex) is not an instance")
            }
            guard let item = instance[name], item.sort == sort else {
                throw ComponentLinkError("instance \(instanceIndex) has no \(sort) export `\(name)`")
            }
            scope.append(item)
        case .outer(let sort, let count, let index):
            let outer = try scope.outer(count)
            switch sort {
            case .core(.type): break
            default: scope.append(try outer.item(SortIndex(sort: sort, index: index)))
            }
        }
    }
}
