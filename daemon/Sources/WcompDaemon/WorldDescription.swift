import ComponentModel
import WcompDaemonProto

/// Describes a validated component's world for `InspectComponent`: every import and export
/// with its type written in WIT syntax.
struct WorldDescription {
    /// Nesting depth past which types are abbreviated, so hostile types cannot blow up replies.
    static let maximumDepth = 12

    let types: TypeArena

    /// The imports and exports of `component`'s type.
    static func describe(_ component: ValidatedComponent) -> (imports: [Wcomp_Daemon_V1_WorldItem], exports: [Wcomp_Daemon_V1_WorldItem]) {
        let description = WorldDescription(types: component.types)
        return (component.type.imports.map(description.item), component.type.exports.map(description.item))
    }

    func item(_ entity: NamedEntity) -> Wcomp_Daemon_V1_WorldItem {
        var item = Wcomp_Daemon_V1_WorldItem()
        item.name = entity.name
        switch entity.type {
        case .function(let id):
            item.kind = .function
            item.type = function(id, names: [:])
        case .instance(let id):
            item.kind = .instance
            item.type = instance(id)
        case .type(let id):
            item.kind = .type
            item.type = typeDefinition(id, names: [:])
        case .coreModule:
            item.kind = .coreModule
            item.type = "core module"
        case .component:
            item.kind = .component
            item.type = "component"
        case .value(let type):
            item.kind = .value
            item.type = name(type, names: [:], depth: 0)
        }
        return item
    }

    /// One line per export of the instance type `id`: `name: func(...)` or `name: type`.
    private func instance(_ id: TypeID) -> String {
        guard case .instance(let instance) = types[id] else { return "instance" }
        var names: [TypeID: String] = [:]
        for export in instance.exports {
            if case .type(let type) = export.type { names[type] = export.name }
        }
        return instance.exports.map { export in
            switch export.type {
            case .function(let function): "\(export.name): \(self.function(function, names: names))"
            case .type(let type): "\(export.name): \(typeDefinition(type, names: names))"
            case .instance: "\(export.name): instance"
            case .component: "\(export.name): component"
            case .coreModule: "\(export.name): core module"
            case .value(let value): "\(export.name): \(name(value, names: names, depth: 0))"
            }
        }.joined(separator: "\n")
    }

    private func function(_ id: TypeID, names: [TypeID: String]) -> String {
        guard case .function(let function) = types[id] else { return "func" }
        let parameters = function.parameters.map { "\($0.label): \(name($0.type, names: names, depth: 0))" }
        let prefix = function.isAsync ? "async func" : "func"
        let result = function.result.map { " -> " + name($0, names: names, depth: 0) } ?? ""
        return "\(prefix)(\(parameters.joined(separator: ", ")))\(result)"
    }

    private func typeDefinition(_ id: TypeID, names: [TypeID: String]) -> String {
        switch types[id] {
        case .resource: "resource"
        case .defined(let defined): definition(defined, names: names, depth: 0)
        case .function: function(id, names: names)
        case .instance: "instance"
        case .component: "component"
        }
    }

    private func name(_ type: ResolvedValueType, names: [TypeID: String], depth: Int) -> String {
        switch type {
        case .primitive(let primitive): return primitive.description
        case .defined(let id):
            if let name = names[id] { return name }
            guard case .defined(let defined) = types[id] else { return "type" }
            return definition(defined, names: names, depth: depth)
        }
    }

    private func definition(_ defined: ResolvedDefinedType, names: [TypeID: String], depth: Int) -> String {
        guard depth < Self.maximumDepth else { return "…" }
        func inner(_ type: ResolvedValueType?) -> String {
            type.map { name($0, names: names, depth: depth + 1) } ?? "_"
        }
        switch defined {
        case .primitive(let primitive): return primitive.description
        case .record(let fields): return "record { \(fields.map { "\($0.label): \(inner($0.type))" }.joined(separator: ", ")) }"
        case .variant(let cases):
            return "variant { \(cases.map { $0.label + ($0.type.map { "(\(inner($0)))" } ?? "") }.joined(separator: ", ")) }"
        case .list(let element): return "list<\(inner(element))>"
        case .fixedLengthList(let element, let length): return "list<\(inner(element)), \(length)>"
        case .tuple(let elements): return "tuple<\(elements.map { inner($0) }.joined(separator: ", "))>"
        case .flags(let flags): return "flags { \(flags.joined(separator: ", ")) }"
        case .enum(let cases): return "enum { \(cases.joined(separator: ", ")) }"
        case .option(let payload): return "option<\(inner(payload))>"
        case .result(let ok, let error):
            switch (ok, error) {
            case (nil, nil): return "result"
            case (let ok?, nil): return "result<\(inner(ok))>"
            default: return "result<\(inner(ok)), \(inner(error))>"
            }
        case .own(let resource): return "own<\(names[resource] ?? "resource")>"
        case .borrow(let resource): return "borrow<\(names[resource] ?? "resource")>"
        case .stream(let element): return element.map { "stream<\(inner($0))>" } ?? "stream"
        case .future(let element): return element.map { "future<\(inner($0))>" } ?? "future"
        case .map(let key, let value): return "map<\(inner(key)), \(inner(value))>"
        }
    }
}
