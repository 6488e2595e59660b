import ComponentModel
import WIT

/// Turns the validated types of a component into WIT items inside a `Resolve`, the inverse of
/// `ComponentTypeBuilder` and the way wit-parser's decoder reads wasmparser's types:
/// - an instance type is an interface: its type exports are named types, its function exports
///   functions; an instance named `ns:pkg/iface@v` is that interface of that package, created
///   lazily (with only the items seen) when the package is not the one being decoded;
/// - a type export made equal to a type already decoded (an `eq` bound or an outer alias of
///   another interface's type) is a `use`: `type t = other.t`;
/// - a component type exported by a package is a world.
///
/// Each component type identifier is decoded once (`decoded`), so anonymous types such as
/// `list<u8>` appear once per definition in the binary, as with wit-parser.
struct WITTypeDecoder {
    typealias ComponentTypeID = ComponentModel.TypeID
    typealias WITTypeID = WIT.TypeID

    /// The interfaces and worlds of the package being decoded, by name.
    struct PackageItems {
        var interfaces = OrderedDictionary<String, InterfaceID>()
        var worlds = OrderedDictionary<String, WorldID>()
    }

    var resolve: Resolve
    let types: TypeArena
    /// Packages seen only through the interfaces used from them, in first-use order.
    private var foreignPackages: [PackageName] = []
    private var foreignItems: [PackageName: OrderedDictionary<String, InterfaceID>] = [:]
    private var interfacePackage: [InterfaceID: PackageName] = [:]
    /// Interfaces of the package being decoded by their qualified name.
    private var namedInterfaces: [String: InterfaceID] = [:]
    /// Resources by owner and name, for resource functions.
    private var resources: [TypeOwner: [String: WITTypeID]] = [:]
    /// Resources by identity, for handles whose type identifier was never decoded itself.
    private var resourceTypes: [ResourceID: WITTypeID] = [:]
    /// What each component type identifier became.
    private var decoded: [ComponentTypeID: WITTypeID] = [:]

    /// A decoder adding to `resolve` the WIT of types stored in `types`.
    init(resolve: Resolve, types: TypeArena) {
        self.resolve = resolve
        self.types = types
    }

    // MARK: Packages

    /// The package name of an interface name `ns:pkg/iface@v`, and the interface name.
    static func interfaceName(_ name: String) throws(WITDecodingError) -> (package: PackageName, interface: String) {
        let parsed: InterfaceName
        do { parsed = try InterfaceName(parsing: name) } catch { throw WITDecodingError("`\(name)` is not an interface name: \(error)") }
        var version: SemanticVersion?
        if let text = parsed.version {
            guard case .success(let value) = SemanticVersion.parse(text) else {
                throw WITDecodingError("`\(name)` has an invalid version")
            }
            version = value
        }
        return (PackageName(namespace: parsed.namespace, name: parsed.package, version: version), parsed.interface)
    }

    /// The interface `name` (`ns:pkg/iface@v`) of a package other than the one being decoded,
    /// created empty on first use — or taken from the resolve when it already has the package.
    private mutating func dependencyInterface(_ name: String) throws(WITDecodingError) -> InterfaceID {
        let (package, interface) = try Self.interfaceName(name)
        if let existing = resolve.packageNames[package] {
            guard let id = resolve[package: existing].interfaces[interface] else {
                throw WITDecodingError("package \(package) has no interface `\(interface)`")
            }
            return id
        }
        if foreignItems[package] == nil {
            foreignPackages.append(package)
            foreignItems[package] = OrderedDictionary()
        }
        if let id = foreignItems[package]?[interface] { return id }
        let id = resolve.append(interface: Interface(name: interface))
        foreignItems[package]?[interface] = id
        interfacePackage[id] = package
        return id
    }

    /// Adds the package `name` with `items`, after the foreign packages it depends on (in
    /// dependency order), and gives every interface and world its package.
    mutating func finish(_ name: PackageName, _ items: PackageItems) throws(WITDecodingError) -> PackageID {
        guard resolve.packageNames[name] == nil else {
            throw WITDecodingError("package \(name) is defined in two different locations")
        }
        var placed: Set<PackageName> = []
        var order: [PackageName] = []
        func visit(_ package: PackageName) {
            guard !placed.contains(package) else { return }
            placed.insert(package)
            for interface in foreignItems[package]?.values ?? [] {
                for dependency in resolve.directDependencies(of: interface) {
                    if let other = interfacePackage[dependency], other != package { visit(other) }
                }
            }
            order.append(package)
        }
        for package in foreignPackages { visit(package) }
        for package in order {
            _ = insert(package, interfaces: foreignItems[package] ?? OrderedDictionary(), worlds: OrderedDictionary())
        }
        return insert(name, interfaces: items.interfaces, worlds: items.worlds)
    }

    private mutating func insert(_ name: PackageName, interfaces: OrderedDictionary<String, InterfaceID>,
                                 worlds: OrderedDictionary<String, WorldID>) -> PackageID {
        var package = Package(named: name)
        package.interfaces = interfaces
        package.worlds = worlds
        let id = resolve.append(package: package)
        for interface in interfaces.values {
            resolve.update(interface: interface) { $0.package = id }
        }
        for world in worlds.values {
            resolve.update(world: world) { $0.package = id }
            let items = resolve[world: world].imports.values + resolve[world: world].exports.values
            for case .interface(let interface, _, _, _) in items where resolve[interface: interface].name == nil {
                resolve.update(interface: interface) { $0.package = id }
            }
        }
        return id
    }

    // MARK: Interfaces and worlds

    /// An instance named by an interface name that is either an interface of the package being
    /// decoded (whose items must already be defined) or of another package (whose items are
    /// filled in as they are seen).
    mutating func registerImport(_ name: String, _ instance: ResolvedInstanceType) throws(WITDecodingError) -> InterfaceID {
        let local = namedInterfaces[name]
        let interface: InterfaceID
        if let local { interface = local } else { interface = try dependencyInterface(name) }
        let owner = TypeOwner.interface(interface)
        for export in instance.exports {
            switch export.type {
            case .type(let created):
                if let existing = resolve[interface: interface].types[export.name] {
                    if case .defined(let structure) = types[created] {
                        try register(structure, as: existing)
                    }
                    decoded[created] = existing
                } else {
                    if local != nil { throw WITDecodingError("instance type export `\(export.name)` not defined in interface") }
                    let id = try registerTypeExport(export.name, owner: owner, created: created)
                    resolve.update(interface: interface) { $0.types[export.name] = id }
                }
            case .function(let function):
                if resolve[interface: interface].functions[export.name] != nil { continue }
                if local != nil { throw WITDecodingError("instance function export `\(export.name)` not defined in interface") }
                let converted = try convertFunction(export.name, try functionType(function), owner: owner)
                resolve.update(interface: interface) { $0.functions[export.name] = converted }
            default:
                throw WITDecodingError("instance type export `\(export.name)` is not a type")
            }
        }
        return interface
    }

    /// A new interface from an instance type: named (`ns:pkg/iface`, part of the package being
    /// decoded) or inline (a plain name in a world). An interface name already decoded refers
    /// back to that interface.
    mutating func registerInterface(_ name: String, _ instance: ResolvedInstanceType,
                                    into package: inout PackageItems) throws(WITDecodingError) -> (WorldKey, InterfaceID) {
        if namedInterfaces[name] != nil {
            let id = try registerImport(name, instance)
            return (.interface(id), id)
        }
        let interfaceName = name.contains(":") ? try Self.interfaceName(name).interface : nil
        var interface = Interface(name: interfaceName)
        let owner = TypeOwner.interface(InterfaceID(resolve.interfaces.count))
        for export in instance.exports {
            switch export.type {
            case .type(let created):
                do throws(WITDecodingError) {
                    interface.types[export.name] = try registerTypeExport(export.name, owner: owner, created: created)
                } catch { throw error.within("type export `\(export.name)`") }
            case .function(let function):
                do throws(WITDecodingError) {
                    interface.functions[export.name] = try convertFunction(export.name, try functionType(function), owner: owner)
                } catch { throw error.within("function `\(export.name)`") }
            default:
                throw WITDecodingError("instance type export `\(export.name)` is not a type or function")
            }
        }
        let id = resolve.append(interface: interface)
        guard let interfaceName else { return (.name(name), id) }
        package.interfaces[interfaceName] = id
        namedInterfaces[name] = id
        return (.interface(id), id)
    }

    /// An interface import or export of a world: by interface name, or inline by plain name.
    private mutating func worldInterface(_ name: String, _ instance: ResolvedInstanceType,
                                         into package: inout PackageItems) throws(WITDecodingError) -> (WorldKey, WorldItem) {
        let key: WorldKey
        let id: InterfaceID
        if name.contains("/") {
            id = try registerImport(name, instance)
            key = .interface(id)
        } else {
            (key, id) = try registerInterface(name, instance, into: &package)
        }
        return (key, .interface(id: id, stability: .unknown, docs: Docs(), span: .unknown))
    }

    /// The world `name` (`ns:pkg/world`) of a component type.
    mutating func registerWorld(_ name: String, _ component: ResolvedComponentType,
                                into package: inout PackageItems) throws(WITDecodingError) -> WorldID {
        let worldName = try Self.interfaceName(name).interface
        let id = resolve.append(world: World(name: worldName))
        let items = component.imports.map { ($0, true) } + component.exports.map { ($0, false) }
        try addWorldItems(id, items, skipsOtherImports: false, into: &package)
        package.worlds[worldName] = id
        return id
    }

    /// Adds imports and exports, in the given order, to world `world`. Only instances,
    /// functions and imported types are part of a world; other imports are an error unless
    /// `skipsOtherImports` (a component may import modules or components).
    mutating func addWorldItems(_ world: WorldID, _ items: [(item: NamedEntity, isImport: Bool)], skipsOtherImports: Bool,
                                into package: inout PackageItems) throws(WITDecodingError) {
        for (item, isImport) in items {
            let what = "\(isImport ? "import" : "export") `\(item.name)`"
            do throws(WITDecodingError) {
                if let (key, decodedItem) = try worldItem(item, world: world, isImport: isImport, into: &package) {
                    resolve.update(world: world) {
                        if isImport { $0.imports[key] = decodedItem } else { $0.exports[key] = decodedItem }
                    }
                } else if !isImport {
                    throw WITDecodingError("component export `\(item.name)` is not an instance or function")
                } else if !skipsOtherImports {
                    throw WITDecodingError("component import `\(item.name)` is not an instance, func, or type")
                }
            } catch { throw error.within(what) }
        }
    }

    private mutating func worldItem(_ item: NamedEntity, world: WorldID, isImport: Bool,
                                    into package: inout PackageItems) throws(WITDecodingError) -> (WorldKey, WorldItem)? {
        let owner = TypeOwner.world(world)
        switch item.type {
        case .instance(let id):
            guard case .instance(let instance) = types[id] else { return nil }
            return try worldInterface(item.name, instance, into: &package)
        case .function(let id):
            guard case .function(let function) = types[id] else { return nil }
            return (.name(item.name), .function(try convertFunction(item.name, function, owner: owner)))
        case .type(let created) where isImport:
            return (.name(item.name), .type(id: try registerTypeExport(item.name, owner: owner, created: created), span: .unknown))
        default:
            return nil
        }
    }

    // MARK: Types

    private func functionType(_ id: ComponentTypeID) throws(WITDecodingError) -> ResolvedFunctionType {
        guard case .function(let type) = types[id] else { throw WITDecodingError("a function export does not have a function type") }
        return type
    }

    /// The WIT type a component type identifier or one of its aliases was decoded to.
    private func decodedAlias(_ id: ComponentTypeID) -> WITTypeID? {
        var current: ComponentTypeID? = id
        while let candidate = current {
            if let found = decoded[candidate] { return found }
            current = types.aliasTarget(of: candidate)
        }
        return nil
    }

    /// A named type exported by an interface or imported by a world: a `use` of a type decoded
    /// before, a resource, or a new definition.
    private mutating func registerTypeExport(_ name: String, owner: TypeOwner, created: ComponentTypeID) throws(WITDecodingError) -> WITTypeID {
        let referenced = types.aliasTarget(of: created) ?? created
        let kind: TypeDefKind
        var resource: ResourceID?
        if let previous = decodedAlias(referenced) {
            kind = .type(.id(previous))
        } else {
            switch types[created] {
            case .resource(let id):
                resource = id
                kind = .resource
            case .defined(let structure):
                kind = try convertDefined(structure)
            default:
                throw WITDecodingError("type export `\(name)` is not a value type or a resource")
            }
        }
        let id = resolve.append(type: TypeDef(name: name, kind: kind, owner: owner))
        if let resource {
            resources[owner, default: [:]][name] = id
            if resourceTypes[resource] == nil { resourceTypes[resource] = id }
        }
        decoded[created] = id
        return id
    }

    /// A function of an interface or world; resource functions are attached to the resource of
    /// that name defined by the same owner.
    private mutating func convertFunction(_ name: String, _ type: ResolvedFunctionType, owner: TypeOwner) throws(WITDecodingError) -> Function {
        var params: [Param] = []
        for parameter in type.parameters {
            params.append(Param(name: parameter.label, type: try convertValueType(parameter.type)))
        }
        let result = try type.result.map { (value) throws(WITDecodingError) in try convertValueType(value) }
        let syntax: ExternNameSyntax
        do { syntax = try ExternNameSyntax(parsing: name) } catch { throw WITDecodingError("`\(name)` is not a function name: \(error)") }
        func resource(_ resourceName: String) throws(WITDecodingError) -> WITTypeID {
            guard let id = resources[owner]?[resourceName] else {
                throw WITDecodingError("function `\(name)` refers to resource `\(resourceName)`, which is not defined here")
            }
            return id
        }
        let kind: FunctionKind
        switch syntax {
        case .label: kind = type.isAsync ? .asyncFreestanding : .freestanding
        case .constructor(let r): kind = .constructor(try resource(r))
        case .method(let r, _): kind = type.isAsync ? .asyncMethod(try resource(r)) : .method(try resource(r))
        case .static(let r, _): kind = type.isAsync ? .asyncStatic(try resource(r)) : .static(try resource(r))
        default: throw WITDecodingError("`\(name)` is not a function name")
        }
        return Function(name: name, kind: kind, params: params, result: result)
    }

    private mutating func convertValueType(_ type: ResolvedValueType) throws(WITDecodingError) -> WITType {
        switch type {
        case .primitive(let primitive):
            return Self.primitive(primitive)
        case .defined(let id):
            if let existing = decoded[id] { return .id(existing) }
            guard case .defined(let structure) = types[id] else {
                throw WITDecodingError("a value type refers to a type that is not a value type")
            }
            let kind = try convertDefined(structure)
            switch kind {
            case .record, .resource, .enumeration, .variant, .flags:
                throw WITDecodingError("unexpected unnamed type of kind '\(kind.keyword)'")
            default:
                break
            }
            let new = resolve.append(type: TypeDef(name: nil, kind: kind, owner: .none))
            decoded[id] = new
            return .id(new)
        }
    }

    private mutating func convertOptional(_ type: ResolvedValueType?) throws(WITDecodingError) -> WITType? {
        guard let type else { return nil }
        return try convertValueType(type)
    }

    /// The resource type a handle refers to.
    private func handleTarget(_ id: ComponentTypeID) throws(WITDecodingError) -> WITTypeID {
        if let found = decodedAlias(id) { return found }
        if case .resource(let resource) = types[id], let found = resourceTypes[resource] { return found }
        throw WITDecodingError("a handle refers to a resource that is not exported by name")
    }

    private mutating func convertDefined(_ type: ResolvedDefinedType) throws(WITDecodingError) -> TypeDefKind {
        switch type {
        case .primitive(let primitive):
            return .type(Self.primitive(primitive))
        case .record(let fields):
            var converted: [Field] = []
            for field in fields { converted.append(Field(name: field.label, type: try convertValueType(field.type))) }
            return .record(converted)
        case .variant(let cases):
            var converted: [Case] = []
            for item in cases { converted.append(Case(named: item.label, type: try convertOptional(item.type))) }
            return .variant(converted)
        case .list(let element):
            return .list(try convertValueType(element))
        case .fixedLengthList(let element, let length):
            return .fixedLengthList(try convertValueType(element), size: length)
        case .tuple(let elements):
            var converted: [WITType] = []
            for element in elements { converted.append(try convertValueType(element)) }
            return .tuple(converted)
        case .flags(let names):
            return .flags(names.map { Flag(named: $0) })
        case .enum(let names):
            return .enumeration(names.map { EnumCase(named: $0) })
        case .option(let payload):
            return .option(try convertValueType(payload))
        case .result(let ok, let error):
            return .result(ok: try convertOptional(ok), err: try convertOptional(error))
        case .own(let resource):
            return .handle(.own(try handleTarget(resource)))
        case .borrow(let resource):
            return .handle(.borrow(try handleTarget(resource)))
        case .stream(let element):
            return .stream(try convertOptional(element))
        case .future(let element):
            return .future(try convertOptional(element))
        case .map(let key, let value):
            return .map(key: try convertValueType(key), value: try convertValueType(value))
        }
    }

    private static func primitive(_ type: PrimitiveValueType) -> WITType {
        switch type {
        case .bool: .bool
        case .s8: .s8
        case .u8: .u8
        case .s16: .s16
        case .u16: .u16
        case .s32: .s32
        case .u32: .u32
        case .s64: .s64
        case .u64: .u64
        case .f32: .f32
        case .f64: .f64
        case .char: .char
        case .string: .string
        case .errorContext: .errorContext
        }
    }

    // MARK: Unifying with known types

    /// Records that the anonymous types inside `structure` are the ones inside the WIT type
    /// `id` (already decoded from another declaration of the same interface), so they are not
    /// decoded a second time.
    private mutating func register(_ structure: ResolvedDefinedType, as id: WITTypeID) throws(WITDecodingError) {
        let kind = resolve[type: id].kind
        if case .type(.id) = kind { return }
        func mismatch(_ what: String) -> WITDecodingError { WITDecodingError("expected \(what) for `\(resolve[type: id].name ?? "type")`") }
        switch (structure, kind) {
        case (.list(let a), .list(let b)), (.option(let a), .option(let b)):
            try register(a, as: b)
        case (.fixedLengthList(let a, _), .fixedLengthList(let b, _)):
            try register(a, as: b)
        case (.tuple(let a), .tuple(let b)):
            guard a.count == b.count else { throw mismatch("a tuple of \(a.count)") }
            for (x, y) in zip(a, b) { try register(x, as: y) }
        case (.result(let okA, let errorA), .result(let okB, let errorB)):
            try register(okA, as: okB)
            try register(errorA, as: errorB)
        case (.record(let a), .record(let b)):
            guard a.map(\.label) == b.map(\.name) else { throw mismatch("the same record fields") }
            for (x, y) in zip(a, b) { try register(x.type, as: y.type) }
        case (.variant(let a), .variant(let b)):
            guard a.map(\.label) == b.map(\.name) else { throw mismatch("the same variant cases") }
            for (x, y) in zip(a, b) { try register(x.type, as: y.type) }
        case (.future(let a), .future(let b)), (.stream(let a), .stream(let b)):
            try register(a, as: b)
        case (.map(let keyA, let valueA), .map(let keyB, let valueB)):
            try register(keyA, as: keyB)
            try register(valueA, as: valueB)
        case (.primitive, _), (.flags, _), (.enum, _), (.own, _), (.borrow, _):
            return
        default:
            throw mismatch("a \(kind.keyword)")
        }
    }

    private mutating func register(_ value: ResolvedValueType?, as type: WITType?) throws(WITDecodingError) {
        switch (value, type) {
        case (nil, nil), (.primitive?, _):
            return
        case (.defined(let component)?, .id(let wit)?):
            let previous = decoded.updateValue(wit, forKey: component)
            guard previous == nil, case .defined(let structure) = types[component] else { return }
            try register(structure, as: wit)
        default:
            throw WITDecodingError("disagreement on the structure of a type")
        }
    }
}
