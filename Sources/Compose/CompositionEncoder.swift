import ComponentModel

/// Turns a `CompositionGraph` into a component: the imports with the type definitions they
/// need, each used component embedded once, its instances in order with their arguments
/// (aliasing the exports of earlier instances), and the exports as aliases of instance exports.
enum CompositionEncoder {
    /// Encodes `graph`; with `validate`, the result is validated before it is returned.
    static func encode(_ graph: CompositionGraph, validate: Bool) throws(ComposeError) -> Component {
        var builder = ComponentBuilder()
        var types = ResolvedTypeEncoder(arena: graph.arena)
        var importIndices: [UInt32] = []
        for item in graph.imports {
            try types.addImport(name: item.name, type: item.type, to: &builder)
            importIndices.append(builder.count(item.type.sort) - 1)
        }
        var componentIndices: [Int: UInt32] = [:]
        for index in Set(graph.instances.map(\.component)).sorted() {
            componentIndices[index] = builder.addComponent(graph.components[index].component)
        }
        var instanceIndices: [UInt32] = []
        var aliases: [CompositionGraph.Source: UInt32] = [:]
        func item(_ source: CompositionGraph.Source, _ builder: inout ComponentBuilder) throws(ComposeError) -> SortIndex {
            guard let type = graph.type(of: source) else {
                throw ComposeError.configuration(location: nil, message: "\(graph.describe(source)) does not exist")
            }
            switch source {
            case .import(let index):
                return SortIndex(sort: type.sort, index: importIndices[index])
            case .export(let instance, let name):
                if let index = aliases[source] { return SortIndex(sort: type.sort, index: index) }
                let index = builder.addAlias(.instanceExport(sort: type.sort, instance: instanceIndices[instance], name: name))
                aliases[source] = index
                return SortIndex(sort: type.sort, index: index)
            }
        }
        for instance in graph.instances {
            var arguments: [InstantiationArgument] = []
            for argument in instance.arguments {
                arguments.append(InstantiationArgument(name: argument.name, item: try item(argument.source, &builder)))
            }
            let component = componentIndices[instance.component] ?? 0
            instanceIndices.append(builder.addInstance(.instantiate(component: component, arguments: arguments)))
        }
        // An export naming a resource exported before it refers to it by its exported name,
        // through a type ascription (uses of an unexported definition are not valid exports).
        var exportedResources: Set<ResourceID> = []
        for export in graph.exports {
            let exported = try item(export.source, &builder)
            guard let type = graph.type(of: export.source) else { continue }
            let ascription = graph.arena.resources(in: type).isDisjoint(with: exportedResources)
                ? nil : try types.ascription(for: type, &builder)
            let index = builder.addExport(ComponentExport(name: ExternName(export.name), item: exported, type: ascription))
            if case .type(let id) = type, let resource = graph.arena.resourceOf(id) {
                types.bind(resource: resource, to: index)
                exportedResources.insert(resource)
            }
        }
        let component = builder.component
        if validate {
            // The embedded components are the inputs, validated in full when they were read:
            // their core modules are taken as validated, everything else is checked again.
            var known = ValidatedCoreModules()
            for input in graph.components { known.formUnion(input.validated.coreModules) }
            do { try component.validate(reusing: known) } catch { throw ComposeError.invalidResult(error) }
        }
        return component
    }
}
