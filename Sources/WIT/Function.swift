/// What kind of function: freestanding or attached to a resource, sync or async.
public enum FunctionKind: Hashable, Sendable {
    case freestanding
    case asyncFreestanding
    case method(TypeID)
    case asyncMethod(TypeID)
    case `static`(TypeID)
    case asyncStatic(TypeID)
    case constructor(TypeID)

    /// The resource the function belongs to, if any.
    public var resource: TypeID? {
        switch self {
        case .freestanding, .asyncFreestanding: nil
        case .method(let id), .asyncMethod(let id), .static(let id), .asyncStatic(let id), .constructor(let id): id
        }
    }

    /// Whether the function is declared `async`.
    public var isAsync: Bool {
        switch self {
        case .asyncFreestanding, .asyncMethod, .asyncStatic: true
        default: false
        }
    }

    /// The same kind attached to another resource.
    func withResource(_ id: TypeID) -> FunctionKind {
        switch self {
        case .freestanding, .asyncFreestanding: self
        case .method: .method(id)
        case .asyncMethod: .asyncMethod(id)
        case .static: .static(id)
        case .asyncStatic: .asyncStatic(id)
        case .constructor: .constructor(id)
        }
    }
}

/// A function parameter.
public struct Param: Hashable, Sendable {
    /// Parameter name.
    public var name: String
    /// Parameter type.
    public var type: WITType
    /// Where the name is written.
    public var span: Span
}

/// A function of an interface, a world, or a resource.
public struct Function: Hashable, Sendable {
    /// The full name; resource functions are `[method]r.f`, `[static]r.f`, `[constructor]r`.
    public var name: String
    /// Kind of function.
    public var kind: FunctionKind
    /// Parameters (methods start with `self: borrow<r>`).
    public var params: [Param]
    /// Result type, if any.
    public var result: WITType?
    /// Doc comments.
    public var docs: Docs
    /// Feature gate.
    public var stability: Stability
    /// Where the name is written.
    public var span: Span

    /// The name as written inside its resource (`f` for `[method]r.f`, `constructor`).
    public var itemName: String {
        switch kind {
        case .freestanding, .asyncFreestanding: return name
        case .constructor: return "constructor"
        default:
            guard let dot = name.firstIndex(of: ".") else { return name }
            return String(name[name.index(after: dot)...])
        }
    }
}
