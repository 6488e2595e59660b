import ComponentModel

/// Writes resolved types (`TypeArena` entries) back as binary type definitions, so that a
/// composed component can declare the imports it passes through.
///
/// Defined value types are written structurally where they are used; a type exported by an
/// instance type is written once and referred to by its export afterwards (uses must refer to
/// named types). Resources are the delicate part: a resource an instance type defines (or
/// exports without any enclosing scope knowing it) becomes `(export "r" (type (sub resource)))`; a resource defined elsewhere is reached with an outer
/// alias to the enclosing component, where it is an alias of the export of an imported
/// instance or an imported type (`registerResource`).
struct ResolvedTypeEncoder {
    /// The arena the encoded types live in.
    var arena: TypeArena

    /// One type declaration scope (an instance type being written).
    private struct Scope {
        var declarations: [TypeDeclaration] = []
        var typeCount: UInt32 = 0
        var typeIndices: [TypeID: UInt32] = [:]
        var resourceIndices: [ResourceID: UInt32] = [:]
        /// Instances a component type imports or exports so far.
        var instanceCount: UInt32 = 0
        /// Where the scope (a component type) can alias a resource from: one of its instances.
        var resourceSources: [ResourceID: (instance: UInt32, name: String)] = [:]
    }

    /// Type indices of the component level (scope 0), which lives in the builder.
    private var componentTypeIndices: [TypeID: UInt32] = [:]
    private var componentResourceIndices: [ResourceID: UInt32] = [:]
    /// Where the component level can alias a resource from: an instance export.
    private var resourceSources: [ResourceID: (instance: UInt32, name: String)] = [:]
    /// Where the component level can alias a defined type from: an instance's type export.
    private var typeSources: [TypeID: (instance: UInt32, name: String)] = [:]
    /// Nested scopes; empty while writing at the component level.
    private var scopes: [Scope] = []

    init(arena: TypeArena) { self.arena = arena }

    // MARK: Imports

    /// Declares an import `name` of type `entity` in `builder`, with the type definitions it needs.
    mutating func addImport(name: String, type entity: EntityType, to builder: inout ComponentBuilder) throws(ComposeError) {
        switch entity {
        case .instance(let id):
            let typeIndex = try encodeInstanceType(id, &builder)
            let instance = builder.addImport(ComponentImport(name: ExternName(name), type: .instance(typeIndex: typeIndex)))
            registerInstanceExports(id, instance: instance)
        case .function(let id):
            let typeIndex = try encodeFunctionType(id, &builder)
            _ = builder.addImport(ComponentImport(name: ExternName(name), type: .function(typeIndex: typeIndex)))
        case .type(let id):
            if let resource = arena.resourceOf(id) {
                // A resource known from an earlier import (a world `use` of an interface's
                // resource) is imported as equal to it; a new one is abstract.
                let bound: TypeBound = if componentResourceIndices[resource] != nil || resourceSources[resource] != nil {
                    .equal(try resourceIndex(resource, depth: 0, &builder))
                } else {
                    .subResource
                }
                let index = builder.addImport(ComponentImport(name: ExternName(name), type: .type(bound)))
                componentResourceIndices[resource] = index
                componentTypeIndices[id] = index
            } else {
                let bound = try encodeTypeDefinition(id, &builder)
                let index = builder.addImport(ComponentImport(name: ExternName(name), type: .type(.equal(bound))))
                componentTypeIndices[id] = index
            }
        case .coreModule(let module):
            let typeIndex = builder.addCoreType(try Self.moduleType(module, importName: name))
            _ = builder.addImport(ComponentImport(name: ExternName(name), type: .coreModule(typeIndex: typeIndex)))
        case .component(let id):
            let typeIndex = try encodeComponentType(id, &builder)
            _ = builder.addImport(ComponentImport(name: ExternName(name), type: .component(typeIndex: typeIndex)))
        case .value:
            throw ComposeError.unsupported("the import `\(name)` is a value, which cannot be passed through")
        }
    }

    /// A type ascription for an export of a function or an instance of type `entity`, written
    /// with the component's current names for the resources it mentions (nil for other sorts).
    mutating func ascription(for entity: EntityType, _ builder: inout ComponentBuilder) throws(ComposeError) -> ExternType? {
        switch entity {
        case .function(let id): .function(typeIndex: try encodeFunctionType(id, &builder))
        case .instance(let id): .instance(typeIndex: try encodeInstanceType(id, &builder))
        case .coreModule, .value, .type, .component: nil
        }
    }

    /// The core module type declaring `module`'s imports and exports (exports by name), each
    /// function signature declared once.
    static func moduleType(_ module: CoreModuleType, importName: String) throws(ComposeError) -> CoreType {
        var declarations: [ModuleTypeDeclaration] = []
        var signatures: [CoreFunctionSignature: UInt32] = [:]
        func typeIndex(_ signature: CoreFunctionSignature) throws(ComposeError) -> UInt32 {
            if let index = signatures[signature] { return index }
            for value in signature.parameters + signature.results {
                if case .reference(let reference) = value, case .concrete = reference.heapType {
                    throw ComposeError.unsupported("the core module import `\(importName)` uses concrete reference types, which cannot be passed through")
                }
            }
            let index = UInt32(signatures.count)
            signatures[signature] = index
            declarations.append(.type([CoreSubType(composite: .function(parameters: signature.parameters, results: signature.results))],
                                      isExplicitGroup: false))
            return index
        }
        func externType(_ entity: CoreEntityType) throws(ComposeError) -> CoreExternType {
            switch entity {
            case .function(let signature): .function(typeIndex: try typeIndex(signature))
            case .tag(let signature): .tag(typeIndex: try typeIndex(signature))
            case .table(let table): .table(table)
            case .memory(let limits): .memory(limits)
            case .global(let global): .global(global)
            }
        }
        var items: [ModuleTypeDeclaration] = []
        for item in module.imports {
            items.append(.import(module: item.module, name: item.name, type: try externType(item.type)))
        }
        for name in module.exports.keys.sorted() {
            items.append(.export(name: name, type: try externType(module.exports[name]!)))
        }
        return .module(declarations + items)
    }

    /// Records that the resources and types an imported instance exports can be aliased from it.
    mutating func registerInstanceExports(_ id: TypeID, instance: UInt32) {
        guard case .instance(let type) = arena[id] else { return }
        for export in type.exports {
            guard case .type(let typeID) = export.type else { continue }
            if let resource = arena.resourceOf(typeID) {
                if resourceSources[resource] == nil { resourceSources[resource] = (instance, export.name) }
            } else if typeSources[typeID] == nil {
                typeSources[typeID] = (instance, export.name)
            }
        }
    }

    /// The instance export a defined type can be aliased from at the component level: the
    /// type itself, or the one it was made equal to, exported by an imported instance.
    private func typeSource(of id: TypeID) -> (instance: UInt32, name: String)? {
        var current: TypeID? = id
        while let type = current {
            if let source = typeSources[type] { return source }
            current = arena.aliasTarget(of: type)
        }
        return nil
    }

    /// Records that the resources an instance the current (component type) scope imports or
    /// exports can be aliased from it, unless the scope already has them.
    private mutating func registerScopeInstanceResources(_ id: TypeID) {
        guard case .instance(let type) = arena[id] else { return }
        let instance = scopes[scopes.count - 1].instanceCount
        scopes[scopes.count - 1].instanceCount += 1
        for export in type.exports {
            if case .type(let typeID) = export.type, let resource = arena.resourceOf(typeID),
               scopes[scopes.count - 1].resourceIndices[resource] == nil, scopes[scopes.count - 1].resourceSources[resource] == nil {
                scopes[scopes.count - 1].resourceSources[resource] = (instance, export.name)
            }
        }
    }

    /// Makes later uses of type `id` at the component level refer to type index `index` (an
    /// imported or exported name for it), and uses of the types it was made equal to that
    /// have no name yet.
    mutating func bind(_ id: TypeID, to index: UInt32) {
        componentTypeIndices[id] = index
        var target = arena.aliasTarget(of: id)
        while let type = target, componentTypeIndices[type] == nil {
            componentTypeIndices[type] = index
            target = arena.aliasTarget(of: type)
        }
    }

    /// Forgets which component-level type indices stand for which types, so that later
    /// definitions refer only to types bound afterwards (e.g. exported rather than imported names).
    mutating func forgetComponentTypes() {
        componentTypeIndices = [:]
        componentResourceIndices = [:]
    }

    /// Makes later uses of `resource` at the component level refer to type index `index`.
    mutating func bind(resource: ResourceID, to index: UInt32) {
        componentResourceIndices[resource] = index
    }

    // MARK: Definitions

    /// Appends a declaration to the innermost scope (or the component) and returns the type
    /// index it defines, if it defines one.
    private mutating func declareType(_ definition: ComponentTypeDefinition, _ builder: inout ComponentBuilder) -> UInt32 {
        if scopes.isEmpty { return builder.addType(definition) }
        scopes[scopes.count - 1].declarations.append(.type(definition))
        return nextLocalType()
    }

    private mutating func nextLocalType() -> UInt32 {
        let index = scopes[scopes.count - 1].typeCount
        scopes[scopes.count - 1].typeCount += 1
        return index
    }

    private func cachedType(_ id: TypeID) -> UInt32? {
        scopes.isEmpty ? componentTypeIndices[id] : scopes[scopes.count - 1].typeIndices[id]
    }

    private mutating func cache(_ id: TypeID, _ index: UInt32) {
        if scopes.isEmpty { componentTypeIndices[id] = index } else { scopes[scopes.count - 1].typeIndices[id] = index }
    }

    /// Caches the name `index` for type `id` and for the types it was made equal to that the
    /// current scope has no index for (so that their uses refer to the name).
    private mutating func cacheNamed(_ id: TypeID, _ index: UInt32) {
        cache(id, index)
        var target = arena.aliasTarget(of: id)
        while let type = target, cachedType(type) == nil {
            cache(type, index)
            target = arena.aliasTarget(of: type)
        }
    }

    /// The index of the type `id` in the current scope, writing it if needed.
    mutating func encodeTypeDefinition(_ id: TypeID, _ builder: inout ComponentBuilder) throws(ComposeError) -> UInt32 {
        if let cached = cachedType(id) { return cached }
        if case .defined = arena[id], let shared = sharedTypeIndex(id, depth: scopes.count, &builder) { return shared }
        switch arena[id] {
        case .defined(let defined):
            let index = declareType(.defined(try encodeDefined(defined, &builder)), &builder)
            cache(id, index)
            return index
        case .function:
            return try encodeFunctionType(id, &builder)
        case .instance:
            return try encodeInstanceType(id, &builder)
        case .resource(let resource):
            return try resourceIndex(resource, depth: scopes.count, &builder)
        case .component:
            return try encodeComponentType(id, &builder)
        }
    }

    /// The value type `type` as written in the current scope, writing the definitions it needs.
    mutating func encodeValueType(_ type: ResolvedValueType, _ builder: inout ComponentBuilder) throws(ComposeError) -> ValueType {
        switch type {
        case .primitive(let primitive):
            return .primitive(primitive)
        case .defined(let id):
            if case .defined(.primitive(let primitive)) = arena[id], cachedType(id) == nil { return .primitive(primitive) }
            return .index(try encodeTypeDefinition(id, &builder))
        }
    }

    private mutating func encodeDefined(_ defined: ResolvedDefinedType, _ builder: inout ComponentBuilder) throws(ComposeError) -> DefinedValueType {
        func value(_ type: ResolvedValueType) throws(ComposeError) -> ValueType { try encodeValueType(type, &builder) }
        func optional(_ type: ResolvedValueType?) throws(ComposeError) -> ValueType? {
            guard let type else { return nil }
            return try value(type)
        }
        switch defined {
        case .primitive(let primitive): return .primitive(primitive)
        case .record(let fields):
            var encoded: [LabeledValueType] = []
            for field in fields { encoded.append(LabeledValueType(label: field.label, type: try value(field.type))) }
            return .record(encoded)
        case .variant(let cases):
            var encoded: [VariantCase] = []
            for item in cases { encoded.append(VariantCase(label: item.label, type: try optional(item.type))) }
            return .variant(encoded)
        case .list(let element): return .list(try value(element))
        case .fixedLengthList(let element, let length): return .fixedLengthList(try value(element), length: length)
        case .tuple(let elements):
            var encoded: [ValueType] = []
            for element in elements { encoded.append(try value(element)) }
            return .tuple(encoded)
        case .flags(let names): return .flags(names)
        case .enum(let names): return .enum(names)
        case .option(let payload): return .option(try value(payload))
        case .result(let ok, let error): return .result(ok: try optional(ok), error: try optional(error))
        case .own(let id): return .own(try handleTarget(id, &builder))
        case .borrow(let id): return .borrow(try handleTarget(id, &builder))
        case .stream(let element): return .stream(try optional(element))
        case .future(let element): return .future(try optional(element))
        case .map(let key, let value): return .map(key: try encodeValueType(key, &builder), value: try encodeValueType(value, &builder))
        }
    }

    private mutating func handleTarget(_ id: TypeID, _ builder: inout ComponentBuilder) throws(ComposeError) -> UInt32 {
        guard let resource = arena.resourceOf(id) else {
            throw ComposeError.unsupported("a handle refers to a type that is not a resource")
        }
        return try resourceIndex(resource, depth: scopes.count, &builder)
    }

    /// The index of `resource` at scope depth `depth` (0 is the component), aliasing it from the
    /// enclosing scope when the scope does not know it yet.
    private mutating func resourceIndex(_ resource: ResourceID, depth: Int, _ builder: inout ComponentBuilder) throws(ComposeError) -> UInt32 {
        if depth == 0 {
            if let index = componentResourceIndices[resource] { return index }
            guard let source = resourceSources[resource] else {
                throw ComposeError.unsupported("an import refers to a resource that is not imported by the composition (it is defined by one of the composed components)")
            }
            let index = builder.addAlias(.instanceExport(sort: .type, instance: source.instance, name: source.name))
            componentResourceIndices[resource] = index
            return index
        }
        if let index = scopes[depth - 1].resourceIndices[resource] { return index }
        if let source = scopes[depth - 1].resourceSources[resource] {
            scopes[depth - 1].declarations.append(.alias(.instanceExport(sort: .type, instance: source.instance, name: source.name)))
        } else {
            let outer = try resourceIndex(resource, depth: depth - 1, &builder)
            scopes[depth - 1].declarations.append(.alias(.outer(sort: .type, count: 1, index: outer)))
        }
        let index = scopes[depth - 1].typeCount
        scopes[depth - 1].typeCount += 1
        scopes[depth - 1].resourceIndices[resource] = index
        return index
    }

    /// The index at scope depth `depth` of defined type `id` when an imported instance exports
    /// it (or the type it was made equal to): an alias of that export at the component level,
    /// outer aliases of it in nested scopes (named types must be referred to by name); nil
    /// when no imported instance exports it.
    private mutating func sharedTypeIndex(_ id: TypeID, depth: Int, _ builder: inout ComponentBuilder) -> UInt32? {
        if depth == 0 {
            if let index = componentTypeIndices[id] { return index }
            guard let source = typeSource(of: id) else { return nil }
            let index = builder.addAlias(.instanceExport(sort: .type, instance: source.instance, name: source.name))
            componentTypeIndices[id] = index
            return index
        }
        if let index = scopes[depth - 1].typeIndices[id] { return index }
        guard let outer = sharedTypeIndex(id, depth: depth - 1, &builder) else { return nil }
        scopes[depth - 1].declarations.append(.alias(.outer(sort: .type, count: 1, index: outer)))
        let index = scopes[depth - 1].typeCount
        scopes[depth - 1].typeCount += 1
        scopes[depth - 1].typeIndices[id] = index
        return index
    }

    /// Whether an enclosing scope or the component level already knows `resource`. A resource
    /// an instance type exports that nothing outside knows is introduced by that type: in an
    /// import it is abstract, `(sub resource)`.
    private func isReachable(_ resource: ResourceID) -> Bool {
        componentResourceIndices[resource] != nil || resourceSources[resource] != nil
            || scopes.dropLast().contains { $0.resourceIndices[resource] != nil || $0.resourceSources[resource] != nil }
    }

    mutating func encodeFunctionType(_ id: TypeID, _ builder: inout ComponentBuilder) throws(ComposeError) -> UInt32 {
        if let cached = cachedType(id) { return cached }
        guard case .function(let function) = arena[id] else {
            throw ComposeError.unsupported("expected a function type")
        }
        var parameters: [LabeledValueType] = []
        for parameter in function.parameters {
            parameters.append(LabeledValueType(label: parameter.label, type: try encodeValueType(parameter.type, &builder)))
        }
        var result: ValueType?
        if let type = function.result { result = try encodeValueType(type, &builder) }
        let index = declareType(.function(ComponentFunctionType(isAsync: function.isAsync, parameters: parameters, result: result)), &builder)
        cache(id, index)
        return index
    }

    private mutating func encodeInstanceType(_ id: TypeID, _ builder: inout ComponentBuilder) throws(ComposeError) -> UInt32 {
        guard case .instance(let instance) = arena[id] else {
            throw ComposeError.unsupported("expected an instance type")
        }
        scopes.append(Scope())
        let defined = Set(instance.definedResources)
        for export in instance.exports {
            try declare(export, isImport: false, definedResources: defined, &builder)
        }
        let scope = scopes.removeLast()
        return declareType(.instance(scope.declarations), &builder)
    }

    /// A component type (of a component passed through an import, or exported by an instance
    /// that is): its imports and exports. The resources its imports introduce and its exports
    /// define are `(sub resource)` where they first appear; later uses alias them from the
    /// instance that introduced them, or refer to the type import or export.
    private mutating func encodeComponentType(_ id: TypeID, _ builder: inout ComponentBuilder) throws(ComposeError) -> UInt32 {
        guard case .component(let component) = arena[id] else {
            throw ComposeError.unsupported("expected a component type")
        }
        scopes.append(Scope())
        let introduced = Set(component.importedResources + component.definedResources)
        for item in component.imports { try declare(item, isImport: true, definedResources: introduced, &builder) }
        for item in component.exports { try declare(item, isImport: false, definedResources: introduced, &builder) }
        let scope = scopes.removeLast()
        return declareType(.component(scope.declarations), &builder)
    }

    /// Declares an import or export of the instance or component type being written; a
    /// resource in `definedResources`, or one nothing outside knows, becomes `(sub resource)`.
    private mutating func declare(_ item: NamedEntity, isImport: Bool, definedResources: Set<ResourceID>,
                                  _ builder: inout ComponentBuilder) throws(ComposeError) {
        let name = ExternName(item.name)
        func add(_ type: ExternType) {
            scopes[scopes.count - 1].declarations.append(isImport ? .import(name: name, type: type) : .export(name: name, type: type))
        }
        switch item.type {
        case .type(let typeID):
            if let resource = arena.resourceOf(typeID), definedResources.contains(resource) || !isReachable(resource),
               scopes[scopes.count - 1].resourceIndices[resource] == nil {
                add(.type(.subResource))
                let index = nextLocalType()
                scopes[scopes.count - 1].resourceIndices[resource] = index
                cache(typeID, index)
            } else {
                add(.type(.equal(try encodeTypeDefinition(typeID, &builder))))
                let index = nextLocalType()
                cacheNamed(typeID, index)
                // A second name for a resource (`type trailers = fields`) does not rename it:
                // functions of the resource keep referring to its first name.
                if let resource = arena.resourceOf(typeID), scopes[scopes.count - 1].resourceIndices[resource] == nil {
                    scopes[scopes.count - 1].resourceIndices[resource] = index
                }
            }
        case .function(let functionID):
            add(.function(typeIndex: try encodeFunctionType(functionID, &builder)))
        case .instance(let nestedID):
            add(.instance(typeIndex: try encodeInstanceType(nestedID, &builder)))
            registerScopeInstanceResources(nestedID)
        case .component(let nestedID):
            add(.component(typeIndex: try encodeComponentType(nestedID, &builder)))
        case .coreModule, .value:
            throw ComposeError.unsupported("`\(item.name)` is a \(item.type.sort), which cannot be passed through inside an instance or component type")
        }
    }
}

extension TypeArena {
    /// The resource a type identifier denotes, if it is a resource type.
    func resourceOf(_ id: TypeID) -> ResourceID? {
        if case .resource(let resource) = self[id] { return resource }
        return nil
    }
}
