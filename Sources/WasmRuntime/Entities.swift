internal import CWasmInterpreter
import WasmCore

/// The store's record of one function: its signature and what runs when it is called.
final class FunctionEntity {
    /// What runs when the function is called.
    enum Body {
        /// A function defined by a module: `index` is its index in the module's function index space.
        case wasm(instance: InstanceEntity, index: UInt32)
        /// A host closure.
        case host(name: String, closure: (inout Caller, [Value]) throws -> [Value])
    }

    let record: UnsafeMutablePointer<FunctionRecord>
    let type: FunctionType
    /// Replaced only by `Store.releaseHostFunctions()`.
    var body: Body

    init(record: UnsafeMutablePointer<FunctionRecord>, type: FunctionType, body: Body) {
        self.record = record
        self.type = type
        self.body = body
    }
}

/// The store's record of one linear memory.
final class MemoryEntity {
    let record: UnsafeMutablePointer<MemoryRecord>
    let type: MemoryType
    init(record: UnsafeMutablePointer<MemoryRecord>, type: MemoryType) {
        self.record = record
        self.type = type
    }
}

/// The store's record of one table.
final class TableEntity {
    let record: UnsafeMutablePointer<TableRecord>
    let type: TableType
    init(record: UnsafeMutablePointer<TableRecord>, type: TableType) {
        self.record = record
        self.type = type
    }
}

/// The store's record of one global: a stable 64-bit cell shared by every instance importing it.
final class GlobalEntity {
    let cell: UnsafeMutablePointer<UInt64>
    let type: GlobalType
    init(cell: UnsafeMutablePointer<UInt64>, type: GlobalType) {
        self.cell = cell
        self.type = type
    }
}

/// What an instance exports, by its store index.
enum ExportedEntity {
    case function(Int)
    case table(Int)
    case memory(Int)
    case global(Int)
    case tag(Int)

    /// The handle to it in `store`.
    func value(in store: Store) -> ExternalValue {
        switch self {
        case .function(let index): .function(Function(store: store, index: index))
        case .table(let index): .table(Table(store: store, index: index))
        case .memory(let index): .memory(Memory(store: store, index: index))
        case .global(let index): .global(Global(store: store, index: index))
        case .tag(let index): .tag(Tag(store: store, index: index))
        }
    }
}

/// The resolved index spaces of one instantiated module.
final class InstanceEntity {
    let module: Module
    let name: String?
    /// Store indices of the functions, tables, memories and globals of each index space.
    var functions: [Int] = []
    var tables: [Int] = []
    var memories: [Int] = []
    var globals: [Int] = []
    /// Store indices of the tags (exception handling).
    var tags: [Int] = []
    /// Store-wide type identities of the module's types, by type index.
    var typeIDs: [Int] = []
    /// Element and data segment records (passive items until dropped; active and declarative ones start dropped).
    var elementSegments: [UnsafeMutablePointer<SegmentRecord>] = []
    var dataSegments: [UnsafeMutablePointer<SegmentRecord>] = []
    /// The exports by store index: a handle (`ExternalValue`) would hold the store, which
    /// holds this entity, and so keep the store alive for good.
    var exports: [(name: String, entity: ExportedEntity)] = []
    let importedFunctionCount: Int
    /// Record addresses for the translator, computed on the first translation.
    var translationContext: TranslationContext?

    init(module: Module, name: String?) {
        self.module = module
        self.name = name
        importedFunctionCount = module.importedFunctionCount
    }
}
