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

    /// The finished component.
    var component: Component { Component(sections: sections) }

    /// Appends a type definition; returns its type index.
    mutating func addType(_ definition: ComponentTypeDefinition) -> UInt32 {
        if case .types(var items)? = sections.last?.content {
            items.append(definition)
            sections[sections.count - 1] = ComponentSection(.types(items))
        } else {
            sections.append(ComponentSection(.types([definition])))
        }
        return next(.type)
    }

    /// Appends an alias; returns its index in the alias's sort.
    mutating func addAlias(_ alias: Alias) -> UInt32 {
        if case .aliases(var items)? = sections.last?.content {
            items.append(alias)
            sections[sections.count - 1] = ComponentSection(.aliases(items))
        } else {
            sections.append(ComponentSection(.aliases([alias])))
        }
        return next(alias.sort)
    }

    /// Appends an import; returns its index in the sort of its type.
    mutating func addImport(_ item: ComponentImport) -> UInt32 {
        if case .imports(var items)? = sections.last?.content {
            items.append(item)
            sections[sections.count - 1] = ComponentSection(.imports(items))
        } else {
            sections.append(ComponentSection(.imports([item])))
        }
        return next(item.type.sort)
    }

    /// Embeds a nested component; returns its component index.
    mutating func addComponent(_ component: Component) -> UInt32 {
        sections.append(ComponentSection(.component(component)))
        return next(.component)
    }

    /// Appends a component instance; returns its instance index.
    mutating func addInstance(_ instance: ComponentInstance) -> UInt32 {
        if case .instances(var items)? = sections.last?.content {
            items.append(instance)
            sections[sections.count - 1] = ComponentSection(.instances(items))
        } else {
            sections.append(ComponentSection(.instances([instance])))
        }
        return next(.instance)
    }

    /// Appends a core type definition; returns its core type index.
    mutating func addCoreType(_ type: CoreType) -> UInt32 {
        if case .coreTypes(var items)? = sections.last?.content {
            items.append(type)
            sections[sections.count - 1] = ComponentSection(.coreTypes(items))
        } else {
            sections.append(ComponentSection(.coreTypes([type])))
        }
        return next(.core(.type))
    }

    /// Embeds a core module; returns its core module index.
    mutating func addCoreModule(_ bytes: [UInt8]) -> UInt32 {
        sections.append(ComponentSection(.coreModule(CoreModule(bytes: bytes))))
        return next(.core(.module))
    }

    /// Appends a core instance; returns its core instance index.
    mutating func addCoreInstance(_ instance: CoreInstance) -> UInt32 {
        if case .coreInstances(var items)? = sections.last?.content {
            items.append(instance)
            sections[sections.count - 1] = ComponentSection(.coreInstances(items))
        } else {
            sections.append(ComponentSection(.coreInstances([instance])))
        }
        return next(.core(.instance))
    }

    /// Appends a canonical definition; returns its index (a function or a core function).
    mutating func addCanonical(_ function: CanonicalFunction) -> UInt32 {
        if case .canonicals(var items)? = sections.last?.content {
            items.append(function)
            sections[sections.count - 1] = ComponentSection(.canonicals(items))
        } else {
            sections.append(ComponentSection(.canonicals([function])))
        }
        return next(function.sort)
    }

    /// Appends an export; returns the index the exported item gets in its sort.
    @discardableResult
    mutating func addExport(_ item: ComponentExport) -> UInt32 {
        if case .exports(var items)? = sections.last?.content {
            items.append(item)
            sections[sections.count - 1] = ComponentSection(.exports(items))
        } else {
            sections.append(ComponentSection(.exports([item])))
        }
        return next(item.item.sort)
    }
}
