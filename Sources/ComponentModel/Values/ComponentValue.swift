/// A dynamically typed component-level value: what the CLI, the daemon and tests pass to and
/// receive from component functions. Its shape follows the component value type it is lifted
/// from or lowered to; the canonical ABI checks the two agree.
///
/// Floats keep their exact bits (`Float`/`Double` carry NaN payloads); equality compares bits,
/// so two identical NaNs are equal, as a test comparing runtimes needs.
public indirect enum ComponentValue: Hashable, Sendable {
    case bool(Bool)
    case s8(Int8)
    case u8(UInt8)
    case s16(Int16)
    case u16(UInt16)
    case s32(Int32)
    case u32(UInt32)
    case s64(Int64)
    case u64(UInt64)
    case f32(Float)
    case f64(Double)
    case char(Unicode.Scalar)
    case string(String)
    case list([ComponentValue])
    /// Fields in the order of the record type.
    case record([ComponentRecordField])
    case tuple([ComponentValue])
    /// The case name and its payload, if the case has one.
    case variant(caseName: String, payload: ComponentValue?)
    /// The case name.
    case `enum`(String)
    case option(ComponentValue?)
    case result(ComponentResult)
    /// Names of the flags that are set, in the order of the flags type.
    case flags([String])
    /// A handle to a resource, owned or borrowed.
    case resource(ResourceHandle)

    public static func == (lhs: ComponentValue, rhs: ComponentValue) -> Bool {
        switch (lhs, rhs) {
        case (.f32(let a), .f32(let b)): a.bitPattern == b.bitPattern
        case (.f64(let a), .f64(let b)): a.bitPattern == b.bitPattern
        case (.bool(let a), .bool(let b)): a == b
        case (.s8(let a), .s8(let b)): a == b
        case (.u8(let a), .u8(let b)): a == b
        case (.s16(let a), .s16(let b)): a == b
        case (.u16(let a), .u16(let b)): a == b
        case (.s32(let a), .s32(let b)): a == b
        case (.u32(let a), .u32(let b)): a == b
        case (.s64(let a), .s64(let b)): a == b
        case (.u64(let a), .u64(let b)): a == b
        case (.char(let a), .char(let b)): a == b
        case (.string(let a), .string(let b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): a == b
        case (.record(let a), .record(let b)): a == b
        case (.variant(let a, let x), .variant(let b, let y)): a == b && x == y
        case (.enum(let a), .enum(let b)): a == b
        case (.option(let a), .option(let b)): a == b
        case (.result(let a), .result(let b)): a == b
        case (.flags(let a), .flags(let b)): a == b
        case (.resource(let a), .resource(let b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .f32(let value): hasher.combine(value.bitPattern)
        case .f64(let value): hasher.combine(value.bitPattern)
        case .string(let value): hasher.combine(Array(value.unicodeScalars.map(\.value)))
        case .bool(let v): hasher.combine(v)
        case .s8(let v): hasher.combine(v)
        case .u8(let v): hasher.combine(v)
        case .s16(let v): hasher.combine(v)
        case .u16(let v): hasher.combine(v)
        case .s32(let v): hasher.combine(v)
        case .u32(let v): hasher.combine(v)
        case .s64(let v): hasher.combine(v)
        case .u64(let v): hasher.combine(v)
        case .char(let v): hasher.combine(v)
        case .list(let v), .tuple(let v): hasher.combine(v)
        case .record(let v): hasher.combine(v)
        case .variant(let name, let payload): hasher.combine(name); hasher.combine(payload)
        case .enum(let v): hasher.combine(v)
        case .option(let v): hasher.combine(v)
        case .result(let v): hasher.combine(v)
        case .flags(let v): hasher.combine(v)
        case .resource(let v): hasher.combine(v)
        }
    }
}

/// A named field of a record value.
public struct ComponentRecordField: Hashable, Sendable {
    public var name: String
    public var value: ComponentValue
    public init(name: String, value: ComponentValue) {
        self.name = name
        self.value = value
    }
}

/// The value of a `result` type: `ok` or `error`, each with an optional payload.
public indirect enum ComponentResult: Hashable, Sendable {
    case ok(ComponentValue?)
    case error(ComponentValue?)
}

/// A resource handle as seen from outside a component instance: which resource type it
/// belongs to, whether it is owned or borrowed, and the index in the handle table it came from.
/// Only the runtime that produced a handle can interpret it.
public struct ResourceHandle: Hashable, Sendable {
    /// Whether the holder owns the resource (`own<T>`) or borrows it for one call (`borrow<T>`).
    public enum Ownership: Hashable, Sendable { case own, borrow }
    public var ownership: Ownership
    /// Identifies the resource type within the runtime that made the handle.
    public var resourceType: UInt32
    /// The handle's index in the table of its holder. For guest-defined resources held by the
    /// host, an index in the linker's table of host handles: an owned one is valid until the
    /// host moves it into a call or drops it (`ComponentLinker.drop`), a borrowed one only
    /// during the host function call that received it. For host-defined resources, the
    /// representation the host chose.
    public var index: UInt32
    public init(ownership: Ownership, resourceType: UInt32, index: UInt32) {
        self.ownership = ownership
        self.resourceType = resourceType
        self.index = index
    }
}
