/// Validation of imports and exports: extern names, strong uniqueness, resolution of
/// extern types, external visibility of types and the rules for annotated resource names.
extension ComponentValidator {
    // MARK: Names

    /// Checks an import or export name's syntax and attributes and its strong uniqueness
    /// among `keys` (uniqueness key -> first name), then records it.
    func checkExternName(_ name: ExternName, kind: String, keys: inout [String: String]) throws(ComponentError) {
        let syntax: ExternNameSyntax
        do { syntax = try ExternNameSyntax(parsing: name.name) } catch {
            throw invalid("`\(name.name)` is not a valid extern name: \(error.message)")
        }
        var seenAttributes: Set<Int> = []
        for attribute in name.attributes {
            let (code, text): (Int, String)
            switch attribute {
            case .implements(let interface):
                (code, text) = (0, "implements")
                do { _ = try InterfaceName(parsing: interface) } catch {
                    throw invalid("`\(interface)` must be an interface name: \(error.message)")
                }
            case .versionSuffix: (code, text) = (1, "versionsuffix")
            case .externalID: (code, text) = (2, "external-id")
            }
            guard seenAttributes.insert(code).inserted else { throw invalid("duplicate '\(text)' option in name") }
        }
        if kind == "export" {
            switch syntax {
            case .lockedDependency, .unlockedDependency, .url, .integrity:
                throw invalid("`\(name.name)` is not a valid export name")
            case .label, .constructor, .method, .static, .interface:
                break
            }
        }
        let key = syntax.uniquenessKey
        if let previous = keys[key] {
            throw invalid("\(kind) name `\(name.name)` conflicts with previous name `\(previous)`")
        }
        keys[key] = name.name
    }

    // MARK: Imports

    mutating func addImport(name: ExternName, type: ExternType) throws(ComponentError) {
        try checkExternName(name, kind: "import", keys: &scope.importKeys)
        var entity = try resolveExternType(type, introducesImport: true)
        let (imported, importedResources) = liftDefinedResources(of: entity)
        entity = imported
        scope.importedResources += importedResources
        try register(entity, name: name, isImport: true)
        scope.imports.append(NamedEntity(name: name.name, type: entity))
        push(entity)
    }

    /// Resolves an `externtype`; `(sub resource)` bounds introduce a fresh resource, recorded
    /// as imported or defined by the current scope.
    private mutating func resolveExternType(_ type: ExternType, introducesImport: Bool) throws(ComponentError) -> EntityType {
        switch type {
        case .coreModule(let index):
            guard Int(index) < scope.coreTypes.count else { throw invalid("unknown core type \(index): type index out of bounds") }
            guard case .module(let module) = scope.coreTypes[Int(index)] else {
                throw invalid("core type index \(index) is not a module type")
            }
            return .coreModule(module)
        case .function(let index):
            let id = try typeID(index)
            guard case .function = arena[id] else { throw invalid("type index \(index) is not a function type") }
            return .function(id)
        case .value(.equal(let index)):
            guard Int(index) < scope.values.count else { throw invalid("unknown value \(index): value index out of bounds") }
            return .value(scope.values[Int(index)])
        case .value(.type(let valueType)):
            return .value(try resolveValueType(valueType))
        case .type(.equal(let index)):
            // A new type identifier equal to the referenced type: the name imports and exports use.
            return .type(arena.addAlias(of: try typeID(index)))
        case .type(.subResource):
            let resource = arena.freshResource()
            if introducesImport {
                scope.importedResources.append(resource)
            } else {
                scope.definedResources.append(resource)
            }
            return .type(arena.add(.resource(resource)))
        case .instance(let index):
            let id = try typeID(index)
            guard case .instance = arena[id] else { throw invalid("type index \(index) is not an instance type") }
            return .instance(id)
        case .component(let index):
            let id = try typeID(index)
            guard case .component = arena[id] else { throw invalid("type index \(index) is not a component type") }
            return .component(id)
        }
    }

    /// An instance type's `(sub resource)` exports are fresh for each import or export that
    /// uses the type: this gives them new identities and returns the rewritten item with the
    /// new resources, which the enclosing scope records as imported or defined.
    private mutating func liftDefinedResources(of entity: EntityType) -> (EntityType, [ResourceID]) {
        guard case .instance(let id) = entity, case .instance(let instance) = arena[id],
              !instance.definedResources.isEmpty else { return (entity, []) }
        var resources: [ResourceID] = []
        var fresh: [ResourceID: ResourceID] = [:]
        for resource in instance.definedResources {
            let replacement = arena.freshResource()
            fresh[resource] = replacement
            resources.append(replacement)
        }
        guard case .instance(let renamed) = arena.substitute(entity, fresh),
              case .instance(var lifted) = arena[renamed] else { return (entity, []) }
        lifted.definedResources = []
        return (.instance(arena.add(.instance(lifted))), resources)
    }

    // MARK: Exports

    mutating func addExport(_ export: ComponentExport) throws(ComponentError) {
        try checkExternName(export.name, kind: "export", keys: &scope.exportKeys)
        if case .core(let sort) = export.item.sort, sort != .module {
            throw invalid("\(sort) not valid to be used as export")
        }
        let actual = try entity(export.item)
        var exported = actual
        if let ascribed = export.type {
            if case .type(.subResource) = ascribed {
                // Exporting a resource as `(sub resource)` hides its identity: it becomes a
                // fresh resource type defined by this component.
                guard case .type(let id) = actual, arena.resource(id) != nil else {
                    throw invalid("ascribed type of export is not compatible with item's type: expected resource")
                }
                let hidden = arena.freshResource()
                scope.definedResources.append(hidden)
                exported = .type(arena.add(.resource(hidden)))
            } else {
                exported = try resolveExternType(ascribed, introducesImport: false)
                do { try arena.checkSubtype(actual, of: exported) } catch {
                    throw invalid("ascribed type of export is not compatible with item's type: \(error.message)")
                }
            }
        }
        if case .type(let id) = exported { exported = .type(arena.addAlias(of: id)) }
        try register(exported, name: export.name, isImport: false)
        scope.exports.append(NamedEntity(name: export.name.name, type: exported))
        push(exported)
    }

    /// An `exportdecl` of a component or instance type.
    mutating func addExportDeclaration(name: ExternName, type: ExternType) throws(ComponentError) {
        try checkExternName(name, kind: "export", keys: &scope.exportKeys)
        let (entity, definedResources) = liftDefinedResources(of: try resolveExternType(type, introducesImport: false))
        scope.definedResources += definedResources
        try register(entity, name: name, isImport: false)
        scope.exports.append(NamedEntity(name: name.name, type: entity))
        push(entity)
    }

    // MARK: External visibility

    /// Checks that an import's or export's type refers only to named types (Explainer.md
    /// "External visibility of types"), records the types it names, and checks annotated names
    /// and the `implements` attribute.
    private mutating func register(_ entity: EntityType, name: ExternName, isImport: Bool) throws(ComponentError) {
        try checkImplements(name, entity: entity)
        if case .type(let id) = entity, arena.resource(id) != nil {
            if isImport {
                scope.importedResourceNames[id] = name.name
            } else {
                scope.exportedResourceNames[id] = name.name
            }
        }
        try checkAnnotatedName(name.name, entity: entity,
                               resourceNames: isImport ? scope.importedResourceNames : scope.exportedResourceNames)
        guard scope.kind != .instanceType else { return }
        guard registerNamedTypes(entity, isImport: isImport) else {
            throw invalid("\(entity.sort) not valid to be used as \(isImport ? "import" : "export")")
        }
    }

    /// `implements` may only be attached to instances with plain names.
    func checkImplements(_ name: ExternName, entity: EntityType) throws(ComponentError) {
        guard name.implements != nil else { return }
        guard case .instance = entity else { throw invalid("only instances can have an `implements` attribute") }
        guard case .label? = try? ExternNameSyntax(parsing: name.name) else {
            throw invalid("name `\(name.name)` is not valid with `implements`")
        }
    }

    private mutating func registerNamedTypes(_ entity: EntityType, isImport: Bool) -> Bool {
        let named = isImport ? scope.importedTypes : scope.exportedTypes
        switch entity {
        case .type(let id):
            guard allValueTypesNamed(in: id, named) else { return false }
            if isImport { scope.importedTypes.insert(id) }
            scope.exportedTypes.insert(id)
            return true
        case .instance(let id):
            guard case .instance(let instance) = arena[id] else { return true }
            return instance.exports.allSatisfy { registerNamedTypes($0.type, isImport: isImport) }
        case .function(let id):
            return functionTypesNamed(id, named)
        case .value(let type):
            return isNamed(type, named)
        case .component, .coreModule:
            return true
        }
    }

    private func allValueTypesNamed(in id: TypeID, _ named: Set<TypeID>) -> Bool {
        switch arena[id] {
        case .resource, .component: return true
        case .defined(let defined): return definedTypeNamed(defined, named)
        case .function: return functionTypesNamed(id, named)
        case .instance(let instance):
            return instance.exports.allSatisfy { item in
                switch item.type {
                case .function(let function): functionTypesNamed(function, named)
                case .type(let type): allValueTypesNamed(in: type, named)
                case .value(let value): isNamed(value, named)
                case .instance(let nested): allValueTypesNamed(in: nested, named)
                case .component, .coreModule: true
                }
            }
        }
    }

    private func functionTypesNamed(_ id: TypeID, _ named: Set<TypeID>) -> Bool {
        guard case .function(let function) = arena[id] else { return true }
        return function.parameters.allSatisfy { isNamed($0.type, named) } && function.result.map { isNamed($0, named) } ?? true
    }

    private func definedTypeNamed(_ defined: ResolvedDefinedType, _ named: Set<TypeID>) -> Bool {
        switch defined {
        case .own(let resource), .borrow(let resource): named.contains(resource)
        default: arena.children(of: defined).allSatisfy { isNamed($0, named) }
        }
    }

    /// Whether a value type used in an import or export is named: records, variants, enums and
    /// flags must themselves be named; other structural types must have named components.
    private func isNamed(_ type: ResolvedValueType, _ named: Set<TypeID>) -> Bool {
        guard case .defined(let id) = type, case .defined(let defined) = arena[id] else { return true }
        switch defined {
        case .primitive: return true
        case .record, .variant, .enum, .flags: return named.contains(id)
        default: return definedTypeNamed(defined, named)
        }
    }

    // MARK: Annotated names

    /// `[constructor]R`, `[method]R.f` and `[static]R.f` must name functions of a resource
    /// `R` imported or exported earlier in the same scope (`resourceNames`), with the signature
    /// the annotation implies.
    func checkAnnotatedName(_ name: String, entity: EntityType, resourceNames: [TypeID: String]) throws(ComponentError) {
        guard let syntax = try? ExternNameSyntax(parsing: name) else { return }
        let expectedResource: String
        switch syntax {
        case .constructor(let resource), .method(let resource, _), .static(let resource, _): expectedResource = resource
        case .label, .interface, .lockedDependency, .unlockedDependency, .url, .integrity: return
        }
        guard case .function(let functionID) = entity, case .function(let function) = arena[functionID] else {
            throw invalid("`\(name)` is not a func")
        }
        /// The resource type a handle of the given kind refers to.
        func handle(_ type: ResolvedValueType?, own: Bool) -> TypeID? {
            guard let type, case .defined(let id) = type, case .defined(let defined) = arena[id] else { return nil }
            switch defined {
            case .own(let resource) where own: return resource
            case .borrow(let resource) where !own: return resource
            default: return nil
            }
        }
        let resource: TypeID
        switch syntax {
        case .constructor:
            guard !function.isAsync else { throw invalid("constructor function cannot be async") }
            guard var result = function.result else { throw invalid("function should return one value") }
            if case .defined(let id) = result, case .defined(.result(let ok?, _)) = arena[id] { result = ok }
            guard let owned = handle(result, own: true) else {
                throw invalid("function should return `(own $T)` or `(result (own $T))`")
            }
            resource = owned
        case .method:
            guard let first = function.parameters.first else { throw invalid("method should have at least one argument") }
            guard first.label == "self" else { throw invalid("method should have a first argument called `self`") }
            guard let borrowed = handle(first.type, own: false) else {
                throw invalid("method should take a first argument of `(borrow $T)`")
            }
            resource = borrowed
        default:
            guard resourceNames.values.contains(expectedResource) else {
                throw invalid("static resource name is not known in this context")
            }
            return
        }
        guard let actualName = resourceNames[resource] else {
            throw invalid("resource used in function does not have a name in this context")
        }
        guard actualName == expectedResource else {
            throw invalid("function does not match expected resource name `\(actualName)`")
        }
    }
}
