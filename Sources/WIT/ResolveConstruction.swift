/// Building a `Resolve` from something other than WIT text — a component binary decoded by
/// WITComponent — item by item. Items appended here carry no source spans; whoever builds them
/// is responsible for the cross-references being valid, as the WIT resolver is for its own.
extension Resolve {
    /// Appends a type definition and returns its id.
    public mutating func append(type: TypeDef) -> TypeID {
        types.append(type)
        return TypeID(types.count - 1)
    }

    /// Appends an interface and returns its id.
    public mutating func append(interface: Interface) -> InterfaceID {
        interfaces.append(interface)
        return InterfaceID(interfaces.count - 1)
    }

    /// Appends a world and returns its id.
    public mutating func append(world: World) -> WorldID {
        worlds.append(world)
        return WorldID(worlds.count - 1)
    }

    /// Appends a package, registers its name, and returns its id; a package of that name must
    /// not exist yet.
    public mutating func append(package: Package) -> PackageID {
        packages.append(package)
        let id = PackageID(packages.count - 1)
        packageNames[package.name] = id
        return id
    }

    /// Changes the interface `id` in place.
    public mutating func update(interface id: InterfaceID, _ change: (inout Interface) -> Void) {
        change(&interfaces[id.index])
    }

    /// Changes the world `id` in place.
    public mutating func update(world id: WorldID, _ change: (inout World) -> Void) {
        change(&worlds[id.index])
    }

    /// Changes the package `id` in place (its name must stay the same).
    public mutating func update(package id: PackageID, _ change: (inout Package) -> Void) {
        change(&packages[id.index])
    }

    /// Changes the type `id` in place.
    public mutating func update(type id: TypeID, _ change: (inout TypeDef) -> Void) {
        change(&types[id.index])
    }
}

extension TypeDef {
    /// A type definition without a source location.
    public init(name: String?, kind: TypeDefKind, owner: TypeOwner, docs: Docs = Docs(), stability: Stability = .unknown) {
        self.init(name: name, kind: kind, owner: owner, docs: docs, stability: stability, span: .unknown)
    }
}

extension Interface {
    /// An empty interface without a source location.
    public init(name: String?, package: PackageID? = nil, docs: Docs = Docs(), stability: Stability = .unknown) {
        self.init(name: name, types: OrderedDictionary(), functions: OrderedDictionary(), docs: docs,
                  stability: stability, package: package, cloneOf: nil, span: .unknown)
    }
}

extension World {
    /// An empty world without a source location.
    public init(name: String, package: PackageID? = nil, docs: Docs = Docs(), stability: Stability = .unknown) {
        self.init(name: name, imports: OrderedDictionary(), exports: OrderedDictionary(), package: package,
                  docs: docs, stability: stability, span: .unknown)
    }
}

extension Package {
    /// An empty package.
    public init(named name: PackageName, docs: Docs = Docs()) {
        self.init(name: name, docs: docs, interfaces: OrderedDictionary(), worlds: OrderedDictionary())
    }
}

extension Function {
    /// A function without a source location.
    public init(name: String, kind: FunctionKind, params: [Param], result: WITType?, docs: Docs = Docs(), stability: Stability = .unknown) {
        self.init(name: name, kind: kind, params: params, result: result, docs: docs, stability: stability, span: .unknown)
    }
}

extension Param {
    /// A parameter without a source location.
    public init(name: String, type: WITType) {
        self.init(name: name, type: type, span: .unknown)
    }
}

extension Field {
    /// A record field without a source location.
    public init(name: String, type: WITType, docs: Docs = Docs()) {
        self.init(name: name, type: type, docs: docs, span: .unknown)
    }
}

extension Case {
    /// A variant case (without docs).
    public init(named name: String, type: WITType?) {
        self.init(name: name, type: type, docs: Docs())
    }
}

extension Flag {
    /// A flag (without docs).
    public init(named name: String) {
        self.init(name: name, docs: Docs())
    }
}

extension EnumCase {
    /// An enum case (without docs).
    public init(named name: String) {
        self.init(name: name, docs: Docs())
    }
}
