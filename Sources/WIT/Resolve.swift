/// A fully resolved set of WIT packages: arenas of worlds, interfaces, types and packages
/// that refer to each other by index, in the same layout as wasm-tools' wit-parser
/// `Resolve` (and its `--json` output).
public struct Resolve: Sendable {
    /// All worlds.
    public internal(set) var worlds: [World] = []
    /// All interfaces (named ones and inline ones from worlds).
    public internal(set) var interfaces: [Interface] = []
    /// All types, named and anonymous.
    public internal(set) var types: [TypeDef] = []
    /// All packages, dependencies before dependents.
    public internal(set) var packages: [Package] = []
    /// Package ids by name.
    public internal(set) var packageNames: [PackageName: PackageID] = [:]
    /// Features for which `@unstable(feature = ..)` items are kept.
    public var features: Set<String>
    /// Keep every `@unstable` item regardless of `features`.
    public var allFeatures: Bool
    /// The source files read so far; errors and spans point into it.
    public internal(set) var sourceMap = SourceMap()
    /// Reads `.wasm` WIT packages (top-level inputs and files in `deps/`); without one the
    /// loader rejects them.
    public var binaryDecoder: (any BinaryWITDecoder)?

    /// Creates an empty resolve with the given unstable features enabled.
    public init(features: Set<String> = [], allFeatures: Bool = false) {
        self.features = features
        self.allFeatures = allFeatures
    }

    /// The type with the given id.
    public subscript(type id: TypeID) -> TypeDef { types[id.index] }
    /// The interface with the given id.
    public subscript(interface id: InterfaceID) -> Interface { interfaces[id.index] }
    /// The world with the given id.
    public subscript(world id: WorldID) -> World { worlds[id.index] }
    /// The package with the given id.
    public subscript(package id: PackageID) -> Package { packages[id.index] }

    /// The `ns:pkg/name@version` id of a named interface, `nil` for inline interfaces.
    public func qualifiedName(of interface: InterfaceID) -> String? {
        let iface = interfaces[interface.index]
        guard let name = iface.name, let package = iface.package else { return nil }
        return packages[package.index].name.interfaceID(name)
    }

    /// The name under which a world item is imported or exported.
    public func name(of key: WorldKey) -> String {
        switch key {
        case .name(let name): name
        case .interface(let id): qualifiedName(of: id) ?? interfaces[id.index].name ?? "<anonymous>"
        }
    }

    /// The interface a `use`-alias type refers into, if it points to another owner.
    public func interfaceDependency(of type: TypeID) -> InterfaceID? {
        let def = types[type.index]
        guard case .type(.id(let target)) = def.kind else { return nil }
        let other = types[target.index]
        guard other.owner != def.owner, case .interface(let id) = other.owner else { return nil }
        return id
    }

    /// The interfaces an interface uses types from (direct dependencies, possibly repeated).
    public func directDependencies(of interface: InterfaceID) -> [InterfaceID] {
        interfaces[interface.index].types.values.compactMap { interfaceDependency(of: $0) }
    }

    /// Whether an item with this gate is part of the resolution; rejects `@since`
    /// versions the package has not reached.
    func includes(_ stability: Stability, package: PackageID, span: Span) throws(WITDiagnostic) -> Bool {
        switch stability {
        case .unknown:
            return true
        case .stable(let since, _):
            let name = packages[package.index].name
            guard let version = name.version else {
                throw WITDiagnostic(span, "package [\(name)] contains a feature gate with a version specifier, so it must have a version")
            }
            if since > version {
                throw WITDiagnostic(span, "feature gate cannot reference unreleased version \(since) of package [\(name)] (current version \(version))")
            }
            return true
        case .unstable(let feature, _):
            return allFeatures || features.contains(feature)
        }
    }
}
