/// The key of a world import or export: a plain name or an interface reference.
public enum WorldKey: Hashable, Sendable {
    case name(String)
    case interface(InterfaceID)
}

/// An import or export of a world.
public enum WorldItem: Hashable, Sendable {
    /// An interface.
    case interface(id: InterfaceID, stability: Stability, docs: Docs, span: Span)
    /// A function.
    case function(Function)
    /// A type (imports only).
    case type(id: TypeID, span: Span)

    /// Where the item is written.
    public var span: Span {
        switch self {
        case .interface(_, _, _, let span): span
        case .function(let f): f.span
        case .type(_, let span): span
        }
    }
}

/// A pending `include` of another world (resolved while the package is appended).
struct WorldInclude: Hashable, Sendable {
    var stability: Stability
    var world: WorldID
    var names: [(name: String, as: String)]
    var span: Span

    static func == (a: WorldInclude, b: WorldInclude) -> Bool {
        a.stability == b.stability && a.world == b.world && a.span == b.span
            && a.names.elementsEqual(b.names, by: { $0.name == $1.name && $0.as == $1.as })
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(world)
        hasher.combine(span)
    }
}

/// A world: the imports and exports of a component.
public struct World: Hashable, Sendable {
    /// World name.
    public var name: String
    /// Imports, elaborated: every interface an import depends on is listed before it.
    public var imports: OrderedDictionary<WorldKey, WorldItem>
    /// Exports.
    public var exports: OrderedDictionary<WorldKey, WorldItem>
    /// The package defining the world.
    public var package: PackageID?
    /// Doc comments.
    public var docs: Docs
    /// Feature gate.
    public var stability: Stability
    /// Where the world is named.
    public var span: Span
    /// `include`s still to merge (empty once resolved).
    var includes: [WorldInclude] = []
    /// The `include`s the world was declared with, in source order, after merging.
    public var inclusions: [WorldInclusion] = []
    /// Import keys that only merged `include`s contributed (not declared by the world itself).
    public var importsFromInclusions: Set<WorldKey> = []
    /// Export keys that only merged `include`s contributed.
    public var exportsFromInclusions: Set<WorldKey> = []
}

/// A world `include` as declared, kept after merging so the world prints as written.
public struct WorldInclusion: Hashable, Sendable {
    /// One `with { name as alias }` rename.
    public struct Rename: Hashable, Sendable {
        /// The name in the included world.
        public var name: String
        /// The name in the including world.
        public var alias: String
    }

    /// The included world.
    public var world: WorldID
    /// Renames applied to the included names.
    public var renames: [Rename]
    /// Feature gate of the `include`.
    public var stability: Stability
}
