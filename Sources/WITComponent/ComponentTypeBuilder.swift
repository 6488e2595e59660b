import ComponentModel
import WIT

/// Builds component and instance type declarations from WIT definitions, the way
/// wit-component lays them out: each interface becomes an instance type whose named types are
/// exported (`eq` bounds, `sub resource` for resources) and whose functions follow; types an
/// interface uses from another interface are reached with `alias outer` into the enclosing
/// component type, where they were aliased out of that interface's imported (or exported)
/// instance.
///
/// Scopes nest: the outermost is a component type, an interface being encoded adds an
/// instance scope on top of it.
struct ComponentTypeBuilder {
    /// One type or instance index space being filled.
    struct Scope {
        var declarations: [TypeDeclaration] = []
        var typeCount: UInt32 = 0
        var instanceCount: UInt32 = 0
        /// WIT types already given an index in this scope.
        var indices: [WIT.TypeID: UInt32] = [:]
        /// Named types reachable as exports of an instance of this scope, aliased on first use.
        var instanceExports: [WIT.TypeID: (instance: UInt32, name: String)] = [:]
        /// What the scope encodes, for errors.
        var description: String
    }

    let resolve: Resolve
    private(set) var scopes: [Scope]

    /// Starts with an empty component type scope describing `description`.
    init(resolve: Resolve, description: String) {
        self.resolve = resolve
        scopes = [Scope(description: description)]
    }

    /// The declarations of the outermost scope once everything has been added.
    var declarations: [TypeDeclaration] { scopes[0].declarations }

    // MARK: Declarations

    /// Appends a declaration to the scope at `level` (the innermost by default) and returns the
    /// index it creates in its index space (types or instances), if any.
    @discardableResult
    private mutating func declare(_ declaration: TypeDeclaration, level: Int? = nil) -> UInt32? {
        let last = level ?? scopes.count - 1
        scopes[last].declarations.append(declaration)
        let sort: ComponentSort?
        switch declaration {
        case .coreType: sort = nil
        case .type: sort = .type
        case .alias(let alias): sort = alias.sort
        case .import(_, let type), .export(_, let type): sort = type.sort
        }
        switch sort {
        case .type?:
            defer { scopes[last].typeCount += 1 }
            return scopes[last].typeCount
        case .instance?:
            defer { scopes[last].instanceCount += 1 }
            return scopes[last].instanceCount
        default:
            return nil
        }
    }

    private mutating func defineType(_ definition: ComponentTypeDefinition) -> UInt32 {
        declare(.type(definition))!
    }

    // MARK: Type lookup

    /// The index of `id` in the innermost scope if it is visible from there without defining
    /// it: already indexed, exported by an instance of some scope, or reachable outward.
    private mutating func visibleIndex(of id: WIT.TypeID) -> UInt32? {
        let innermost = scopes.count - 1
        for level in stride(from: innermost, through: 0, by: -1) {
            var found = scopes[level].indices[id]
            if found == nil, let (instance, name) = scopes[level].instanceExports[id] {
                let index = declare(.alias(.instanceExport(sort: .type, instance: instance, name: name)), level: level)!
                scopes[level].indices[id] = index
                found = index
            }
            guard let index = found else { continue }
            if level == innermost { return index }
            let alias = declare(.alias(.outer(sort: .type, count: UInt32(innermost - level), index: index)))!
            scopes[innermost].indices[id] = alias
            return alias
        }
        return nil
    }

    /// The index of type `id` in the innermost scope, defining it (and what it refers to) when
    /// it is anonymous or a named type of the item being encoded.
    mutating func index(of id: WIT.TypeID) throws(WITEncodingError) -> UInt32 {
        if let index = visibleIndex(of: id) { return index }
        let def = resolve[type: id]
        guard let name = def.name else {
            let index = try defineAnonymous(def.kind)
            scopes[scopes.count - 1].indices[id] = index
            return index
        }
        // A named type of the interface or world being encoded, used before its definition.
        guard ownerIsBeingEncoded(def.owner) else {
            throw .unreachableType(name: name, usedIn: scopes[scopes.count - 1].description)
        }
        return try defineNamed(id, export: true)
    }

    /// Which owner's named types may be defined in the innermost scope.
    private var currentOwner: TypeOwner = .none

    private func ownerIsBeingEncoded(_ owner: TypeOwner) -> Bool {
        owner != .none && owner == currentOwner
    }

    /// The component value type for a WIT type.
    mutating func valueType(_ type: WITType) throws(WITEncodingError) -> ValueType {
        switch type {
        case .bool: .primitive(.bool)
        case .u8: .primitive(.u8)
        case .u16: .primitive(.u16)
        case .u32: .primitive(.u32)
        case .u64: .primitive(.u64)
        case .s8: .primitive(.s8)
        case .s16: .primitive(.s16)
        case .s32: .primitive(.s32)
        case .s64: .primitive(.s64)
        case .f32: .primitive(.f32)
        case .f64: .primitive(.f64)
        case .char: .primitive(.char)
        case .string: .primitive(.string)
        case .errorContext: .primitive(.errorContext)
        case .id(let id): .index(try index(of: id))
        }
    }

    private mutating func optionalValueType(_ type: WITType?) throws(WITEncodingError) -> ValueType? {
        guard let type else { return nil }
        return try valueType(type)
    }

    /// Defines the structure of a type (not a resource) and returns its index.
    private mutating func defineAnonymous(_ kind: TypeDefKind) throws(WITEncodingError) -> UInt32 {
        let defined: DefinedValueType
        switch kind {
        case .record(let fields):
            var labeled: [LabeledValueType] = []
            for field in fields { labeled.append(LabeledValueType(label: field.name, type: try valueType(field.type))) }
            defined = .record(labeled)
        case .resource:
            // Resources are always named; `defineNamed` exports them as `sub resource`.
            return defineType(.resource(ResourceType(representation: .i32, destructor: nil)))
        case .handle(.own(let resource)):
            defined = .own(try index(of: resource))
        case .handle(.borrow(let resource)):
            defined = .borrow(try index(of: resource))
        case .flags(let flags):
            defined = .flags(flags.map(\.name))
        case .tuple(let types):
            var values: [ValueType] = []
            for type in types { values.append(try valueType(type)) }
            defined = .tuple(values)
        case .variant(let cases):
            var values: [VariantCase] = []
            for item in cases { values.append(VariantCase(label: item.name, type: try optionalValueType(item.type))) }
            defined = .variant(values)
        case .enumeration(let cases):
            defined = .enum(cases.map(\.name))
        case .option(let type):
            defined = .option(try valueType(type))
        case .result(let ok, let err):
            defined = .result(ok: try optionalValueType(ok), error: try optionalValueType(err))
        case .list(let type):
            defined = .list(try valueType(type))
        case .map(let key, let value):
            defined = .map(key: try valueType(key), value: try valueType(value))
        case .fixedLengthList(let type, let size):
            defined = .fixedLengthList(try valueType(type), length: size)
        case .future(let type):
            defined = .future(try optionalValueType(type))
        case .stream(let type):
            defined = .stream(try optionalValueType(type))
        case .type(let type):
            switch try valueType(type) {
            case .index(let index): return index
            case .primitive(let primitive): defined = .primitive(primitive)
            }
        }
        return defineType(.defined(defined))
    }

    /// Defines named type `id` of the item being encoded and, when `export` is set, exports it
    /// from the innermost scope (instance types) — otherwise imports it (world types).
    @discardableResult
    private mutating func defineNamed(_ id: WIT.TypeID, export: Bool) throws(WITEncodingError) -> UInt32 {
        if let index = scopes[scopes.count - 1].indices[id] { return index }
        let def = resolve[type: id]
        let name = ExternName(def.name ?? "")
        let bound: TypeBound
        if case .resource = def.kind {
            bound = .subResource
        } else {
            bound = .equal(try defineAnonymous(def.kind))
        }
        let index = declare(export ? .export(name: name, type: .type(bound)) : .import(name: name, type: .type(bound)))!
        scopes[scopes.count - 1].indices[id] = index
        return index
    }

    /// Declares a function `name` of `function`'s type in the innermost scope.
    private mutating func declareFunction(_ function: Function, export: Bool) throws(WITEncodingError) {
        var parameters: [LabeledValueType] = []
        for param in function.params { parameters.append(LabeledValueType(label: param.name, type: try valueType(param.type))) }
        let type = ComponentFunctionType(isAsync: function.kind.isAsync, parameters: parameters, result: try optionalValueType(function.result))
        let index = defineType(.function(type))
        let name = ExternName(function.name)
        declare(export ? .export(name: name, type: .function(typeIndex: index)) : .import(name: name, type: .function(typeIndex: index)))
    }

    // MARK: Interfaces and worlds

    /// Defines the instance type of interface `id` in the current component scope and returns
    /// its type index.
    private mutating func defineInstanceType(_ id: InterfaceID) throws(WITEncodingError) -> UInt32 {
        let interface = resolve[interface: id]
        let outerOwner = currentOwner
        scopes.append(Scope(description: "interface \(resolve.qualifiedName(of: id) ?? interface.name ?? "<inline>")"))
        currentOwner = .interface(id)
        defer { currentOwner = outerOwner }
        for type in interface.types.values {
            try defineNamed(type, export: true)
        }
        // Like wit-component: the functions of each resource, in type order, then the
        // freestanding functions.
        let resources = interface.types.values.filter { resolve[type: $0].kind == .resource }
        for resource in resources {
            for function in interface.functions.values where function.kind.resource == resource {
                try declareFunction(function, export: true)
            }
        }
        for function in interface.functions.values where !(function.kind.resource.map(resources.contains) ?? false) {
            try declareFunction(function, export: true)
        }
        let scope = scopes.removeLast()
        return defineType(.instance(scope.declarations))
    }

    /// Imports (or exports) interface `id` under `name` in the component scope and makes its
    /// named types reachable for later items.
    mutating func declareInterface(_ id: InterfaceID, name: String, export: Bool) throws(WITEncodingError) {
        let typeIndex = try defineInstanceType(id)
        let name = ExternName(name)
        let instance = declare(export ? .export(name: name, type: .instance(typeIndex: typeIndex)) : .import(name: name, type: .instance(typeIndex: typeIndex)))!
        let last = scopes.count - 1
        // Anonymous types cached so far may refer to the previous instance of these types.
        scopes[last].indices = scopes[last].indices.filter { resolve[type: $0.key].name != nil && !resolve[interface: id].types.values.contains($0.key) }
        for (typeName, type) in resolve[interface: id].types {
            scopes[last].instanceExports[type] = (instance, typeName)
        }
    }

    /// Adds the imports and exports of world `id` to the component scope.
    mutating func declareWorld(_ id: WorldID) throws(WITEncodingError) {
        let world = resolve[world: id]
        currentOwner = .world(id)
        defer { currentOwner = .none }
        for (key, item) in world.imports {
            switch item {
            case .interface(let interface, _, _, _):
                try declareInterface(interface, name: resolve.name(of: key), export: false)
            case .type(let type, _):
                try defineNamed(type, export: false)
            case .function(let function):
                try declareFunction(function, export: false)
            }
        }
        for (key, item) in world.exports {
            switch item {
            case .interface(let interface, _, _, _):
                try declareInterface(interface, name: resolve.name(of: key), export: true)
            case .type(let type, _):
                try defineNamed(type, export: true)
            case .function(let function):
                try declareFunction(function, export: true)
            }
        }
    }

    /// Imports every interface `id` depends on (transitively, dependencies first), then exports
    /// `id` itself: the component type wit-component gives an interface of a package.
    mutating func declareStandaloneInterface(_ id: InterfaceID) throws(WITEncodingError) {
        var order: [InterfaceID] = []
        var seen: Set<InterfaceID> = [id]
        func visit(_ interface: InterfaceID) {
            for dependency in resolve.directDependencies(of: interface) where !seen.contains(dependency) {
                seen.insert(dependency)
                visit(dependency)
                order.append(dependency)
            }
        }
        visit(id)
        for dependency in order {
            try declareInterface(dependency, name: resolve.qualifiedName(of: dependency) ?? "", export: false)
        }
        try declareInterface(id, name: resolve.qualifiedName(of: id) ?? "", export: true)
    }
}
