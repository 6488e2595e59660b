/// Comparing types that came from different validations.
///
/// Each validation resolves types into its own arena, so the types of two independently
/// validated components cannot be compared directly. Composition copies them into one
/// arena (`adopt`), renames resources to say which ones are the same (`substituting`) and
/// then applies the same subtyping rules instantiation applies (`mismatch`).
extension TypeArena {
    /// Copies `entity`, whose identifiers refer to `source`, into this arena and returns the
    /// copy. Resources of `source` are renamed through `resources`: a resource already in the
    /// map becomes its image, any other becomes a fresh resource of this arena and is added to
    /// the map, so copying several types with the same map keeps their resources shared.
    public mutating func adopt(_ entity: EntityType, from source: TypeArena,
                               resources: inout [ResourceID: ResourceID]) -> EntityType {
        var memo: [TypeID: TypeID] = [:]
        return adopt(entity, source, &resources, &memo)
    }

    /// Renames a resource of `source` through `resources`, allocating a fresh one when unmapped.
    public mutating func adopt(_ resource: ResourceID, resources: inout [ResourceID: ResourceID]) -> ResourceID {
        if let mapped = resources[resource] { return mapped }
        let fresh = freshResource()
        resources[resource] = fresh
        return fresh
    }

    /// `entity` with resources replaced according to `resources` (identifiers of this arena).
    public mutating func substituting(_ entity: EntityType, resources: [ResourceID: ResourceID]) -> EntityType {
        substitute(entity, resources)
    }

    /// An instance type exporting everything `first` exports, then what only `second` exports
    /// (a name both export keeps `first`'s type), defining the resources either defines; nil
    /// when either is not an instance type. Composition widens an open import this way when
    /// several components import one interface with different subsets of its items.
    public mutating func mergingInstances(_ first: TypeID, _ second: TypeID) -> TypeID? {
        guard case .instance(let a) = self[first], case .instance(let b) = self[second] else { return nil }
        let names = Set(a.exports.map(\.name))
        let added = b.exports.filter { !names.contains($0.name) }
        guard !added.isEmpty else { return first }
        let defined = a.definedResources + b.definedResources.filter { resource in
            added.contains { if case .type(let id) = $0.type, case .resource(resource) = self[id] { true } else { false } }
        }
        return add(.instance(ResolvedInstanceType(exports: a.exports + added, definedResources: defined)))
    }

    /// Why an item of type `actual` cannot be used where `expected` is required, or nil when it
    /// can: the subtyping rules of instantiation (`TypeArena+Subtyping.swift`).
    public mutating func mismatch(_ actual: EntityType, of expected: EntityType) -> String? {
        do {
            try checkSubtype(actual, of: expected)
            return nil
        } catch {
            return error.message
        }
    }

    private mutating func adopt(_ entity: EntityType, _ source: TypeArena,
                                _ resources: inout [ResourceID: ResourceID],
                                _ memo: inout [TypeID: TypeID]) -> EntityType {
        switch entity {
        case .coreModule: entity
        case .function(let id): .function(adopt(id, source, &resources, &memo))
        case .value(let type): .value(adopt(type, source, &resources, &memo))
        case .type(let id): .type(adopt(id, source, &resources, &memo))
        case .instance(let id): .instance(adopt(id, source, &resources, &memo))
        case .component(let id): .component(adopt(id, source, &resources, &memo))
        }
    }

    private mutating func adopt(_ type: ResolvedValueType, _ source: TypeArena,
                                _ resources: inout [ResourceID: ResourceID],
                                _ memo: inout [TypeID: TypeID]) -> ResolvedValueType {
        if case .defined(let id) = type { return .defined(adopt(id, source, &resources, &memo)) }
        return type
    }

    private mutating func adopt(_ id: TypeID, _ source: TypeArena,
                                _ resources: inout [ResourceID: ResourceID],
                                _ memo: inout [TypeID: TypeID]) -> TypeID {
        if let done = memo[id] { return done }
        func named(_ items: [NamedEntity], _ resources: inout [ResourceID: ResourceID],
                   _ memo: inout [TypeID: TypeID]) -> [NamedEntity] {
            items.map { NamedEntity(name: $0.name, type: adopt($0.type, source, &resources, &memo)) }
        }
        let copy: ResolvedType
        switch source[id] {
        case .resource(let resource):
            copy = .resource(adopt(resource, resources: &resources))
        case .defined(let defined):
            copy = .defined(adopt(defined, source, &resources, &memo))
        case .function(let function):
            copy = .function(ResolvedFunctionType(
                isAsync: function.isAsync,
                parameters: function.parameters.map {
                    ResolvedField(label: $0.label, type: adopt($0.type, source, &resources, &memo))
                },
                result: function.result.map { adopt($0, source, &resources, &memo) }))
        case .instance(let instance):
            let defined = instance.definedResources.map { adopt($0, resources: &resources) }
            copy = .instance(ResolvedInstanceType(exports: named(instance.exports, &resources, &memo),
                                                  definedResources: defined))
        case .component(let component):
            let imported = component.importedResources.map { adopt($0, resources: &resources) }
            let defined = component.definedResources.map { adopt($0, resources: &resources) }
            copy = .component(ResolvedComponentType(
                imports: named(component.imports, &resources, &memo),
                exports: named(component.exports, &resources, &memo),
                importedResources: imported, definedResources: defined))
        }
        let result = add(copy)
        memo[id] = result
        return result
    }

    private mutating func adopt(_ defined: ResolvedDefinedType, _ source: TypeArena,
                                _ resources: inout [ResourceID: ResourceID],
                                _ memo: inout [TypeID: TypeID]) -> ResolvedDefinedType {
        func copy(_ type: ResolvedValueType) -> ResolvedValueType { adopt(type, source, &resources, &memo) }
        switch defined {
        case .primitive, .flags, .enum: return defined
        case .record(let fields): return .record(fields.map { ResolvedField(label: $0.label, type: copy($0.type)) })
        case .variant(let cases): return .variant(cases.map { ResolvedCase(label: $0.label, type: $0.type.map(copy)) })
        case .list(let element): return .list(copy(element))
        case .fixedLengthList(let element, let length): return .fixedLengthList(copy(element), length: length)
        case .tuple(let elements): return .tuple(elements.map(copy))
        case .option(let payload): return .option(copy(payload))
        case .result(let ok, let error): return .result(ok: ok.map(copy), error: error.map(copy))
        case .own(let resource): return .own(adopt(resource, source, &resources, &memo))
        case .borrow(let resource): return .borrow(adopt(resource, source, &resources, &memo))
        case .stream(let element): return .stream(element.map(copy))
        case .future(let element): return .future(element.map(copy))
        case .map(let key, let value): return .map(key: copy(key), value: copy(value))
        }
    }
}
