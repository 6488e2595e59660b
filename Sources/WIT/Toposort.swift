/// Topological sort of named nodes that keeps source order wherever dependencies allow:
/// among the nodes whose dependencies are all placed, the earliest-declared goes next.
enum Toposort {
    /// Returns the node names, dependencies first. `kind` names the nodes in errors
    /// ("type", "interface or world").
    static func sort(
        kind: String, _ dependencies: OrderedDictionary<String, [WITIdentifierRef]>
    ) throws(WITDiagnostic) -> [String] {
        let names = dependencies.keys
        var position: [String: Int] = [:]
        for (i, name) in names.enumerated() { position[name] = i }
        var remaining = [Int](repeating: 0, count: names.count)
        var dependents = [[Int]](repeating: [], count: names.count)
        for (i, name) in names.enumerated() {
            let edges = dependencies[name]!
            remaining[i] = edges.count
            for edge in edges {
                guard let j = position[edge.name] else {
                    throw WITDiagnostic.notFound(edge.span, kind: kind, name: edge.name)
                }
                dependents[j].append(i)
            }
        }
        var ready = Set(remaining.indices.filter { remaining[$0] == 0 })
        var order: [String] = []
        while let next = ready.min() {
            ready.remove(next)
            order.append(names[next])
            for dependent in dependents[next] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.insert(dependent) }
            }
            dependents[next] = []
        }
        if order.count == names.count { return order }
        for (i, name) in names.enumerated() where remaining[i] != 0 {
            for edge in dependencies[name]! where remaining[position[edge.name]!] != 0 {
                throw WITDiagnostic(edge.span, "\(kind) `\(edge.name)` depends on itself")
            }
        }
        throw WITDiagnostic(nil, "\(kind) dependency cycle")
    }
}

/// A reference to a name at a position, as a dependency edge.
struct WITIdentifierRef: Hashable, Sendable {
    var name: String
    var span: Span

    init(_ identifier: WITIdentifier) {
        name = identifier.name
        span = identifier.span
    }
}
