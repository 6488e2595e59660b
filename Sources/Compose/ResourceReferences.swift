import ComponentModel

extension TypeArena {
    /// The resources `entity` names, through every type it refers to (handles included).
    func resources(in entity: EntityType) -> Set<ResourceID> {
        Set(typesReferenced(by: entity).compactMap(resourceOf))
    }

    /// Every type identifier `entity` refers to, through the types they refer to and the types
    /// they were made equal to (`aliasTarget`).
    func typesReferenced(by entity: EntityType) -> Set<TypeID> {
        var visited: Set<TypeID> = []
        func visit(_ id: TypeID) {
            guard visited.insert(id).inserted else { return }
            if let target = aliasTarget(of: id) { visit(target) }
            switch self[id] {
            case .resource:
                break
            case .defined(let defined):
                visit(defined)
            case .function(let function):
                function.parameters.forEach { visit($0.type) }
                if let result = function.result { visit(result) }
            case .instance(let instance):
                instance.exports.forEach { visit($0.type) }
            case .component(let component):
                (component.imports + component.exports).forEach { visit($0.type) }
            }
        }
        func visit(_ type: ResolvedValueType?) {
            if case .defined(let id)? = type { visit(id) }
        }
        func visit(_ defined: ResolvedDefinedType) {
            switch defined {
            case .primitive, .flags, .enum: break
            case .record(let fields): fields.forEach { visit($0.type) }
            case .variant(let cases): cases.forEach { visit($0.type) }
            case .list(let element), .fixedLengthList(let element, _), .option(let element): visit(element)
            case .tuple(let elements): elements.forEach { visit($0) }
            case .result(let ok, let error): visit(ok); visit(error)
            case .own(let resource), .borrow(let resource): visit(resource)
            case .stream(let element), .future(let element): visit(element)
            case .map(let key, let value): visit(key); visit(value)
            }
        }
        func visit(_ entity: EntityType) {
            switch entity {
            case .coreModule: break
            case .value(let type): visit(type)
            case .function(let id), .type(let id), .instance(let id), .component(let id): visit(id)
            }
        }
        visit(entity)
        return visited
    }

    /// The resources `entity` makes nameable: the resource it is, if a type, and the resources
    /// its instance types export as types, through nested instances.
    func resourcesNamed(by entity: EntityType) -> Set<ResourceID> {
        switch entity {
        case .type(let id):
            return resourceOf(id).map { [$0] } ?? []
        case .instance(let id):
            guard case .instance(let instance) = self[id] else { return [] }
            return instance.exports.reduce(into: Set<ResourceID>()) { $0.formUnion(resourcesNamed(by: $1.type)) }
        case .coreModule, .function, .value, .component:
            return []
        }
    }
}
