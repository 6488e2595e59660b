/// Storage for the resolved component types of one validation: type identifiers index into it.
///
/// Besides storage it implements the two operations the type rules need: substituting
/// resource types (instantiation supplies actual resources for imported ones and makes fresh
/// ones for defined ones) and deciding subtyping (`TypeArena+Subtyping.swift`).
public struct TypeArena: Sendable {
    private var types: [ResolvedType] = []
    /// `info[i]` describes `types[i]`.
    private var infos: [TypeInfo] = []
    private var resourceCount = 0
    /// For identifiers made equal to another type (an `(eq n)` bound, a type export): the
    /// identifier they were made from. Decoders of WIT follow these links to tell a `use` of a
    /// type from a new definition.
    private var aliasTargets: [TypeID: TypeID] = [:]

    /// Creates an empty arena.
    public init() {}

    /// Stores `type` and returns its new identifier.
    mutating func add(_ type: ResolvedType) -> TypeID {
        infos.append(computeInfo(type))
        types.append(type)
        return TypeID(rawValue: types.count - 1)
    }

    /// Stores a new identifier for the type `id` denotes, recording that it aliases `id`.
    mutating func addAlias(of id: TypeID) -> TypeID {
        let alias = add(self[id])
        aliasTargets[alias] = id
        return alias
    }

    /// The identifier `id` was made equal to by an `(eq n)` bound or a type export, if any.
    public func aliasTarget(of id: TypeID) -> TypeID? { aliasTargets[id] }

    /// Size and nesting depth of the type stored for `id`.
    func info(_ id: TypeID) -> TypeInfo { infos[id.rawValue] }

    private func info(_ type: ResolvedValueType?) -> TypeInfo {
        if case .defined(let id)? = type { return info(id) }
        return TypeInfo(size: 1, depth: 1)
    }

    private func info(_ entity: EntityType) -> TypeInfo {
        switch entity {
        case .coreModule(let module): TypeInfo(size: UInt64(module.imports.count + module.exports.count) + 1, depth: 1)
        case .value(let type): info(type)
        case .function(let id), .type(let id), .instance(let id), .component(let id): info(id)
        }
    }

    private func computeInfo(_ type: ResolvedType) -> TypeInfo {
        let parts: [TypeInfo]
        switch type {
        case .resource: parts = []
        case .defined(let defined): parts = children(of: defined).map { info($0) }
        case .function(let function): parts = function.parameters.map { info($0.type) } + [info(function.result)]
        case .instance(let instance): parts = instance.exports.map { info($0.type) }
        case .component(let component): parts = (component.imports + component.exports).map { info($0.type) }
        }
        return TypeInfo(combining: parts)
    }

    /// The type stored for `id`.
    public subscript(id: TypeID) -> ResolvedType { types[id.rawValue] }

    /// A resource type distinct from every other.
    mutating func freshResource() -> ResourceID {
        resourceCount += 1
        return ResourceID(rawValue: resourceCount - 1)
    }

    /// The resource a type identifier denotes, if it is a resource type.
    func resource(_ id: TypeID) -> ResourceID? {
        if case .resource(let resource) = self[id] { return resource }
        return nil
    }

    // MARK: Substitution

    /// Rewrites `entity` with resources replaced according to `map`, allocating new type
    /// identifiers only for types that change.
    mutating func substitute(_ entity: EntityType, _ map: [ResourceID: ResourceID]) -> EntityType {
        substitute(entity, Substitution(resources: map))
    }

    /// Rewrites `entity` according to `substitution`, allocating new type identifiers only
    /// for types that change.
    mutating func substitute(_ entity: EntityType, _ substitution: Substitution) -> EntityType {
        guard !substitution.isEmpty else { return entity }
        var memo = substitution.types
        return substitute(entity, substitution.resources, &memo)
    }

    private mutating func substitute(_ entity: EntityType, _ map: [ResourceID: ResourceID],
                                     _ memo: inout [TypeID: TypeID]) -> EntityType {
        switch entity {
        case .coreModule: entity
        case .function(let id): .function(substitute(id, map, &memo))
        case .value(let type): .value(substitute(type, map, &memo))
        case .type(let id): .type(substitute(id, map, &memo))
        case .instance(let id): .instance(substitute(id, map, &memo))
        case .component(let id): .component(substitute(id, map, &memo))
        }
    }

    private mutating func substitute(_ type: ResolvedValueType, _ map: [ResourceID: ResourceID],
                                     _ memo: inout [TypeID: TypeID]) -> ResolvedValueType {
        if case .defined(let id) = type { return .defined(substitute(id, map, &memo)) }
        return type
    }

    private mutating func substitute(_ id: TypeID, _ map: [ResourceID: ResourceID],
                                     _ memo: inout [TypeID: TypeID]) -> TypeID {
        if let done = memo[id] { return done }
        let original = self[id]
        let rewritten: ResolvedType
        switch original {
        case .resource(let resource):
            rewritten = .resource(map[resource] ?? resource)
        case .defined(let defined):
            rewritten = .defined(substitute(defined, map, &memo))
        case .function(let function):
            rewritten = .function(substitute(function, map, &memo))
        case .instance(let instance):
            rewritten = .instance(ResolvedInstanceType(
                exports: instance.exports.map { NamedEntity(name: $0.name, type: substitute($0.type, map, &memo)) },
                definedResources: instance.definedResources.map { map[$0] ?? $0 }))
        case .component(let component):
            rewritten = .component(ResolvedComponentType(
                imports: component.imports.map { NamedEntity(name: $0.name, type: substitute($0.type, map, &memo)) },
                exports: component.exports.map { NamedEntity(name: $0.name, type: substitute($0.type, map, &memo)) },
                importedResources: component.importedResources.map { map[$0] ?? $0 },
                definedResources: component.definedResources.map { map[$0] ?? $0 }))
        }
        let result = rewritten == original ? id : add(rewritten)
        memo[id] = result
        if result != id, let target = aliasTargets[id] {
            aliasTargets[result] = substitute(target, map, &memo)
        }
        return result
    }

    private mutating func substitute(_ function: ResolvedFunctionType, _ map: [ResourceID: ResourceID],
                                     _ memo: inout [TypeID: TypeID]) -> ResolvedFunctionType {
        ResolvedFunctionType(
            isAsync: function.isAsync,
            parameters: function.parameters.map { ResolvedField(label: $0.label, type: substitute($0.type, map, &memo)) },
            result: function.result.map { substitute($0, map, &memo) })
    }

    private mutating func substitute(_ defined: ResolvedDefinedType, _ map: [ResourceID: ResourceID],
                                     _ memo: inout [TypeID: TypeID]) -> ResolvedDefinedType {
        func sub(_ type: ResolvedValueType) -> ResolvedValueType { substitute(type, map, &memo) }
        switch defined {
        case .primitive, .flags, .enum: return defined
        case .record(let fields): return .record(fields.map { ResolvedField(label: $0.label, type: sub($0.type)) })
        case .variant(let cases): return .variant(cases.map { ResolvedCase(label: $0.label, type: $0.type.map(sub)) })
        case .list(let element): return .list(sub(element))
        case .fixedLengthList(let element, let length): return .fixedLengthList(sub(element), length: length)
        case .tuple(let elements): return .tuple(elements.map(sub))
        case .option(let payload): return .option(sub(payload))
        case .result(let ok, let error): return .result(ok: ok.map(sub), error: error.map(sub))
        case .own(let resource): return .own(substitute(resource, map, &memo))
        case .borrow(let resource): return .borrow(substitute(resource, map, &memo))
        case .stream(let element): return .stream(element.map(sub))
        case .future(let element): return .future(element.map(sub))
        case .map(let key, let value): return .map(key: sub(key), value: sub(value))
        }
    }

    // MARK: Queries

    /// Whether a value type transitively contains a `borrow` handle.
    func containsBorrow(_ type: ResolvedValueType) -> Bool {
        anyNested(type) { if case .borrow = $0 { true } else { false } }
    }

    /// Whether a value type transitively satisfies `predicate` on some defined type.
    func anyNested(_ type: ResolvedValueType, _ predicate: (ResolvedDefinedType) -> Bool) -> Bool {
        guard case .defined(let id) = type, case .defined(let defined) = self[id] else { return false }
        if predicate(defined) { return true }
        return children(of: defined).contains { anyNested($0, predicate) }
    }

    /// The value types directly inside a defined type (handles excluded).
    func children(of defined: ResolvedDefinedType) -> [ResolvedValueType] {
        switch defined {
        case .primitive, .flags, .enum, .own, .borrow: []
        case .record(let fields): fields.map(\.type)
        case .variant(let cases): cases.compactMap(\.type)
        case .list(let element), .fixedLengthList(let element, _), .option(let element): [element]
        case .tuple(let elements): elements
        case .result(let ok, let error): [ok, error].compactMap { $0 }
        case .stream(let element), .future(let element): [element].compactMap { $0 }
        case .map(let key, let value): [key, value]
        }
    }

    /// The defined type a value type denotes, primitives included.
    func defined(_ type: ResolvedValueType) -> ResolvedDefinedType? {
        switch type {
        case .primitive(let primitive): return .primitive(primitive)
        case .defined(let id):
            if case .defined(let defined) = self[id] { return defined }
            return nil
        }
    }
}

/// How big a type is (its number of nodes, counting shared subtypes once per use) and how
/// deeply it nests: validation bounds both so that every traversal of a type is bounded.
public struct TypeInfo: Hashable, Sendable {
    public var size: UInt64
    public var depth: UInt64

    init(size: UInt64, depth: UInt64) {
        self.size = size
        self.depth = depth
    }

    /// The info of a type node whose children have the given infos.
    init(combining children: [TypeInfo]) {
        var size: UInt64 = 1
        var depth: UInt64 = 0
        for child in children {
            size = min(size + child.size, UInt64(UInt32.max))
            depth = max(depth, child.depth)
        }
        self.init(size: size, depth: depth + 1)
    }
}

/// What instantiation replaces: abstract resources by actual ones, and imported type
/// identifiers by the identifiers of the types supplied for them.
struct Substitution {
    var resources: [ResourceID: ResourceID] = [:]
    var types: [TypeID: TypeID] = [:]

    var isEmpty: Bool { resources.isEmpty && types.isEmpty }
}
