import ComponentModel

/// Names component value types in error messages, WIT-like: `u8`, `list<string>`,
/// `option<u32>`, `result<_, string>`, `record { x, y }`, `enum { red, green }`.
/// Nested types past a few levels are abbreviated to `…` so messages stay short.
struct WAVETypeName {
    let types: TypeArena

    func name(_ type: ResolvedValueType?, depth: Int = 0) -> String {
        guard let type else { return "_" }
        guard depth < 3 else { return "…" }
        switch type {
        case .primitive(let primitive): return primitive.description
        case .defined(let id):
            guard case .defined(let defined) = types[id] else { return "type \(id.rawValue)" }
            return name(defined, depth: depth)
        }
    }

    func name(_ defined: ResolvedDefinedType, depth: Int = 0) -> String {
        func inner(_ type: ResolvedValueType?) -> String { name(type, depth: depth + 1) }
        switch defined {
        case .primitive(let primitive): return primitive.description
        case .record(let fields): return "record { \(fields.map(\.label).joined(separator: ", ")) }"
        case .variant(let cases):
            return "variant { \(cases.map { $0.label + ($0.type == nil ? "" : "(…)") }.joined(separator: ", ")) }"
        case .list(let element): return "list<\(inner(element))>"
        case .fixedLengthList(let element, let length): return "list<\(inner(element)), \(length)>"
        case .tuple(let elements): return "tuple<\(elements.map { inner($0) }.joined(separator: ", "))>"
        case .flags(let names): return "flags { \(names.joined(separator: ", ")) }"
        case .enum(let names): return "enum { \(names.joined(separator: ", ")) }"
        case .option(let payload): return "option<\(inner(payload))>"
        case .result(let ok, let error):
            if ok == nil, error == nil { return "result" }
            if error == nil { return "result<\(inner(ok))>" }
            return "result<\(inner(ok)), \(inner(error))>"
        case .own: return "own<resource>"
        case .borrow: return "borrow<resource>"
        case .stream(let element): return element == nil ? "stream" : "stream<\(inner(element))>"
        case .future(let element): return element == nil ? "future" : "future<\(inner(element))>"
        case .map(let key, let value): return "map<\(inner(key)), \(inner(value))>"
        }
    }
}
