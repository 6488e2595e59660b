/// Who defines a type: an interface, a world, or nobody (anonymous types such as `list<u8>`).
public enum TypeOwner: Hashable, Sendable {
    case world(WorldID)
    case interface(InterfaceID)
    case none
}

/// A handle to a resource: owned or borrowed.
public enum Handle: Hashable, Sendable {
    case own(TypeID)
    case borrow(TypeID)

    /// The resource the handle refers to.
    public var resource: TypeID {
        switch self {
        case .own(let id), .borrow(let id): id
        }
    }
}

/// A record field.
public struct Field: Hashable, Sendable {
    /// Field name (kebab-case).
    public var name: String
    /// Field type.
    public var type: WITType
    /// Doc comments.
    public var docs: Docs
    /// Where the field name is written.
    public var span: Span
}

/// A flag of a `flags` type.
public struct Flag: Hashable, Sendable {
    /// Flag name.
    public var name: String
    /// Doc comments.
    public var docs: Docs
}

/// A case of a `variant`.
public struct Case: Hashable, Sendable {
    /// Case name.
    public var name: String
    /// Payload type, if any.
    public var type: WITType?
    /// Doc comments.
    public var docs: Docs
}

/// A case of an `enum`.
public struct EnumCase: Hashable, Sendable {
    /// Case name.
    public var name: String
    /// Doc comments.
    public var docs: Docs
}

/// The structure of a type definition.
public enum TypeDefKind: Hashable, Sendable {
    case record([Field])
    case resource
    case handle(Handle)
    case flags([Flag])
    case tuple([WITType])
    case variant([Case])
    case enumeration([EnumCase])
    case option(WITType)
    case result(ok: WITType?, err: WITType?)
    case list(WITType)
    /// `map<K, V>`.
    case map(key: WITType, value: WITType)
    /// `list<T, N>`: a list of exactly `N` elements.
    case fixedLengthList(WITType, size: UInt32)
    case future(WITType?)
    case stream(WITType?)
    /// A type alias `type a = b` (also what `use` creates).
    case type(WITType)

    /// The WIT keyword describing this kind.
    public var keyword: String {
        switch self {
        case .record: "record"
        case .resource: "resource"
        case .handle(.own): "own"
        case .handle(.borrow): "borrow"
        case .flags: "flags"
        case .tuple: "tuple"
        case .variant: "variant"
        case .enumeration: "enum"
        case .option: "option"
        case .result: "result"
        case .list: "list"
        case .map: "map"
        case .fixedLengthList: "fixed-length list"
        case .future: "future"
        case .stream: "stream"
        case .type: "type"
        }
    }
}

/// A type definition in the `Resolve.types` arena.
public struct TypeDef: Hashable, Sendable {
    /// The name for named types, `nil` for anonymous ones.
    public var name: String?
    /// The structure.
    public var kind: TypeDefKind
    /// The defining interface or world.
    public var owner: TypeOwner
    /// Doc comments.
    public var docs: Docs
    /// Feature gate.
    public var stability: Stability
    /// Where the type is defined.
    public var span: Span
}
