internal import CWasmInterpreter
import Synchronization
import WasmCore

/// Owns all runtime objects (instances, functions, memories, tables, globals).
///
/// Not thread-safe except `interrupt()`; one thread runs guests of a store at a time.
public final class Store {
    /// The settings the store was created with.
    public let configuration: StoreConfiguration
    /// Instruction budget: nil = unlimited. Decremented at function entry and loop back-edges;
    /// running out traps with `.outOfFuel`. Readable after a call to see what is left.
    public var fuel: UInt64?
    /// Absolute deadline, checked where fuel is; passing it traps with `.deadlineExceeded`.
    public var deadline: ContinuousClock.Instant?

    var functions: [FunctionEntity] = []
    var memories: [MemoryEntity] = []
    var tables: [TableEntity] = []
    var globals: [GlobalEntity] = []
    /// Exception tags (exception-handling proposal).
    var tags: [TagEntity] = []
    /// Every exception thrown in the store; they live as long as the store.
    var exceptions: [ExceptionEntity] = []
    /// Host payloads of `externref` values; a slot holds index + 1 (0 is null).
    var externPayloads: [UInt64] = []
    var externIndices: [UInt64: Int] = [:]
    /// Structural function types interned to small integers for `call_indirect` checks.
    var typeIDs: [FunctionType: Int] = [:]
    /// Thread-safe: interrupts the running guest from another thread (see `interrupt()`).
    public let interruptHandle = InterruptHandle()
    /// The flag the interpreter polls (owned by `interruptHandle`).
    var interruptFlag: UnsafeMutablePointer<Atomic<Bool>> { interruptHandle.flag }
    /// The interpreter's stacks, allocated on the first call.
    var execution: ExecutionState?
    private var allocations: [UnsafeMutableRawPointer] = []

    /// Creates an empty store.
    public init(configuration: StoreConfiguration = StoreConfiguration()) {
        self.configuration = configuration
    }

    deinit {
        for function in functions {
            function.record.pointee.code?.deallocate()
            function.record.pointee.entryValues?.deallocate()
            function.record.pointee.handlers?.deallocate()
        }
        for memory in memories { free(memory.record.pointee.base) }
        for table in tables { free(table.record.pointee.elements) }
        for allocation in allocations { allocation.deallocate() }
    }

    /// Thread-safe: makes the running guest trap with `.interrupted` at its next check
    /// (function entry or loop back-edge). If no guest runs, the next one traps at its first check.
    public func interrupt() {
        interruptHandle.interrupt()
    }

    /// Allocates a record that lives as long as the store.
    func allocate<T>(_ value: T) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: 1)
        pointer.initialize(to: value)
        allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    /// Copies `bytes` into storage that lives as long as the store.
    func allocateBytes(_ bytes: [UInt8]) -> UnsafeMutableRawPointer? {
        guard !bytes.isEmpty else { return nil }
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 8)
        bytes.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        allocations.append(pointer)
        return pointer
    }

    /// Copies encoded references into storage that lives as long as the store.
    func allocateReferences(_ references: [UInt64]) -> UnsafeMutableRawPointer? {
        guard !references.isEmpty else { return nil }
        let pointer = UnsafeMutablePointer<UInt64>.allocate(capacity: references.count)
        pointer.initialize(from: references, count: references.count)
        allocations.append(UnsafeMutableRawPointer(pointer))
        return UnsafeMutableRawPointer(pointer)
    }

    /// The store-wide identity of a function type.
    func typeID(of type: FunctionType) -> Int {
        if let id = typeIDs[type] { return id }
        let id = typeIDs.count
        typeIDs[type] = id
        return id
    }

    // MARK: Creating objects

    func addFunction(type: FunctionType, body: FunctionEntity.Body, memory: UnsafeMutablePointer<MemoryRecord>?) -> Int {
        let index = functions.count
        var isHost = false
        if case .host = body { isHost = true }
        let record = allocate(FunctionRecord(
            code: nil, frameSize: max(type.parameters.count, type.results.count),
            parameterCount: type.parameters.count,
            entryValues: nil, entryValueCount: 0, resultCount: type.results.count, typeID: typeID(of: type), memory: memory,
            storeIndex: index, isHost: isHost, handlers: nil, handlerCount: 0))
        functions.append(FunctionEntity(record: record, type: type, body: body))
        return index
    }

    func addMemory(type: MemoryType) throws(RuntimeError) -> Int {
        var maxPages = min(type.limits.max ?? 65536, 65536)
        if let cap = configuration.maxMemoryPages { maxPages = min(maxPages, cap) }
        guard type.limits.min <= maxPages else {
            throw RuntimeError("memory of \(type.limits.min) pages exceeds the limit of \(maxPages) pages")
        }
        let byteCount = Int(type.limits.min << 16)
        var base: UnsafeMutableRawPointer? = nil
        if byteCount > 0 {
            guard let allocated = calloc(byteCount, 1) else {
                throw RuntimeError("cannot allocate a memory of \(type.limits.min) pages")
            }
            base = allocated
        }
        let record = allocate(MemoryRecord(base: base, byteCount: UInt64(byteCount), maxPages: maxPages))
        memories.append(MemoryEntity(record: record, type: type))
        return memories.count - 1
    }

    func addTable(type: TableType, initialValue: UInt64) throws(RuntimeError) -> Int {
        let maxCount = min(type.limits.max ?? TableRecord.maxElements, TableRecord.maxElements)
        guard type.limits.min <= maxCount else {
            throw RuntimeError("table of \(type.limits.min) elements is too large")
        }
        var record = TableRecord(elements: nil, count: 0, maxCount: maxCount)
        if type.limits.min > 0 {
            guard record.grow(by: type.limits.min, filling: initialValue) != nil else {
                throw RuntimeError("cannot allocate a table of \(type.limits.min) elements")
            }
        }
        tables.append(TableEntity(record: allocate(record), type: type))
        return tables.count - 1
    }

    func addGlobal(type: GlobalType, bits: UInt64) -> Int {
        globals.append(GlobalEntity(cell: allocate(bits), type: type))
        return globals.count - 1
    }

    // MARK: Host objects

    /// Creates a host function: `body` receives the caller and the arguments and returns the results.
    public func makeHostFunction(
        type: FunctionType, name: String = "host",
        _ body: @escaping (inout Caller, [Value]) throws -> [Value]
    ) -> Function {
        Function(store: self, index: addFunction(type: type, body: .host(name: name, closure: body), memory: nil))
    }

    /// Creates a memory that can be imported by instances of this store.
    public func makeMemory(type: MemoryType) throws -> Memory {
        Memory(store: self, index: try addMemory(type: type))
    }

    /// Creates a table filled with `initialValue`.
    public func makeTable(type: TableType, initialValue: Value) throws -> Table {
        guard initialValue.type == type.elementType.valueType else {
            throw RuntimeError("table of \(type.elementType) cannot hold a \(initialValue.type)")
        }
        return Table(store: self, index: try addTable(type: type, initialValue: try encode(initialValue)))
    }

    /// Creates a global holding `value`.
    public func makeGlobal(type: GlobalType, value: Value) throws -> Global {
        guard value.type == type.valueType else {
            throw RuntimeError("global of type \(type.valueType) cannot hold a \(value.type)")
        }
        return Global(store: self, index: addGlobal(type: type, bits: try encode(value)))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
