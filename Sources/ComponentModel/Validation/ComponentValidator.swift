import WasmCore

extension Component {
    /// Validates the component against the Component Model's validation rules: index spaces
    /// and bounds, type definitions and type checking of instantiations, aliases, canonical
    /// definitions, imports and exports (names, uniqueness, external visibility of types),
    /// resources. Embedded core modules are decoded and validated with WasmCore.
    ///
    /// Throws an `invalid` `ComponentError` whose offset is that of the offending item when the
    /// component was decoded from bytes (else its section's), or a `malformed` one for a
    /// malformed embedded core module. Returns the component's type.
    @discardableResult
    public func validate() throws(ComponentError) -> ValidatedComponent {
        var validator = ComponentValidator()
        let type = try validator.validateComponent(self)
        return ValidatedComponent(types: validator.arena, type: type)
    }
}

/// The result of validation: the component's import and export types, whose type
/// identifiers refer to `types`.
public struct ValidatedComponent: Sendable {
    /// Every type the validation resolved.
    public let types: TypeArena
    /// The imports and exports of the component.
    public let type: ResolvedComponentType
}

/// The validation pass: walks the sections in order, building index spaces as definitions
/// appear, with a stack of scopes for nested components, component types and instance types.
struct ComponentValidator {
    var arena = TypeArena()
    var scopes: [ValidationScope] = []
    /// Offset and name of the section being validated, for errors.
    var sectionOffset = 0
    var sectionName: String?

    var scope: ValidationScope {
        get { scopes[scopes.count - 1] }
        _modify { yield &scopes[scopes.count - 1] }
    }

    func invalid(_ message: String) -> ComponentError {
        ComponentError(.invalid, offset: sectionOffset, section: sectionName, message)
    }

    /// Rejects types whose effective size (counting shared parts once per use) exceeds the
    /// limit, which bounds every traversal of them. (Call it on an identifier computed in an
    /// earlier statement: `self` is read before the arguments of a non-mutating call.)
    func checkedSize(_ id: TypeID) throws(ComponentError) -> TypeID {
        guard arena.info(id).size <= TypeArena.maximumTypeSize else {
            throw invalid("effective type size exceeds the limit of \(TypeArena.maximumTypeSize)")
        }
        return id
    }

    /// Opens a scope for a nested component, component type or instance type. Decoded input
    /// is already bounded by the decoder's nesting limit; this also bounds components built
    /// in memory, so validation cannot exhaust the stack.
    mutating func enterScope(_ kind: ValidationScope.Kind) throws(ComponentError) {
        guard scopes.count < BinaryReader.maximumNestingDepth else {
            throw invalid("nesting too deep (more than \(BinaryReader.maximumNestingDepth) levels)")
        }
        scopes.append(ValidationScope(kind: kind))
    }

    // MARK: Components

    /// Validates a component in a new scope and returns its type.
    mutating func validateComponent(_ component: Component) throws(ComponentError) -> ResolvedComponentType {
        try enterScope(.component)
        defer { scopes.removeLast() }
        for section in component.sections {
            let (savedOffset, savedName) = (sectionOffset, sectionName)
            sectionOffset = section.sourceRange?.lowerBound ?? sectionOffset
            sectionName = ComponentSectionContent.name(ofID: section.content.id)
            try validateSection(section.content, itemOffsets: section.itemOffsets)
            (sectionOffset, sectionName) = (savedOffset, savedName)
        }
        return ResolvedComponentType(imports: scope.imports, exports: scope.exports,
                                     importedResources: scope.importedResources,
                                     definedResources: scope.definedResources)
    }

    /// Runs `body` on each item, with errors pointing at the item's offset when it is known.
    private mutating func each<T>(
        _ items: [T], _ offsets: [Int], _ body: (inout ComponentValidator, T) throws(ComponentError) -> Void
    ) throws(ComponentError) {
        let sectionStart = sectionOffset
        for (index, item) in items.enumerated() {
            if index < offsets.count { sectionOffset = offsets[index] }
            try body(&self, item)
        }
        sectionOffset = sectionStart
    }

    private mutating func validateSection(_ content: ComponentSectionContent, itemOffsets: [Int]) throws(ComponentError) {
        switch content {
        case .custom:
            break
        case .coreModule(let module):
            scope.coreModules.append(try validateCoreModule(module))
        case .coreInstances(let instances):
            try each(instances, itemOffsets) { validator, instance throws(ComponentError) in
                validator.scope.coreInstances.append(try validator.coreInstanceExports(instance))
            }
        case .coreTypes(let types):
            try each(types, itemOffsets) { validator, type throws(ComponentError) in
                validator.scope.coreTypes += try validator.resolveCoreType(type)
            }
        case .component(let nested):
            let type = try validateComponent(nested)
            let id = arena.add(.component(type))
            scope.components.append(try checkedSize(id))
        case .instances(let instances):
            try each(instances, itemOffsets) { validator, instance throws(ComponentError) in
                let id = try validator.instanceType(instance)
                validator.scope.instances.append(try validator.checkedSize(id))
            }
        case .aliases(let aliases):
            try each(aliases, itemOffsets) { validator, alias throws(ComponentError) in try validator.addAlias(alias) }
        case .types(let types):
            try each(types, itemOffsets) { validator, type throws(ComponentError) in
                validator.scope.types.append(try validator.resolveTypeDefinition(type))
            }
        case .canonicals(let functions):
            try each(functions, itemOffsets) { validator, function throws(ComponentError) in
                try validator.addCanonicalFunction(function)
            }
        case .start(let start):
            try validateStart(start)
        case .imports(let imports):
            try each(imports, itemOffsets) { validator, item throws(ComponentError) in
                try validator.addImport(name: item.name, type: item.type)
            }
        case .exports(let exports):
            try each(exports, itemOffsets) { validator, item throws(ComponentError) in try validator.addExport(item) }
        case .values:
            throw invalid("value definitions are not supported")
        }
    }

    // MARK: Core modules and instances

    private func validateCoreModule(_ embedded: CoreModule) throws(ComponentError) -> CoreModuleType {
        let module: Module
        do {
            module = try embedded.decoded()
            try module.validate()
        } catch {
            throw ComponentError(error.kind == .malformed ? .malformed : .invalid,
                                 offset: sectionOffset, section: sectionName,
                                 "core module: \(error.message) (at offset 0x\(String(error.offset, radix: 16)) of the module)")
        }
        let type = CoreModuleType(module)
        try checkUniqueImportNames(type)
        return type
    }

    /// Two-level core import names must be unique: components mangle them into one level.
    func checkUniqueImportNames(_ module: CoreModuleType) throws(ComponentError) {
        var seen: Set<[String]> = []
        for item in module.imports where !seen.insert([item.module, item.name]).inserted {
            throw invalid("duplicate import name `\(item.module):\(item.name)`")
        }
    }

    private func coreInstanceExports(_ instance: CoreInstance) throws(ComponentError) -> [String: CoreEntityType] {
        switch instance {
        case .instantiate(let moduleIndex, let arguments):
            guard Int(moduleIndex) < scope.coreModules.count else {
                throw invalid("unknown module \(moduleIndex): module index out of bounds")
            }
            let module = scope.coreModules[Int(moduleIndex)]
            var suppliers: [String: [String: CoreEntityType]] = [:]
            for argument in arguments {
                guard suppliers[argument.name] == nil else {
                    throw invalid("duplicate module instantiation argument named `\(argument.name)`")
                }
                guard Int(argument.instance) < scope.coreInstances.count else {
                    throw invalid("unknown core instance \(argument.instance): instance index out of bounds")
                }
                suppliers[argument.name] = scope.coreInstances[Int(argument.instance)]
            }
            for item in module.imports {
                guard let supplier = suppliers[item.module] else {
                    throw invalid("missing module instantiation argument named `\(item.module)`")
                }
                guard let provided = supplier[item.name] else {
                    throw invalid("module instantiation argument `\(item.module)` does not export an item named `\(item.name)`")
                }
                do { try arena.checkCoreSubtype(provided, of: item.type) } catch {
                    throw invalid("type mismatch for export `\(item.name)` of module instantiation argument `\(item.module)`: \(error.message)")
                }
            }
            return module.exports
        case .fromExports(let exports):
            var result: [String: CoreEntityType] = [:]
            for export in exports {
                guard result[export.name] == nil else {
                    throw invalid("export name `\(export.name)` already defined")
                }
                result[export.name] = try coreEntity(export.item)
            }
            return result
        }
    }

    /// The type of a core item by sort and index.
    func coreEntity(_ item: CoreSortIndex) throws(ComponentError) -> CoreEntityType {
        let index = Int(item.index)
        func bounds(_ count: Int, _ what: String) throws(ComponentError) {
            guard index < count else { throw invalid("unknown \(what) \(item.index): \(what) index out of bounds") }
        }
        switch item.sort {
        case .function:
            try bounds(scope.coreFunctions.count, "function")
            return .function(scope.coreFunctions[index])
        case .table:
            try bounds(scope.coreTables.count, "table")
            return .table(scope.coreTables[index])
        case .memory:
            try bounds(scope.coreMemories.count, "memory")
            return .memory(scope.coreMemories[index])
        case .global:
            try bounds(scope.coreGlobals.count, "global")
            return .global(scope.coreGlobals[index])
        case .tag:
            try bounds(scope.coreTags.count, "tag")
            return .tag(scope.coreTags[index])
        case .type, .module, .instance:
            throw invalid("\(item.sort) cannot be exported from a core instance")
        }
    }

    /// Adds a core item to its index space.
    mutating func pushCore(_ entity: CoreEntityType) {
        switch entity {
        case .function(let signature): scope.coreFunctions.append(signature)
        case .table(let table): scope.coreTables.append(table)
        case .memory(let memory): scope.coreMemories.append(memory)
        case .global(let global): scope.coreGlobals.append(global)
        case .tag(let signature): scope.coreTags.append(signature)
        }
    }

    // MARK: Component instances

    private mutating func instanceType(_ instance: ComponentInstance) throws(ComponentError) -> TypeID {
        switch instance {
        case .instantiate(let componentIndex, let arguments):
            guard Int(componentIndex) < scope.components.count else {
                throw invalid("unknown component \(componentIndex): component index out of bounds")
            }
            guard case .component(let component) = arena[scope.components[Int(componentIndex)]] else {
                throw invalid("index \(componentIndex) is not a component")
            }
            var provided: [String: EntityType] = [:]
            for argument in arguments {
                guard provided[argument.name] == nil else {
                    throw invalid("instantiation argument `\(argument.name)` conflicts with previous argument `\(argument.name)`")
                }
                provided[argument.name] = try entity(argument.item)
            }
            return try instantiate(component, with: provided)
        case .fromExports(let exports):
            var items: [NamedEntity] = []
            var keys: [String: String] = [:]
            var resourceNames: [TypeID: String] = [:]
            for export in exports {
                try checkExternName(export.name, kind: "export", keys: &keys)
                if case .core(let sort) = export.item.sort, sort != .module {
                    throw invalid("\(sort) not valid to be used as an instance export")
                }
                var item = try entity(export.item)
                // A bag export of a resource type names it with a new type identifier (the
                // resource stays the same); other types keep their identifier.
                if case .type(let id) = item, arena.resource(id) != nil { item = .type(arena.add(arena[id])) }
                try checkImplements(export.name, entity: item)
                if case .type(let id) = item, arena.resource(id) != nil { resourceNames[id] = export.name.name }
                try checkAnnotatedName(export.name.name, entity: item, resourceNames: resourceNames)
                items.append(NamedEntity(name: export.name.name, type: item))
            }
            return arena.add(.instance(ResolvedInstanceType(exports: items, definedResources: [])))
        }
    }

    /// Type-checks an instantiation and returns the type of the resulting instance: the
    /// component's exports with imported types replaced by the supplied ones and defined
    /// resources made fresh.
    private mutating func instantiate(_ component: ResolvedComponentType,
                                      with provided: [String: EntityType]) throws(ComponentError) -> TypeID {
        var substitution = Substitution()
        let abstract = Set(component.importedResources)
        for item in component.imports {
            guard let argument = provided[item.name] else { throw invalid("missing import named `\(item.name)`") }
            // Abstract resources are bound by the first import that introduces them.
            bindResources(expected: item.type, actual: argument, abstract: abstract, into: &substitution.resources)
            let expected = arena.substitute(item.type, substitution)
            do { try arena.checkSubtype(argument, of: expected) } catch {
                throw invalid("type mismatch in import `\(item.name)`: \(error.message)")
            }
            // Later uses of an imported type refer to the supplied type from now on.
            bindTypeIdentifiers(expected: item.type, actual: argument, into: &substitution.types)
        }
        for resource in component.definedResources { substitution.resources[resource] = arena.freshResource() }
        // Substitute all exports in one pass so that a type they share stays one type.
        let unsubstituted = arena.add(.instance(ResolvedInstanceType(exports: component.exports, definedResources: [])))
        guard case .instance(let instance) = arena.substitute(.instance(unsubstituted), substitution) else {
            return unsubstituted
        }
        return instance
    }

    /// Walks an expected import type and the supplied item side by side and binds each
    /// still-unbound abstract resource of `abstract` to the resource supplied in its place.
    private func bindResources(expected: EntityType, actual: EntityType, abstract: Set<ResourceID>,
                               into map: inout [ResourceID: ResourceID]) {
        switch (expected, actual) {
        case (.type(let expectedID), .type(let actualID)):
            guard let resource = arena.resource(expectedID), abstract.contains(resource), map[resource] == nil,
                  let supplied = arena.resource(actualID) else { return }
            map[resource] = supplied
        case (.instance(let expectedID), .instance(let actualID)):
            guard case .instance(let expectedType) = arena[expectedID],
                  case .instance(let actualType) = arena[actualID] else { return }
            for item in expectedType.exports {
                guard let suppliedItem = actualType.export(named: item.name) else { continue }
                bindResources(expected: item.type, actual: suppliedItem, abstract: abstract, into: &map)
            }
        default:
            return
        }
    }

    /// Maps the type identifiers an import declares (directly, or as exports of an imported
    /// instance) to the identifiers of the types supplied for them.
    private func bindTypeIdentifiers(expected: EntityType, actual: EntityType, into map: inout [TypeID: TypeID]) {
        switch (expected, actual) {
        case (.type(let expectedID), .type(let actualID)):
            map[expectedID] = actualID
        case (.instance(let expectedID), .instance(let actualID)):
            guard case .instance(let expectedType) = arena[expectedID],
                  case .instance(let actualType) = arena[actualID] else { return }
            for item in expectedType.exports {
                guard let suppliedItem = actualType.export(named: item.name) else { continue }
                bindTypeIdentifiers(expected: item.type, actual: suppliedItem, into: &map)
            }
        default:
            return
        }
    }

    // MARK: Index spaces

    /// The type of a component-level item by sort and index.
    func entity(_ item: SortIndex) throws(ComponentError) -> EntityType {
        let index = Int(item.index)
        func bounds(_ count: Int, _ what: String) throws(ComponentError) {
            guard index < count else { throw invalid("unknown \(what) \(item.index): \(what) index out of bounds") }
        }
        switch item.sort {
        case .function:
            try bounds(scope.functions.count, "function")
            return .function(scope.functions[index])
        case .value:
            try bounds(scope.values.count, "value")
            return .value(scope.values[index])
        case .type:
            try bounds(scope.types.count, "type")
            return .type(scope.types[index])
        case .component:
            try bounds(scope.components.count, "component")
            return .component(scope.components[index])
        case .instance:
            try bounds(scope.instances.count, "instance")
            return .instance(scope.instances[index])
        case .core(.module):
            try bounds(scope.coreModules.count, "module")
            return .coreModule(scope.coreModules[index])
        case .core(let sort):
            throw invalid("\(sort) is not a component-level item")
        }
    }

    /// Appends an item to the index space of its sort.
    mutating func push(_ entity: EntityType) {
        switch entity {
        case .coreModule(let module): scope.coreModules.append(module)
        case .function(let id): scope.functions.append(id)
        case .value(let type): scope.values.append(type)
        case .type(let id): scope.types.append(id)
        case .instance(let id): scope.instances.append(id)
        case .component(let id): scope.components.append(id)
        }
    }

    // MARK: Start

    private func validateStart(_ start: ComponentStart) throws(ComponentError) {
        guard Int(start.function) < scope.functions.count else {
            throw invalid("unknown function \(start.function): function index out of bounds")
        }
        throw invalid("start functions (value definitions) are not supported")
    }
}
