/// A core WebAssembly value type as it appears in component core types: numbers, vectors and
/// the reference types of the function-references and GC proposals.
public enum CoreValueType: Hashable, Sendable {
    case i32, i64, f32, f64, v128
    case reference(CoreReferenceType)
}

/// A core reference type: `(ref null? heaptype)`.
public struct CoreReferenceType: Hashable, Sendable {
    public var isNullable: Bool
    public var heapType: CoreHeapType
    /// Creates `(ref null? heapType)`.
    public init(isNullable: Bool, heapType: CoreHeapType) {
        self.isNullable = isNullable
        self.heapType = heapType
    }
}

/// The target of a core reference: an abstract heap type or a concrete type index.
public enum CoreHeapType: Hashable, Sendable {
    /// An abstract heap type given by its binary code (0x70 `func`, 0x6F `extern`, 0x6E `any`, ...),
    /// optionally `shared` (shared-everything threads).
    case abstract(AbstractHeapType, isShared: Bool)
    /// A type index into the enclosing core type index space.
    case concrete(UInt32)
}

/// The abstract heap types of core WebAssembly 3.0 (and stack switching), by binary code.
public enum AbstractHeapType: UInt8, Hashable, Sendable, CaseIterable {
    case noContinuation = 0x75
    case noException = 0x74
    case noFunction = 0x73
    case noExtern = 0x72
    case none = 0x71
    case function = 0x70
    case extern = 0x6F
    case any = 0x6E
    case eq = 0x6D
    case i31 = 0x6C
    case `struct` = 0x6B
    case array = 0x6A
    case exception = 0x69
    case continuation = 0x68
}

/// A core storage type: a value type or a packed integer type (struct and array fields).
public enum CoreStorageType: Hashable, Sendable {
    case value(CoreValueType)
    case i8
    case i16
}

/// A struct or array field type.
public struct CoreFieldType: Hashable, Sendable {
    public var storage: CoreStorageType
    public var isMutable: Bool
    /// Creates a field of `storage` type.
    public init(storage: CoreStorageType, isMutable: Bool) {
        self.storage = storage
        self.isMutable = isMutable
    }
}

/// A core composite type: function, struct or array.
public enum CoreCompositeType: Hashable, Sendable {
    case function(parameters: [CoreValueType], results: [CoreValueType])
    case `struct`([CoreFieldType])
    case array(CoreFieldType)
}

/// A core sub type: a composite type with its declared supertypes and finality.
public struct CoreSubType: Hashable, Sendable {
    public var isFinal: Bool
    public var supertypes: [UInt32]
    public var composite: CoreCompositeType
    /// Creates a sub type; a final type without supertypes is a plain composite type.
    public init(isFinal: Bool = true, supertypes: [UInt32] = [], composite: CoreCompositeType) {
        self.isFinal = isFinal
        self.supertypes = supertypes
        self.composite = composite
    }
}

/// A core type definition in a component (`core:type`): a recursion group of sub types
/// (a single type for plain function types) or a module type.
public enum CoreType: Hashable, Sendable {
    /// A recursion group. `isExplicitGroup` is true when it was written with the `rec` prefix (0x4E).
    case recursionGroup([CoreSubType], isExplicitGroup: Bool)
    /// A module type: the imports, exports and local types of a core module.
    case module([ModuleTypeDeclaration])
}

/// A declarator inside a core module type (`core:moduledecl`).
public enum ModuleTypeDeclaration: Hashable, Sendable {
    case `import`(module: String, name: String, type: CoreExternType)
    /// A recursion group of sub types (module types cannot nest). Inside a module type a
    /// non-final sub type is written with its plain 0x50 opcode.
    case type([CoreSubType], isExplicitGroup: Bool)
    /// `(alias outer count index (type))`: a core type of an enclosing scope.
    case outerTypeAlias(count: UInt32, index: UInt32)
    case export(name: String, type: CoreExternType)
}

/// The type of a core import or export.
public enum CoreExternType: Hashable, Sendable {
    case function(typeIndex: UInt32)
    case table(CoreTableType)
    case memory(CoreLimits)
    case global(CoreGlobalType)
    case tag(typeIndex: UInt32)
}

/// Size bounds of a core memory or table, with the memory64, threads and custom-page-size flags.
public struct CoreLimits: Hashable, Sendable {
    public var minimum: UInt64
    public var maximum: UInt64?
    public var isShared: Bool
    public var is64: Bool
    /// Log2 of the page size when the custom-page-sizes flag is set.
    public var pageSizeLog2: UInt32?
    /// Creates limits; all flags default to off.
    public init(minimum: UInt64, maximum: UInt64? = nil, isShared: Bool = false, is64: Bool = false,
                pageSizeLog2: UInt32? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.isShared = isShared
        self.is64 = is64
        self.pageSizeLog2 = pageSizeLog2
    }
}

/// The type of a core table.
public struct CoreTableType: Hashable, Sendable {
    public var elementType: CoreReferenceType
    public var limits: CoreLimits
    /// Creates a table type.
    public init(elementType: CoreReferenceType, limits: CoreLimits) {
        self.elementType = elementType
        self.limits = limits
    }
}

/// The type of a core global.
public struct CoreGlobalType: Hashable, Sendable {
    public var valueType: CoreValueType
    public var isMutable: Bool
    public var isShared: Bool
    /// Creates a global type.
    public init(valueType: CoreValueType, isMutable: Bool, isShared: Bool = false) {
        self.valueType = valueType
        self.isMutable = isMutable
        self.isShared = isShared
    }
}
