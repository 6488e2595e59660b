/// The JSON form of a `Resolve`, in exactly the layout of `wasm-tools component wit --json`
/// (wit-parser's serde serialization): `worlds`, `interfaces`, `types`, `packages`, all
/// cross-references as arena indices.
public enum ResolveJSON {
    /// The whole resolve as a JSON value.
    public static func encode(_ resolve: Resolve) -> JSONValue {
        .object([
            ("worlds", .array(resolve.worlds.map(world))),
            ("interfaces", .array(resolve.interfaces.map(interface))),
            ("types", .array(resolve.types.map(typeDef))),
            ("packages", .array(resolve.packages.map(package))),
        ])
    }

    /// The whole resolve as pretty-printed JSON text.
    public static func text(_ resolve: Resolve) -> String {
        encode(resolve).prettyPrinted()
    }

    private static func world(_ world: World) -> JSONValue {
        var entries: [(String, JSONValue)] = [
            ("name", .string(world.name)),
            ("imports", .object(world.imports.map { (key($0.key), item($0.value)) })),
            ("exports", .object(world.exports.map { (key($0.key), item($0.value)) })),
            ("package", world.package.map { .number($0.index) } ?? .null),
        ]
        append(docs: world.docs, stability: world.stability, to: &entries)
        return .object(entries)
    }

    private static func key(_ key: WorldKey) -> String {
        switch key {
        case .name(let name): name
        case .interface(let id): "interface-\(id.index)"
        }
    }

    private static func item(_ item: WorldItem) -> JSONValue {
        switch item {
        case .interface(let id, let stability, let docs, _):
            var entries: [(String, JSONValue)] = [("id", .number(id.index))]
            if let s = self.stability(stability) { entries.append(("stability", s)) }
            if let contents = docs.contents { entries.append(("docs", .object([("contents", .string(contents))]))) }
            return .object([("interface", .object(entries))])
        case .function(let f):
            return .object([("function", function(f))])
        case .type(let id, _):
            return .object([("type", .number(id.index))])
        }
    }

    private static func interface(_ interface: Interface) -> JSONValue {
        var entries: [(String, JSONValue)] = [
            ("name", interface.name.map { .string($0) } ?? .null),
            ("types", .object(interface.types.map { ($0.key, .number($0.value.index)) })),
            ("functions", .object(interface.functions.map { ($0.key, function($0.value)) })),
        ]
        append(docs: interface.docs, stability: interface.stability, to: &entries)
        entries.append(("package", interface.package.map { .number($0.index) } ?? .null))
        if let original = interface.cloneOf { entries.append(("clone_of", .number(original.index))) }
        return .object(entries)
    }

    private static func function(_ f: Function) -> JSONValue {
        var entries: [(String, JSONValue)] = [
            ("name", .string(f.name)),
            ("kind", kind(f.kind)),
            ("params", .array(f.params.map { .object([("name", .string($0.name)), ("type", type($0.type))]) })),
        ]
        if let result = f.result { entries.append(("result", type(result))) }
        append(docs: f.docs, stability: f.stability, to: &entries)
        return .object(entries)
    }

    private static func kind(_ kind: FunctionKind) -> JSONValue {
        switch kind {
        case .freestanding: .string("freestanding")
        case .asyncFreestanding: .string("async-freestanding")
        case .method(let id): .object([("method", .number(id.index))])
        case .asyncMethod(let id): .object([("async-method", .number(id.index))])
        case .static(let id): .object([("static", .number(id.index))])
        case .asyncStatic(let id): .object([("async-static", .number(id.index))])
        case .constructor(let id): .object([("constructor", .number(id.index))])
        }
    }

    private static func typeDef(_ def: TypeDef) -> JSONValue {
        var entries: [(String, JSONValue)] = [
            ("name", def.name.map { .string($0) } ?? .null),
            ("kind", kind(def.kind)),
        ]
        switch def.owner {
        case .world(let id): entries.append(("owner", .object([("world", .number(id.index))])))
        case .interface(let id): entries.append(("owner", .object([("interface", .number(id.index))])))
        case .none: entries.append(("owner", .null))
        }
        append(docs: def.docs, stability: def.stability, to: &entries)
        return .object(entries)
    }

    private static func kind(_ kind: TypeDefKind) -> JSONValue {
        func optional(_ t: WITType?) -> JSONValue { t.map(type) ?? .null }
        func docs(_ d: Docs) -> [(String, JSONValue)] {
            d.contents.map { [("docs", .object([("contents", .string($0))]))] } ?? []
        }
        switch kind {
        case .record(let fields):
            return .object([("record", .object([("fields", .array(fields.map {
                .object([("name", .string($0.name)), ("type", type($0.type))] + docs($0.docs))
            }))]))])
        case .resource:
            return .string("resource")
        case .handle(.own(let id)):
            return .object([("handle", .object([("own", .number(id.index))]))])
        case .handle(.borrow(let id)):
            return .object([("handle", .object([("borrow", .number(id.index))]))])
        case .flags(let flags):
            return .object([("flags", .object([("flags", .array(flags.map { .object([("name", .string($0.name))] + docs($0.docs)) }))]))])
        case .tuple(let elements):
            return .object([("tuple", .object([("types", .array(elements.map(type)))]))])
        case .variant(let cases):
            return .object([("variant", .object([("cases", .array(cases.map {
                .object([("name", .string($0.name)), ("type", optional($0.type))] + docs($0.docs))
            }))]))])
        case .enumeration(let cases):
            return .object([("enum", .object([("cases", .array(cases.map { .object([("name", .string($0.name))] + docs($0.docs)) }))]))])
        case .option(let t):
            return .object([("option", type(t))])
        case .result(let ok, let err):
            return .object([("result", .object([("ok", optional(ok)), ("err", optional(err))]))])
        case .list(let t):
            return .object([("list", type(t))])
        case .map(let k, let v):
            return .object([("map", .array([type(k), type(v)]))])
        case .fixedLengthList(let t, let size):
            return .object([("fixed-length-list", .array([type(t), .number(Int(size))]))])
        case .future(let t):
            return .object([("future", optional(t))])
        case .stream(let t):
            return .object([("stream", optional(t))])
        case .type(let t):
            return .object([("type", type(t))])
        }
    }

    private static func type(_ t: WITType) -> JSONValue {
        if case .id(let id) = t { return .number(id.index) }
        return .string(t.primitiveName!)
    }

    private static func stability(_ stability: Stability) -> JSONValue? {
        switch stability {
        case .unknown:
            return nil
        case .unstable(let feature, let deprecated):
            var entries: [(String, JSONValue)] = [("feature", .string(feature))]
            if let deprecated { entries.append(("deprecated", .string(deprecated.description))) }
            return .object([("unstable", .object(entries))])
        case .stable(let since, let deprecated):
            var entries: [(String, JSONValue)] = [("since", .string(since.description))]
            if let deprecated { entries.append(("deprecated", .string(deprecated.description))) }
            return .object([("stable", .object(entries))])
        }
    }

    private static func append(docs: Docs, stability: Stability, to entries: inout [(String, JSONValue)]) {
        if let contents = docs.contents { entries.append(("docs", .object([("contents", .string(contents))]))) }
        if let s = self.stability(stability) { entries.append(("stability", s)) }
    }

    private static func package(_ package: Package) -> JSONValue {
        var entries: [(String, JSONValue)] = [("name", .string(package.name.description))]
        if let contents = package.docs.contents { entries.append(("docs", .object([("contents", .string(contents))]))) }
        entries.append(("interfaces", .object(package.interfaces.map { ($0.key, .number($0.value.index)) })))
        entries.append(("worlds", .object(package.worlds.map { ($0.key, .number($0.value.index)) })))
        return .object(entries)
    }
}
