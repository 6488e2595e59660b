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
}
