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
        try validate(reusing: ValidatedCoreModules())
    }

    /// Validates the component like `validate()`, except that embedded core modules whose
    /// bytes are in `known` (validated in full before) take their recorded type instead of
    /// being decoded and validated again.
    @discardableResult
    public func validate(reusing known: ValidatedCoreModules) throws(ComponentError) -> ValidatedComponent {
        var validator = ComponentValidator()
        validator.reusableModules = known
        let type = try validator.validateComponent(self)
        return ValidatedComponent(types: validator.arena, type: type, coreModules: validator.validatedModules)
    }
}

/// The result of validation: the component's import and export types, whose type
/// identifiers refer to `types`.
public struct ValidatedComponent: Sendable {
    /// Every type the validation resolved.
    public let types: TypeArena
    /// The imports and exports of the component.
    public let type: ResolvedComponentType
    /// The core modules the component embeds, for later validations to reuse.
    public let coreModules: ValidatedCoreModules
}

/// The validation pass: walks the sections in order, building index spaces as definitions
/// appear, with a stack of scopes for nested components, component types and instance types.
struct ComponentValidator {
    var arena = TypeArena()
    var scopes: [ValidationScope] = []
    /// Modules validated before, whose types are taken as they are.
    var reusableModules = ValidatedCoreModules()
    /// Every module of this validation, with its type.
    var validatedModules = ValidatedCoreModules()
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
            let type = try validateCoreModule(module, at: itemOffsets.first)
            scope.coreModules.append(type)
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
