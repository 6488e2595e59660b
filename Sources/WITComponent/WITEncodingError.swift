import WIT

/// Why a WIT world or package could not be encoded as a component type.
public enum WITEncodingError: Error, Sendable, CustomStringConvertible {
    /// A type refers to a type that is neither defined nor visible where it is used, which a
    /// resolution produced by the WIT resolver never contains.
    case unreachableType(name: String, usedIn: String)
    /// The requested world does not exist in the package.
    case unknownWorld(String, package: String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .unreachableType(let name, let usedIn):
            "type `\(name)` is used in \(usedIn) but is not defined there nor imported by it"
        case .unknownWorld(let world, let package):
            "package \(package) has no world `\(world)`"
        }
    }
}
