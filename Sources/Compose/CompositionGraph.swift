import ComponentModel

/// A named import or export with its type in a `CompositionGraph`'s arena.
public struct NamedItem: Hashable, Sendable {
    /// The import or export name.
    public var name: String
    /// Its type; identifiers refer to the graph's arena.
    public var type: EntityType
    /// Creates an item `name` of `type`.
    public init(name: String, type: EntityType) {
        self.name = name
        self.type = type
    }
}

/// A composition: which components are embedded, how they are instantiated and with what, and
/// what the result imports and exports. Plug composition and composition files both build one;
/// `CompositionEncoder` turns it into a component.
///
/// Types are checked as items are connected, in a single arena into which every instance gets
/// its own copy of its component's type (two instances of one component define distinct
/// resources). Connecting an argument maps the resources the component imports to the ones
/// supplied, so later arguments and the instance's exports see the actual resources, as in
/// instantiation.
public struct CompositionGraph: Sendable {
    /// Where an item comes from.
    public enum Source: Hashable, Sendable {
        /// An import of the composed component, by index into `imports`.
        case `import`(Int)
        /// The export `name` of instance `instance` (index into `instances`).
        case export(instance: Int, name: String)
    }

    /// An instance of one of the components.
    public struct Instance: Sendable {
        /// Index into `components`.
        public var component: Int
        /// The argument for each import, in the component's import order.
        public var arguments: [(name: String, source: Source)]
        /// The types of the instance's exports, with resources as supplied.
        public var exports: [NamedItem]
    }

    /// The arena every type of the graph lives in.
    public private(set) var arena = TypeArena()
    /// The embedded components.
    public private(set) var components: [InputComponent] = []
    /// The instances, in instantiation order (each refers only to earlier ones).
    public private(set) var instances: [Instance] = []
    /// The composed component's imports.
    public private(set) var imports: [NamedItem] = []
    /// The composed component's exports.
    public private(set) var exports: [(name: String, source: Source)] = []

    /// Creates an empty graph.
    public init() {}

    /// Adds a component that instances can be made of; returns its index.
    public mutating func addComponent(_ component: InputComponent) -> Int {
        components.append(component)
        return components.count - 1
    }

    /// The type of the item `source` denotes.
    public func type(of source: Source) -> EntityType? {
        switch source {
        case .import(let index): imports[index].type
        case .export(let instance, let name): instances[instance].exports.first { $0.name == name }?.type
        }
    }

    /// A readable name for a source, for messages.
    public func describe(_ source: Source) -> String {
        switch source {
        case .import(let index): "import `\(imports[index].name)`"
        case .export(let instance, let name): "`\(name)` of \(components[instances[instance].component].name)"
        }
    }

    /// A fresh copy of component `index`'s type in the graph's arena.
    mutating func freshType(of index: Int) -> (imports: [NamedItem], exports: [NamedItem], importedResources: [ResourceID]) {
        let input = components[index]
        var resources: [ResourceID: ResourceID] = [:]
        let imports = input.imports.map {
            NamedItem(name: $0.name, type: arena.adopt($0.type, from: input.validated.types, resources: &resources))
        }
        let exports = input.exports.map {
            NamedItem(name: $0.name, type: arena.adopt($0.type, from: input.validated.types, resources: &resources))
        }
        return (imports, exports, input.validated.type.importedResources.compactMap { resources[$0] })
    }

    /// Instantiates component `component`, taking each import's argument from `argument`
    /// (called in import order with the import's expected type); returns the instance index.
    /// An argument whose type is not a subtype of the import's type is a `typeMismatch`.
    public mutating func instantiate(
        _ component: Int,
        argument: (_ importName: String, _ expected: EntityType, _ graph: inout CompositionGraph) throws(ComposeError) -> Source
    ) throws(ComposeError) -> Int {
        let type = freshType(of: component)
        var substitution: [ResourceID: ResourceID] = [:]
        let importedResources = Set(type.importedResources)
        var arguments: [(name: String, source: Source)] = []
        for item in type.imports {
            let source = try argument(item.name, arena.substituting(item.type, resources: substitution), &self)
            guard var actual = self.type(of: source) else {
                throw ComposeError.configuration(location: nil, message: "\(describe(source)) does not exist")
            }
            correspond(expected: item.type, actual: actual, imported: importedResources, into: &substitution)
            let expected = arena.substituting(item.type, resources: substitution)
            if case .import(let index) = source, arena.mismatch(actual, of: expected) != nil {
                actual = try widenImport(index, toAlsoProvide: expected)
            }
            if let difference = arena.mismatch(actual, of: expected) {
                let exportName: String
                if case .export(_, let name) = source { exportName = name } else { exportName = item.name }
                throw ComposeError.typeMismatch(consumer: components[component].name, importName: item.name,
                                                provider: providerName(source), exportName: exportName,
                                                difference: difference)
            }
            arguments.append((item.name, source))
        }
        let exports = type.exports.map {
            NamedItem(name: $0.name, type: arena.substituting($0.type, resources: substitution))
        }
        instances.append(Instance(component: component, arguments: arguments, exports: exports))
        return instances.count - 1
    }

    private func providerName(_ source: Source) -> String {
        switch source {
        case .import(let index): "the composition's import `\(imports[index].name)`"
        case .export(let instance, _): components[instances[instance].component].name
        }
    }

    /// Adds an import of the composed component, or finds the existing one of the same name or
    /// of a semver-compatible version of the same interface (a component cannot import both;
    /// `instantiate` then checks that its type suits this consumer too); returns its source.
    public mutating func addImport(name: String, type: EntityType) throws(ComposeError) -> Source {
        if let index = imports.firstIndex(where: { $0.name == name }) {
            return .import(index)
        }
        if let index = imports.firstIndex(where: {
            InterfaceVersionMatch.rank(import: name, export: $0.name) != nil
                || InterfaceVersionMatch.rank(import: $0.name, export: name) != nil
        }) {
            return .import(index)
        }
        try checkImportable(name: name, type: type)
        imports.append(NamedItem(name: name, type: type))
        return .import(imports.count - 1)
    }

    /// Widens open import `index`, an instance shared by several consumers, so that it also
    /// exports what `expected` (another consumer's view, its shared resources already renamed to
    /// the import's) has and it lacks; returns its type, unchanged when it is not an instance.
    /// Resources the additions introduce become resources of the import.
    private mutating func widenImport(_ index: Int, toAlsoProvide expected: EntityType) throws(ComposeError) -> EntityType {
        guard case .instance(let current) = imports[index].type, case .instance(let wanted) = expected,
              let merged = arena.mergingInstances(current, wanted), merged != current else { return imports[index].type }
        try checkImportable(name: imports[index].name, type: expected)
        imports[index].type = .instance(merged)
        return imports[index].type
    }

    /// A component's imports can only name resources it imports: an open import whose type
    /// names a resource an instance of the composition defines (a plug's export) cannot be
    /// expressed.
    private func checkImportable(name: String, type: EntityType) throws(ComposeError) {
        let importable = imports.reduce(into: Set<ResourceID>()) { $0.formUnion(arena.resources(in: $1.type)) }
        let named = arena.resources(in: type).subtracting(importable)
        if let (export, component) = provider(ofAny: named) {
            throw ComposeError.unsupported(
                "import `\(name)` stays open, but its type names a resource defined inside the composition by "
                    + "`\(export)` of \(component); an import can only name imported "
                    + "resources, so plug `\(name)` too or leave `\(export)` unplugged")
        }
    }

    /// The instance export (and its component's name) through which a composed instance
    /// provides one of `resources`, if any.
    private func provider(ofAny resources: Set<ResourceID>) -> (export: String, component: String)? {
        guard !resources.isEmpty else { return nil }
        for instance in instances {
            for export in instance.exports where !resources.isDisjoint(with: arena.resourcesNamed(by: export.type)) {
                return (export.name, components[instance.component].name)
            }
        }
        return nil
    }

    /// Adds an export of the composed component.
    public mutating func addExport(name: String, source: Source) throws(ComposeError) {
        guard !exports.contains(where: { $0.name == name }) else {
            throw ComposeError.conflictingNames(name: name, reason: "it is exported twice")
        }
        guard let type = type(of: source) else {
            throw ComposeError.configuration(location: nil, message: "\(describe(source)) does not exist")
        }
        try checkExportable(name: name, type: type)
        exports.append((name, source))
    }

    /// A component's exports can only name resources it imports or exports (itself or in an
    /// earlier export): an export whose type names a resource an instance of the composition
    /// defines, which is not exported, cannot be expressed.
    private func checkExportable(name: String, type: EntityType) throws(ComposeError) {
        var nameable = imports.reduce(into: arena.resourcesNamed(by: type)) { $0.formUnion(arena.resources(in: $1.type)) }
        for export in exports {
            if let exported = self.type(of: export.source) { nameable.formUnion(arena.resourcesNamed(by: exported)) }
        }
        if let (export, component) = provider(ofAny: arena.resources(in: type).subtracting(nameable)) {
            throw ComposeError.unsupported(
                "export `\(name)` names a resource defined inside the composition by `\(export)` of \(component), "
                    + "which the composition neither imports nor exports; export `\(export)` before `\(name)` "
                    + "(in a composition file: `export <instance>[\"\(export)\"];`)")
        }
    }

    /// Records, for each resource the consumer imports that appears in `expected`, the resource
    /// in the same place of `actual`.
    func correspond(expected: EntityType, actual: EntityType, imported: Set<ResourceID>,
                            into substitution: inout [ResourceID: ResourceID]) {
        switch (expected, actual) {
        case (.type(let e), .type(let a)):
            if let wanted = arena.resourceOf(e), imported.contains(wanted),
               substitution[wanted] == nil, let supplied = arena.resourceOf(a) {
                substitution[wanted] = supplied
            }
        case (.instance(let e), .instance(let a)):
            guard case .instance(let expectedInstance) = arena[e], case .instance(let actualInstance) = arena[a] else { return }
            for item in expectedInstance.exports {
                if let found = actualInstance.export(named: item.name) {
                    correspond(expected: item.type, actual: found, imported: imported, into: &substitution)
                }
            }
        default:
            break
        }
    }
}

extension CompositionGraph {
    /// Why export `exportName` of a fresh instance of component `provider` could not satisfy
    /// import `importName` of component `consumer` on its own (nil when it could). Resources
    /// the import shares with the consumer's other imports stay abstract, so this is a check
    /// for choosing among candidates, not a substitute for the check `instantiate` makes.
    public func probe(consumer: Int, importName: String, provider: Int, exportName: String) -> String? {
        var scratch = self
        let consumerType = scratch.freshType(of: consumer)
        guard let expected = consumerType.imports.first(where: { $0.name == importName })?.type,
              let actual = scratch.freshType(of: provider).exports.first(where: { $0.name == exportName })?.type else {
            return "no such import or export"
        }
        var substitution: [ResourceID: ResourceID] = [:]
        scratch.correspond(expected: expected, actual: actual, imported: Set(consumerType.importedResources), into: &substitution)
        let substituted = scratch.arena.substituting(expected, resources: substitution)
        return scratch.arena.mismatch(actual, of: substituted)
    }
}
