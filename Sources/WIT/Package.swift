/// A package name `namespace:name[@version]`.
public struct PackageName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The namespace, e.g. `wasi`.
    public var namespace: String
    /// The name, e.g. `io`.
    public var name: String
    /// The version, if any.
    public var version: SemanticVersion?

    /// Creates a package name.
    public init(namespace: String, name: String, version: SemanticVersion? = nil) {
        self.namespace = namespace
        self.name = name
        self.version = version
    }

    /// `namespace:name@version`.
    public var description: String {
        var text = "\(namespace):\(name)"
        if let version { text += "@\(version)" }
        return text
    }

    /// The id of an interface in this package, `namespace:name/interface@version`.
    public func interfaceID(_ interface: String) -> String {
        var text = "\(namespace):\(name)/\(interface)"
        if let version { text += "@\(version)" }
        return text
    }

    /// Orders by namespace, name, then version (no version first).
    public static func < (a: PackageName, b: PackageName) -> Bool {
        if a.namespace != b.namespace { return a.namespace < b.namespace }
        if a.name != b.name { return a.name < b.name }
        switch (a.version, b.version) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?): return x < y
        }
    }
}

/// A resolved package: its interfaces and worlds by name.
public struct Package: Hashable, Sendable {
    /// The package name.
    public var name: PackageName
    /// Doc comments on the `package` declaration.
    public var docs: Docs
    /// Interfaces by name, in resolution order.
    public var interfaces: OrderedDictionary<String, InterfaceID>
    /// Worlds by name, in resolution order.
    public var worlds: OrderedDictionary<String, WorldID>
    /// Statements naming other packages that feature gates excluded, in source order.
    public var excludedReferences: [ExcludedReference] = []
}

/// A statement naming another package's interface or world (`use`, `import`, `export`,
/// `include`) that a feature gate excluded, itself or through the interface or world it is
/// written in. It adds nothing to the resolution but still orders the named package
/// first, so a printer writes it back to reproduce the resolution.
public struct ExcludedReference: Hashable, Sendable {
    /// The interface or world a statement is written in.
    public enum Container: Hashable, Sendable {
        case interface(name: String, stability: Stability)
        case world(name: String, stability: Stability)

        /// The interface or world name.
        public var name: String {
            switch self {
            case .interface(let name, _), .world(let name, _): name
            }
        }

        /// The container's own feature gate.
        public var stability: Stability {
            switch self {
            case .interface(_, let stability), .world(_, let stability): stability
            }
        }
    }

    /// Where the statement is written.
    public var container: Container
    /// The statement as WIT text, e.g. `use wasi:io/error@0.1.0.{error};`.
    public var statement: String
    /// The statement's own feature gate.
    public var stability: Stability
}
