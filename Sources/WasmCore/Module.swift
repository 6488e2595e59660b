/// A decoded WebAssembly core module: every section of the binary, in index-space order.
///
/// Function bodies stay as byte ranges of `bytes`; `InstructionReader` decodes them on demand,
/// so decoding a module is cheap and each body is read once by the validator and once by the
/// interpreter's translator.
public struct Module: Sendable {
    /// The complete binary the module was decoded from.
    public var bytes: [UInt8]
    /// The language features the module was decoded with; validation and execution follow them.
    public var features: WasmFeatures = .webAssembly2
    public var types: [FunctionType] = []
    public var imports: [Import] = []
    /// Type index of each function defined in this module (not the imported ones).
    public var functionTypeIndices: [UInt32] = []
    public var tables: [TableType] = []
    public var memories: [MemoryType] = []
    /// Exception tags defined by the module (exception-handling proposal).
    public var tags: [TagType] = []
    public var globals: [Global] = []
    public var exports: [Export] = []
    public var start: UInt32?
    public var elements: [ElementSegment] = []
    /// The value of the data count section, when present.
    public var dataCount: UInt32?
    /// Bodies of the functions defined in this module, parallel to `functionTypeIndices`.
    public var functionBodies: [FunctionBody] = []
    public var data: [DataSegment] = []
    public var customSections: [CustomSection] = []
    /// Names from the `name` custom section, when present and well formed.
    public var names: NameMap = NameMap()
    /// Where each entry starts in `bytes`, so validation errors can point at it.
    public var offsets: ModuleOffsets = ModuleOffsets()

    /// An empty module over `bytes`, using `features`.
    public init(bytes: [UInt8], features: WasmFeatures = .webAssembly2) {
        self.bytes = bytes
        self.features = features
    }
}

/// One import of a module: where it comes from and what it must be.
public struct Import: Hashable, Sendable {
    public var module: String
    public var name: String
    public var descriptor: ImportDescriptor
    public init(module: String, name: String, descriptor: ImportDescriptor) {
        self.module = module
        self.name = name
        self.descriptor = descriptor
    }
}

/// What an import provides.
public enum ImportDescriptor: Hashable, Sendable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag (exception-handling proposal).
    case tag(TagType)
}

/// One export of a module.
public struct Export: Hashable, Sendable {
    public var name: String
    public var descriptor: ExportDescriptor
    public init(name: String, descriptor: ExportDescriptor) {
        self.name = name
        self.descriptor = descriptor
    }
}

/// What an export refers to, by index in its index space (imports first).
public enum ExportDescriptor: Hashable, Sendable {
    case function(UInt32)
    case table(UInt32)
    case memory(UInt32)
    case global(UInt32)
    /// An exception tag (exception-handling proposal).
    case tag(UInt32)
}

/// A constant expression (global initializers, segment offsets, element items).
/// Holds the instructions without the final `end`.
public struct ConstantExpression: Hashable, Sendable {
    public var instructions: [Instruction]
    public init(instructions: [Instruction]) { self.instructions = instructions }
}

/// A global defined by the module.
public struct Global: Hashable, Sendable {
    public var type: GlobalType
    public var initializer: ConstantExpression
    public init(type: GlobalType, initializer: ConstantExpression) {
        self.type = type
        self.initializer = initializer
    }
}

/// An element segment: references used to initialize tables.
public struct ElementSegment: Hashable, Sendable {
    /// How and when the segment is used.
    public enum Mode: Hashable, Sendable {
        case passive
        case active(tableIndex: UInt32, offset: ConstantExpression)
        case declarative
    }
    public var type: ReferenceType
    public var mode: Mode
    /// One constant expression per element (`ref.func i` for the function-index encodings).
    public var initializers: [ConstantExpression]
    public init(type: ReferenceType, mode: Mode, initializers: [ConstantExpression]) {
        self.type = type
        self.mode = mode
        self.initializers = initializers
    }
}

/// A data segment: bytes used to initialize memories.
public struct DataSegment: Hashable, Sendable {
    /// How and when the segment is used.
    public enum Mode: Hashable, Sendable {
        case passive
        case active(memoryIndex: UInt32, offset: ConstantExpression)
    }
    public var mode: Mode
    public var bytes: [UInt8]
    public init(mode: Mode, bytes: [UInt8]) {
        self.mode = mode
        self.bytes = bytes
    }
}

/// The body of a function defined in the module.
public struct FunctionBody: Hashable, Sendable {
    /// Declared locals (not parameters), expanded: one entry per local.
    public var locals: [ValueType]
    /// Byte range of the instruction sequence in `Module.bytes`, the final `end` included.
    public var code: Range<Int>
    public init(locals: [ValueType], code: Range<Int>) {
        self.locals = locals
        self.code = code
    }
}

/// A custom section, kept verbatim.
public struct CustomSection: Hashable, Sendable {
    public var name: String
    /// Byte range of the section payload (after the name) in `Module.bytes`.
    public var payload: Range<Int>
    public init(name: String, payload: Range<Int>) {
        self.name = name
        self.payload = payload
    }
}

/// Names from the `name` custom section.
public struct NameMap: Hashable, Sendable {
    public var moduleName: String?
    /// Function names by function index (imports included).
    public var functionNames: [UInt32: String] = [:]
    public init() {}
}
