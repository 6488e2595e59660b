/// Index of a type in `Resolve.types`.
public struct TypeID: Hashable, Comparable, Sendable {
    /// Position in the arena.
    public let index: Int
    /// Wraps an arena position.
    public init(_ index: Int) { self.index = index }
    /// Orders by arena position.
    public static func < (a: TypeID, b: TypeID) -> Bool { a.index < b.index }
}

/// Index of an interface in `Resolve.interfaces`.
public struct InterfaceID: Hashable, Comparable, Sendable {
    /// Position in the arena.
    public let index: Int
    /// Wraps an arena position.
    public init(_ index: Int) { self.index = index }
    /// Orders by arena position.
    public static func < (a: InterfaceID, b: InterfaceID) -> Bool { a.index < b.index }
}

/// Index of a world in `Resolve.worlds`.
public struct WorldID: Hashable, Comparable, Sendable {
    /// Position in the arena.
    public let index: Int
    /// Wraps an arena position.
    public init(_ index: Int) { self.index = index }
    /// Orders by arena position.
    public static func < (a: WorldID, b: WorldID) -> Bool { a.index < b.index }
}

/// Index of a package in `Resolve.packages`.
public struct PackageID: Hashable, Comparable, Sendable {
    /// Position in the arena.
    public let index: Int
    /// Wraps an arena position.
    public init(_ index: Int) { self.index = index }
    /// Orders by arena position.
    public static func < (a: PackageID, b: PackageID) -> Bool { a.index < b.index }
}
