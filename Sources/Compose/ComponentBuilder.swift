import ComponentModel

/// Builds a component definition by definition, keeping count of every index space so that
/// each `add` returns the index the new item gets. Consecutive items of the same section kind
/// share one section.
struct ComponentBuilder {
    private(set) var sections: [ComponentSection] = []
    private var counts: [ComponentSort: UInt32] = [:]

    /// The number of items in the index space `sort` so far.
    func count(_ sort: ComponentSort) -> UInt32 { counts[sort, default: 0] }

    private mutating func next(_ sort: ComponentSort) -> UInt32 {
        let index = counts[sort, default: 0]
        counts[sort] = index + 1
        return index
    }

    /// Adds `item` to the last section when it holds items of the same kind (`items` reads
    /// them), else starts a new section (`section` makes it).
    private mutating func append<Item>(_ item: Item, to items: (ComponentSectionContent) -> [Item]?,
                                       _ section: ([Item]) -> ComponentSectionContent) {
        if let last = sections.last, let existing = items(last.content) {
            sections[sections.count - 1] = ComponentSection(section(existing + [item]))
        } else {
            sections.append(ComponentSection(section([item])))
        }
    }

    /// The finished component.
    var component: Component { Component(sections: sections) }

    /// Appends a type definition; returns its type index.
    mutating func addType(_ definition: ComponentTypeDefinition) -> UInt32 {
        append(definition, to: { if case .types(let items) = $0 { items } else { nil } }, ComponentSectionContent.types)
        return next(.type)
    }

    /// Appends an alias; returns its index in the alias's sort.
    mutating func addAlias(_ alias: Alias) -> UInt32 {
        append(alias, to: { if case .aliases(let items) = $0 { items } else { nil } }, ComponentSectionContent.aliases)
        return next(alias.sort)
    }

    /// Appends an import; returns its index in the sort of its type.
    mutating func addImport(_ item: ComponentImport) -> UInt32 {
        append(item, to: { if case .imports(let items) = $0 { items } else { nil } }, ComponentSectionContent.imports)
        return next(item.type.sort)
    }

    /// Embeds a nested component; returns its component index.
    mutating func addComponent(_ component: Component) -> UInt32 {
        sections.append(ComponentSection(.component(component)))
        return next(.component)
    }

    /// Appends a component instance; returns its instance index.
    mutating func addInstance(_ instance: ComponentInstance) -> UInt32 {
        append(instance, to: { if case .instances(let items) = $0 { items } else { nil } }, ComponentSectionContent.instances)
        return next(.instance)
    }

    /// Appends a core type definition; returns its core type index.
    mutating func addCoreType(_ type: CoreType) -> UInt32 {
        append(type, to: { if case .coreTypes(let items) = $0 { items } else { nil } }, ComponentSectionContent.coreTypes)
        return next(.core(.type))
    }

    /// Embeds a core module; returns its core module index.
    mutating func addCoreModule(_ bytes: [UInt8]) -> UInt32 {
        sections.append(ComponentSection(.coreModule(CoreModule(bytes: bytes))))
        return next(.core(.module))
    }

    /// Appends a core instance; returns its core instance index.
    mutating func addCoreInstance(_ instance: CoreInstance) -> UInt32 {
        append(instance, to: { if case .coreInstances(let items) = $0 { items } else { nil } }, ComponentSectionContent.coreInstances)
        return next(.core(.instance))
    }

    /// Appends a canonical definition; returns its index (a function or a core function).
    mutating func addCanonical(_ function: CanonicalFunction) -> UInt32 {
        append(function, to: { if case .canonicals(let items) = $0 { items } else { nil } }, ComponentSectionContent.canonicals)
        return next(function.sort)
    }

    /// Appends an export; returns the index the exported item gets in its sort.
    @discardableResult
    mutating func addExport(_ item: ComponentExport) -> UInt32 {
        append(item, to: { if case .exports(let items) = $0 { items } else { nil } }, ComponentSectionContent.exports)
        return next(item.item.sort)
    }
}
