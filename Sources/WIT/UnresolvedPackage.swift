/// A package's interfaces, worlds and types after name resolution within the package,
/// with references to other packages still pending. Foreign interfaces, worlds and types
/// come first in their arenas as placeholders; `PackageAppender` maps them onto a `Resolve`.
struct UnresolvedPackage: Sendable {
    /// A type of this package's arena.
    enum TypeEntry: Sendable {
        /// A type named in a `use` of a foreign interface; its structure is not known yet.
        case foreign(name: String, interface: InterfaceID, stability: Stability, span: Span)
        /// A type defined (or aliased) by this package.
        case defined(TypeDef)
    }

    /// An interface or world of a foreign package used by this one.
    struct ForeignItem: Hashable, Sendable {
        var item: PackageItem
        var stabilities: [Stability]
    }

    /// What this package uses from one foreign package.
    struct ForeignPackage: Sendable {
        var name: PackageName
        var span: Span
        var items: OrderedDictionary<String, ForeignItem>
    }

    var name: PackageName
    var nameSpan: Span
    var docs: Docs
    var worlds: [World]
    var interfaces: [Interface]
    var types: [TypeEntry]
    var foreignPackages: [ForeignPackage]
    /// Every statement inside an interface or world that names a foreign interface or world.
    var foreignReferences: [ExcludedReference]
    /// Foreign types that handles require to be resources, checked once the foreign package is known.
    var requiredResourceTypes: [(TypeID, Span)]
}

/// An interface or a world of a package.
enum PackageItem: Hashable, Sendable {
    case interface(InterfaceID)
    case world(WorldID)
}
