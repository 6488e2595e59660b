import ComponentModel

/// Plug composition (`wac plug` semantics): the first component is the socket; every import of
/// the socket, or of a plug in use, that another component exports under a matching name
/// (exact, or a semver-compatible interface version) and a compatible type is satisfied by that
/// component's instance. Each component is instantiated at most once, so a plug used by several
/// components is shared. Imports nobody satisfies become imports of the result (one per name);
/// the socket's exports are the result's exports.
public enum PlugComposer {
    /// Composes `socket` with `plugs` and returns the composed component. With `validateResult`
    /// the result is validated again as a whole (a safety net: every connection was already
    /// type-checked, and revalidating re-reads every embedded core module).
    public static func compose(socket: InputComponent, plugs: [InputComponent],
                               validateResult: Bool = true) throws(ComposeError) -> Component {
        let graph = try graph(socket: socket, plugs: plugs)
        return try CompositionEncoder.encode(graph, validate: validateResult)
    }

    /// Builds the composition graph of `compose` without encoding it.
    public static func graph(socket: InputComponent, plugs: [InputComponent]) throws(ComposeError) -> CompositionGraph {
        var graph = CompositionGraph()
        let nodes = [socket] + plugs
        for node in nodes { _ = graph.addComponent(node) }
        var providers: [[String: (node: Int, export: String)]] = Array(repeating: [:], count: nodes.count)
        for consumer in nodes.indices {
            for item in nodes[consumer].imports {
                if let provider = try chooseProvider(for: item, of: consumer, among: nodes, graph: graph) {
                    providers[consumer][item.name] = provider
                }
            }
        }
        let order = try instantiationOrder(nodes: nodes, providers: providers)
        var instanceOfNode: [Int: Int] = [:]
        for node in order {
            let edges = providers[node]
            let instance = try graph.instantiate(node) { name, expected, graph throws(ComposeError) in
                if let provider = edges[name], let instance = instanceOfNode[provider.node] {
                    return .export(instance: instance, name: provider.export)
                }
                return try graph.addImport(name: name, type: expected)
            }
            instanceOfNode[node] = instance
        }
        guard let socketInstance = instanceOfNode[0] else { return graph }
        for export in socket.exports {
            try graph.addExport(name: export.name, source: .export(instance: socketInstance, name: export.name))
        }
        return graph
    }

    /// The export of another component that satisfies `item`, nil when none does. Several
    /// components offering a matching name are narrowed down by type; if more than one remains
    /// (or none does), the import is ambiguous.
    private static func chooseProvider(for item: NamedEntity, of consumer: Int, among nodes: [InputComponent],
                                       graph: CompositionGraph) throws(ComposeError) -> (node: Int, export: String)? {
        var candidates: [(node: Int, export: String)] = []
        for provider in nodes.indices where provider != consumer {
            let matches = nodes[provider].exports.compactMap { export -> (String, InterfaceVersionMatch.Rank)? in
                guard export.type.sort == item.type.sort,
                      let rank = InterfaceVersionMatch.rank(import: item.name, export: export.name) else { return nil }
                return (export.name, rank)
            }
            if let best = matches.max(by: { $0.1 < $1.1 }) { candidates.append((provider, best.0)) }
        }
        guard candidates.count > 1 else { return candidates.first }
        let compatible = candidates.filter {
            graph.probe(consumer: consumer, importName: item.name, provider: $0.node, exportName: $0.export) == nil
        }
        if compatible.count == 1 { return compatible[0] }
        let described = (compatible.isEmpty ? candidates : compatible).map { "`\($0.export)` of \(nodes[$0.node].name)" }
        throw ComposeError.ambiguous(consumer: nodes[consumer].name, importName: item.name, candidates: described)
    }

    /// The used components, providers before their consumers. Unused plugs and cycles are errors.
    private static func instantiationOrder(nodes: [InputComponent],
                                           providers: [[String: (node: Int, export: String)]]) throws(ComposeError) -> [Int] {
        enum Mark { case visiting, done }
        var marks: [Int: Mark] = [:]
        var order: [Int] = []
        var path: [Int] = []
        func visit(_ node: Int) throws(ComposeError) {
            switch marks[node] {
            case .done?: return
            case .visiting?:
                let start = path.firstIndex(of: node) ?? 0
                throw ComposeError.cycle((path[start...] + [node]).map { nodes[$0].name })
            case nil: break
            }
            marks[node] = .visiting
            path.append(node)
            for item in nodes[node].imports {
                if let provider = providers[node][item.name] { try visit(provider.node) }
            }
            path.removeLast()
            marks[node] = .done
            order.append(node)
        }
        try visit(0)
        for plug in nodes.indices.dropFirst() where marks[plug] == nil {
            throw ComposeError.unusedPlug(nodes[plug].name)
        }
        return order
    }
}
