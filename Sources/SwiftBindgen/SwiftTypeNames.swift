import WIT

/// The Swift spelling of every WIT type in one world: namespaces for interfaces and the world,
/// names for named types, and inline expressions for anonymous ones.
struct SwiftTypeNames {
    let resolve: Resolve
    /// The Swift namespace (a caseless enum) of each interface.
    private(set) var interfaceNamespaces: [InterfaceID: String] = [:]
    /// The namespace of the world's own types and functions.
    let worldNamespace: String
    /// The name of each named type inside its namespace.
    private(set) var typeNames: [TypeID: String] = [:]
    /// The protocol the host's objects of each imported (host-implemented) resource conform to.
    private(set) var objectProtocols: [TypeID: String] = [:]

    /// Names the namespaces of `interfaces` (in order) and the world, resolving collisions:
    /// an interface whose short name is shared takes its package-qualified name, and any
    /// remaining clash gets a numeric suffix.
    init(resolve: Resolve, world: World, interfaces: [InterfaceID]) {
        self.resolve = resolve
        var scope = SwiftNameScope(reserved: ["Swift", "ComponentModel", "WasmRuntime", "WIT"])
        func shortName(_ id: InterfaceID) -> String {
            SwiftNaming.upperCamelCase(resolve[interface: id].name ?? "interface")
        }
        var counts: [String: Int] = [SwiftNaming.upperCamelCase(world.name): 1]
        for id in interfaces { counts[shortName(id), default: 0] += 1 }
        worldNamespace = scope.claim(SwiftNaming.upperCamelCase(world.name) + (counts[SwiftNaming.upperCamelCase(world.name)]! > 1 ? "World" : ""))
        for id in interfaces {
            var name = shortName(id)
            if counts[name]! > 1, let package = resolve[interface: id].package {
                let packageName = resolve[package: package].name
                name = SwiftNaming.upperCamelCase(packageName.namespace) + SwiftNaming.upperCamelCase(packageName.name) + name
            }
            interfaceNamespaces[id] = scope.claim(name)
        }
    }

    /// The namespace that declares types owned by `owner`.
    func namespace(of owner: TypeOwner) -> String? {
        switch owner {
        case .interface(let id): interfaceNamespaces[id]
        case .world: worldNamespace
        case .none: nil
        }
    }

    /// Records the name of type `id` declared in a namespace (chosen through `scope`). A name
    /// that is also a namespace's (resource `error` of interface `error`) gets `Type` appended:
    /// inside a namespace, a member with that name would hide the namespace.
    mutating func name(_ id: TypeID, in scope: inout SwiftNameScope) -> String {
        if let known = typeNames[id] { return known }
        var base = SwiftNaming.upperCamelCase(resolve[type: id].name ?? "anonymous")
        if base == worldNamespace || interfaceNamespaces.values.contains(base) { base += "Type" }
        let name = scope.claim(base)
        typeNames[id] = name
        return name
    }

    /// Names the object protocol of imported resource `id` (already named) in its namespace's
    /// `scope`: `<Resource>Object`.
    mutating func nameObjectProtocol(_ id: TypeID, in scope: inout SwiftNameScope) {
        objectProtocols[id] = scope.claim(typeNames[id]! + "Object")
    }

    /// The existential of the object protocol of imported resource `id`, fully qualified.
    func objectExpression(_ id: TypeID) -> String {
        "any \(namespace(of: resolve[type: id].owner)!).\(objectProtocols[id]!)"
    }

    /// The imported resource whose handle `type` is (through aliases), with whether the handle
    /// is owned; nil for any other type, including resources the guest implements.
    func hostObject(_ type: WITType) -> (resource: TypeID, owned: Bool)? {
        guard case .id(let id) = type else { return nil }
        switch resolve[type: id].kind {
        case .handle(.own(let target)):
            return resource(target).flatMap { objectProtocols[$0] == nil ? nil : ($0, true) }
        case .handle(.borrow(let target)):
            return resource(target).flatMap { objectProtocols[$0] == nil ? nil : ($0, false) }
        case .type(let alias):
            return hostObject(alias)
        default:
            return nil
        }
    }

    /// The Swift type expression for `type`, fully qualified so generated names never shadow it.
    func expression(_ type: WITType) -> String {
        switch type {
        case .bool: "Swift.Bool"
        case .u8: "Swift.UInt8"
        case .u16: "Swift.UInt16"
        case .u32: "Swift.UInt32"
        case .u64: "Swift.UInt64"
        case .s8: "Swift.Int8"
        case .s16: "Swift.Int16"
        case .s32: "Swift.Int32"
        case .s64: "Swift.Int64"
        case .f32: "Swift.Float"
        case .f64: "Swift.Double"
        case .char: "Swift.Unicode.Scalar"
        case .string: "Swift.String"
        case .errorContext: "ComponentModel.ComponentErrorContext"
        case .id(let id): expression(id)
        }
    }

    /// The resource that type `id` is or names through aliases (`use`), if any.
    func resource(_ id: TypeID) -> TypeID? {
        switch resolve[type: id].kind {
        case .resource: id
        case .type(.id(let target)): resource(target)
        default: nil
        }
    }

    /// The Swift type expression for a type definition.
    func expression(_ id: TypeID) -> String {
        let definition = resolve[type: id]
        if let name = typeNames[id], let namespace = namespace(of: definition.owner) {
            return "\(namespace).\(name)"
        }
        return inlineExpression(definition.kind)
    }

    /// The Swift spelling of an anonymous type's structure.
    func inlineExpression(_ kind: TypeDefKind) -> String {
        switch kind {
        case .list(let element): "[\(expression(element))]"
        case .option(let payload): "\(expression(payload))?"
        case .tuple(let elements): "ComponentModel.TypedTuple<\(elements.map(expression).joined(separator: ", "))>"
        case .result(let ok, let error):
            "ComponentModel.TypedResult<\(ok.map(expression) ?? "ComponentModel.NoPayload"), \(error.map(expression) ?? "ComponentModel.NoPayload")>"
        case .map(let key, let value): "[ComponentModel.TypedTuple<\(expression(key)), \(expression(value))>]"
        case .type(let target): expression(target)
        case .handle(.own(let resource)): "ComponentModel.OwnedHandle<\(expression(.id(resource)))>"
        case .handle(.borrow(let resource)): "ComponentModel.BorrowedHandle<\(expression(.id(resource)))>"
        case .fixedLengthList(let element, let count): "ComponentModel.FixedLengthList<\(count), \(expression(element))>"
        case .future(let payload): "ComponentModel.ComponentFuture<\(payload.map(expression) ?? "ComponentModel.NoPayload")>"
        case .stream(let payload): "ComponentModel.ComponentStream<\(payload.map(expression) ?? "ComponentModel.NoPayload")>"
        case .record, .variant, .enumeration, .flags, .resource:
            // Named types only: they are declared and referred to by name.
            "Swift.Never"
        }
    }
}
