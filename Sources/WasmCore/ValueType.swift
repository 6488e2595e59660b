/// A WebAssembly value type: the type of a local, a global, a parameter or a result.
public enum ValueType: UInt8, Hashable, Sendable, CustomStringConvertible {
    case i32, i64, f32, f64, v128, funcRef, externRef
    /// A reference to a caught exception (exception-handling proposal).
    case exnRef

    /// The binary-format byte that encodes this type.
    public var byte: UInt8 {
        switch self {
        case .i32: 0x7F
        case .i64: 0x7E
        case .f32: 0x7D
        case .f64: 0x7C
        case .v128: 0x7B
        case .funcRef: 0x70
        case .externRef: 0x6F
        case .exnRef: 0x69
        }
    }

    /// Whether this is a reference type (`funcref`, `externref` or `exnref`).
    public var isReference: Bool { self == .funcRef || self == .externRef || self == .exnRef }

    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .funcRef: "funcref"
        case .externRef: "externref"
        case .exnRef: "exnref"
        }
    }
}

/// A reference type: the element type of a table and the type of `ref.null`.
public enum ReferenceType: UInt8, Hashable, Sendable, CustomStringConvertible {
    case funcRef, externRef
    /// `exnref` (exception-handling proposal).
    case exnRef

    /// The value type this reference type denotes.
    public var valueType: ValueType {
        switch self {
        case .funcRef: .funcRef
        case .externRef: .externRef
        case .exnRef: .exnRef
        }
    }

    public var description: String { valueType.description }
}

/// The signature of a function: parameter types and result types.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    public var parameters: [ValueType]
    public var results: [ValueType]

    public init(parameters: [ValueType] = [], results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }

    public var description: String {
        "(\(parameters.map(\.description).joined(separator: " "))) -> (\(results.map(\.description).joined(separator: " ")))"
    }
}

/// Size bounds of a memory (in 64 KiB pages) or a table (in elements).
public struct Limits: Hashable, Sendable {
    public var min: UInt64
    public var max: UInt64?
    /// True for memories declared with the memory64 flag (decoded, not executable yet).
    public var is64: Bool
    /// True for shared memories (threads proposal; decoded, not executable yet).
    public var isShared: Bool

    public init(min: UInt64, max: UInt64? = nil, is64: Bool = false, isShared: Bool = false) {
        self.min = min
        self.max = max
        self.is64 = is64
        self.isShared = isShared
    }
}

/// The type of a linear memory.
public struct MemoryType: Hashable, Sendable {
    public var limits: Limits
    public init(limits: Limits) { self.limits = limits }
}

/// The type of a table: its element reference type and size bounds.
public struct TableType: Hashable, Sendable {
    public var elementType: ReferenceType
    public var limits: Limits
    public init(elementType: ReferenceType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
}

/// The type of an exception tag (exception-handling proposal): the function type whose
/// parameters are the exception's payload (its results must be empty).
public struct TagType: Hashable, Sendable {
    public var typeIndex: UInt32
    public init(typeIndex: UInt32) { self.typeIndex = typeIndex }
}

/// The type of a global: its value type and whether it may be written.
public struct GlobalType: Hashable, Sendable {
    public var valueType: ValueType
    public var isMutable: Bool
    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
}
