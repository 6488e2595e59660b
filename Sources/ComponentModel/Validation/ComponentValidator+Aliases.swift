/// Validation of alias definitions and declarators: instance exports, core instance exports
/// and outer aliases, with the rule that types crossing a component boundary may not refer
/// to resources.
extension ComponentValidator {
    // MARK: Aliases

    mutating func addAlias(_ alias: Alias) throws(ComponentError) {
        switch alias {
        case .instanceExport(let sort, let instanceIndex, let name):
            guard Int(instanceIndex) < scope.instances.count else {
                throw invalid("unknown instance \(instanceIndex): instance index out of bounds")
            }
            guard case .instance(let instance) = arena[scope.instances[Int(instanceIndex)]],
                  let item = instance.export(named: name) else {
                throw invalid("instance \(instanceIndex) has no export named `\(name)`")
            }
            guard item.sort == sort else { throw invalid("export `\(name)` for instance \(instanceIndex) is not a \(sort)") }
            push(item)
        case .coreInstanceExport(let sort, let instanceIndex, let name):
            guard Int(instanceIndex) < scope.coreInstances.count else {
                throw invalid("unknown core instance \(instanceIndex): instance index out of bounds")
            }
            guard let item = scope.coreInstances[Int(instanceIndex)][name] else {
                throw invalid("core instance \(instanceIndex) has no export named `\(name)`")
            }
            guard item.sort == sort else {
                throw invalid("export `\(name)` for core instance \(instanceIndex) is not a \(sort.description.dropFirst(5))")
            }
            pushCore(item)
        case .outer(let sort, let count, let index):
            guard Int(count) < scopes.count else { throw invalid("invalid outer alias count of \(count)") }
            let targetPosition = scopes.count - 1 - Int(count)
            let target = scopes[targetPosition]
            let crossesComponent = scopes[(targetPosition + 1)...].contains { $0.kind == .component }
            func bounds(_ available: Int, _ what: String) throws(ComponentError) {
                guard Int(index) < available else { throw invalid("unknown \(what) \(index): \(what) index out of bounds") }
            }
            switch sort {
            case .type:
                try bounds(target.types.count, "type")
                let id = target.types[Int(index)]
                if crossesComponent && refersToResources(.type(id)) {
                    throw invalid("type index \(index) transitively refers to resources not defined in the current component")
                }
                scope.types.append(id)
            case .core(.type):
                try bounds(target.coreTypes.count, "core type")
                scope.coreTypes.append(target.coreTypes[Int(index)])
            case .core(.module):
                try bounds(target.coreModules.count, "module")
                scope.coreModules.append(target.coreModules[Int(index)])
            case .component:
                try bounds(target.components.count, "component")
                scope.components.append(target.components[Int(index)])
            default:
                throw invalid("outer aliases may only refer to types, modules or components")
            }
        }
    }

    /// Whether an item's type mentions any resource type.
    private func refersToResources(_ entity: EntityType) -> Bool {
        var visited: Set<TypeID> = []
        func visit(_ id: TypeID) -> Bool {
            guard visited.insert(id).inserted else { return false }
            switch arena[id] {
            case .resource: return true
            case .defined(let defined):
                switch defined {
                case .own, .borrow: return true
                default: return arena.children(of: defined).contains(where: visitValue)
                }
            case .function(let function):
                return function.parameters.contains { visitValue($0.type) } || function.result.map(visitValue) ?? false
            case .instance(let instance): return instance.exports.contains { visitEntity($0.type) }
            case .component(let component):
                return (component.imports + component.exports).contains { visitEntity($0.type) }
            }
        }
        func visitValue(_ type: ResolvedValueType) -> Bool {
            if case .defined(let id) = type { return visit(id) }
            return false
        }
        func visitEntity(_ entity: EntityType) -> Bool {
            switch entity {
            case .coreModule: false
            case .value(let type): visitValue(type)
            case .function(let id), .type(let id), .instance(let id), .component(let id): visit(id)
            }
        }
        return visitEntity(entity)
    }
}
