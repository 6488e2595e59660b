// The syntax tree of one WIT file, as written (before name resolution).

/// An identifier with its position (`%` already stripped).
public struct WITIdentifier: Sendable {
    /// The name.
    public var name: String
    /// Where it is written.
    public var span: Span
}

/// The comments directly before an item, verbatim (all comments count as docs in WIT).
public struct WITDocComments: Sendable {
    /// Each comment's text including its `//` or `/* */` markers.
    public var comments: [String] = []
    /// The span of the comments.
    public var span: Span = .unknown
}

/// A gate attribute such as `@since(version = 0.2.0)`.
public enum WITAttribute: Sendable {
    case since(SemanticVersion, span: Span)
    case unstable(feature: WITIdentifier, span: Span)
    case deprecated(SemanticVersion, span: Span)
}

/// `namespace:name@version` as written.
public struct WITPackageNameSyntax: Sendable {
    /// Comments before a `package` declaration.
    public var docs: WITDocComments
    /// The whole name.
    public var span: Span
    /// Namespace part.
    public var namespace: WITIdentifier
    /// Name part.
    public var name: WITIdentifier
    /// Version part.
    public var version: SemanticVersion?

    /// The name as a value.
    public var packageName: PackageName {
        PackageName(namespace: namespace.name, name: name.name, version: version)
    }
}

/// One parsed WIT file (or the body of a nested `package a:b { ... }`).
public struct WITFileSyntax: Sendable {
    /// The `package a:b;` header (or the nested package's name).
    public var package: WITPackageNameSyntax?
    /// Top-level declarations in source order.
    public var items: [WITTopLevelItem]
}

/// A top-level declaration.
public enum WITTopLevelItem: Sendable {
    case interface(WITInterfaceSyntax)
    case world(WITWorldSyntax)
    case use(WITTopLevelUse)
    /// `package a:b { ... }`.
    case package(WITFileSyntax)
}

/// A path naming an interface or world: local `name` or `ns:pkg/name@version`.
public enum WITUsePath: Sendable {
    case local(WITIdentifier)
    case package(WITPackageNameSyntax, item: WITIdentifier)

    /// The interface or world name.
    public var item: WITIdentifier {
        switch self {
        case .local(let id), .package(_, let id): id
        }
    }
}

/// A top-level `use path [as name];`.
public struct WITTopLevelUse: Sendable {
    /// Where the `use` keyword is.
    public var span: Span
    /// Attributes (rejected by the resolver).
    public var attributes: [WITAttribute]
    /// What is used.
    public var path: WITUsePath
    /// The local alias.
    public var alias: WITIdentifier?
}

/// `use iface.{a, b as c};` inside an interface or world.
public struct WITUseSyntax: Sendable {
    /// Attributes.
    public var attributes: [WITAttribute]
    /// The interface types come from.
    public var from: WITUsePath
    /// The names with optional aliases.
    public var names: [(name: WITIdentifier, alias: WITIdentifier?)]
}

/// `interface name { ... }`.
public struct WITInterfaceSyntax: Sendable {
    /// Comments.
    public var docs: WITDocComments
    /// Attributes.
    public var attributes: [WITAttribute]
    /// Name.
    public var name: WITIdentifier
    /// Items in order.
    public var items: [WITInterfaceItemSyntax]
}

/// An item of an interface.
public enum WITInterfaceItemSyntax: Sendable {
    case typeDef(WITTypeDefSyntax)
    case function(WITNamedFunctionSyntax)
    case use(WITUseSyntax)
}

/// `world name { ... }`.
public struct WITWorldSyntax: Sendable {
    /// Comments.
    public var docs: WITDocComments
    /// Attributes.
    public var attributes: [WITAttribute]
    /// Name.
    public var name: WITIdentifier
    /// Items in order.
    public var items: [WITWorldItemSyntax]
}

/// An item of a world.
public enum WITWorldItemSyntax: Sendable {
    case `import`(WITExternSyntax)
    case export(WITExternSyntax)
    case use(WITUseSyntax)
    case type(WITTypeDefSyntax)
    case include(WITIncludeSyntax)
}

/// The body of an `import` or `export`.
public struct WITExternSyntax: Sendable {
    /// Comments.
    public var docs: WITDocComments
    /// Attributes.
    public var attributes: [WITAttribute]
    /// What is imported or exported.
    public var kind: WITExternKind
}

/// What an import or export names.
public enum WITExternKind: Sendable {
    /// `name: interface { ... }`.
    case interface(WITIdentifier, [WITInterfaceItemSyntax])
    /// `path;`.
    case path(WITUsePath)
    /// `name: func(...)`.
    case function(WITIdentifier, WITFunctionSyntax)
    /// `label: path;`.
    case namedPath(WITIdentifier, WITUsePath)

    /// The span errors about this item point at.
    public var span: Span {
        switch self {
        case .interface(let id, _), .function(let id, _), .namedPath(let id, _): id.span
        case .path(let path): path.item.span
        }
    }
}

/// `include path [with { a as b }];`.
public struct WITIncludeSyntax: Sendable {
    /// The included world.
    public var from: WITUsePath
    /// Attributes.
    public var attributes: [WITAttribute]
    /// Renames.
    public var names: [(name: WITIdentifier, alias: WITIdentifier)]
}

/// A named type definition (`type`, `record`, `resource`, ...).
public struct WITTypeDefSyntax: Sendable {
    /// Comments.
    public var docs: WITDocComments
    /// Attributes.
    public var attributes: [WITAttribute]
    /// Name.
    public var name: WITIdentifier
    /// Definition.
    public var type: WITTypeSyntax
}

/// A type expression.
public indirect enum WITTypeSyntax: Sendable {
    case primitive(WITType, Span)
    case name(WITIdentifier)
    case list(WITTypeSyntax, Span)
    case map(WITTypeSyntax, WITTypeSyntax, Span)
    case fixedLengthList(WITTypeSyntax, size: UInt32, Span)
    case own(WITIdentifier)
    case borrow(WITIdentifier)
    case resource([WITResourceFunctionSyntax], Span)
    case record([WITFieldSyntax], Span)
    case flags([(docs: WITDocComments, name: WITIdentifier)], Span)
    case variant([WITCaseSyntax], Span)
    case tuple([WITTypeSyntax], Span)
    case enumeration([(docs: WITDocComments, name: WITIdentifier)], Span)
    case option(WITTypeSyntax, Span)
    case result(ok: WITTypeSyntax?, err: WITTypeSyntax?, Span)
    case future(WITTypeSyntax?, Span)
    case stream(WITTypeSyntax?, Span)

    /// Where the type is written.
    public var span: Span {
        switch self {
        case .primitive(_, let s), .list(_, let s), .map(_, _, let s), .fixedLengthList(_, _, let s),
            .resource(_, let s), .record(_, let s), .flags(_, let s), .variant(_, let s), .tuple(_, let s),
            .enumeration(_, let s), .option(_, let s), .result(_, _, let s), .future(_, let s), .stream(_, let s):
            s
        case .name(let id), .own(let id), .borrow(let id): id.span
        }
    }
}

/// A record field as written.
public struct WITFieldSyntax: Sendable {
    /// Comments.
    public var docs: WITDocComments
    /// Name.
    public var name: WITIdentifier
    /// Type.
    public var type: WITTypeSyntax
}

/// A variant case as written.
public struct WITCaseSyntax: Sendable {
    /// Comments.
    public var docs: WITDocComments
    /// Name.
    public var name: WITIdentifier
    /// Payload.
    public var type: WITTypeSyntax?
}

/// A function inside a `resource { ... }` block.
public struct WITResourceFunctionSyntax: Sendable {
    /// Method, static function or constructor.
    public enum Kind: Sendable { case method, `static`, constructor }
    /// Which one.
    public var kind: Kind
    /// The function.
    public var function: WITNamedFunctionSyntax
}

/// `name: func(...)` with its docs and attributes.
public struct WITNamedFunctionSyntax: Sendable {
    /// Comments.
    public var docs: WITDocComments
    /// Attributes.
    public var attributes: [WITAttribute]
    /// Name (`constructor` for constructors).
    public var name: WITIdentifier
    /// Signature.
    public var function: WITFunctionSyntax
}

/// A function signature.
public struct WITFunctionSyntax: Sendable {
    /// Where `func` (or `constructor`) is written.
    public var span: Span
    /// Whether it is `async func`.
    public var isAsync: Bool
    /// Parameters.
    public var params: [(name: WITIdentifier, type: WITTypeSyntax)]
    /// Result.
    public var result: WITTypeSyntax?
}
