import WasmRuntime

/// A string encoding canonical option.
public enum CanonicalStringEncoding: Hashable, Sendable {
    case utf8, utf16, latin1UTF16
}

/// The canonical options of one `canon lift` or `canon lower`, with indices resolved to the
/// core memory and functions they name.
struct CanonicalOptionValues {
    var stringEncoding: CanonicalStringEncoding = .utf8
    var memory: Memory?
    var realloc: Function?
    var postReturn: Function?
    /// 🔀 The `async` option.
    var isAsync = false
    /// 🔀 Whether a `callback` option is present (callback-based async lifts are not supported).
    var hasCallback = false
}

/// Everything lifting and lowering needs (`LiftLowerContext` in CanonicalABI.md): the options,
/// the instance whose handle table and memory are used, and the borrow bookkeeping of the call.
/// Typed bindings (`ComponentLowerable`, `ComponentLiftable`) read and write memory through it.
///
/// A class, so that passing it along a value's nested lifts and lowers costs no reference
/// counting of its parts; it caches the view of linear memory, which is refreshed whenever
/// guest code may have grown the memory (after `realloc` and after calls out).
public final class LiftLowerContext {
    /// The largest byte length of a string or list (`MAX_STRING_BYTE_LENGTH`, `MAX_LIST_BYTE_LENGTH`).
    static let maximumByteLength = (1 << 28) - 1
    /// The tag that marks a `latin1+utf16` string as UTF-16.
    static let utf16Tag: UInt32 = 1 << 31

    let options: CanonicalOptionValues
    let instance: ComponentInstanceState
    /// When lowering into a callee: the call whose borrows the callee must drop (`Task`).
    let callScope: CallScope?
    /// When lifting from a caller: the handles it lends for the call (`Subtask`).
    let lentHandles: LentHandles?
    /// When the values on the other side of the call belong to the host: the table in which
    /// the host holds its handles to guest-defined resources.
    let hostHandles: HostResourceTable?
    /// The string encoding of the side the values this context lowers come from: the other
    /// component's `string-encoding` option in a component-to-component call, UTF-8 for the host.
    var stringSource: CanonicalStringEncoding = .utf8
    /// For typed calls: the run-time resource types that the typed handles' placeholders stand for.
    var resourceBindings = ResourceBindings()
    /// The borrowed handles this call gave the host, which end with the call.
    private var hostBorrows: [UInt32] = []

    init(options: CanonicalOptionValues, instance: ComponentInstanceState,
         callScope: CallScope? = nil, lentHandles: LentHandles? = nil, hostHandles: HostResourceTable? = nil) {
        self.options = options
        self.instance = instance
        self.callScope = callScope
        self.lentHandles = lentHandles
        self.hostHandles = hostHandles
    }

    // MARK: Memory

    /// The memory view while no guest code ran since it was taken.
    private var cachedBytes: UnsafeMutableRawBufferPointer?

    /// Forgets the memory view: guest code is about to run or ran, and may have grown memory.
    func memoryMayHaveChanged() {
        cachedBytes = nil
    }

    /// The bytes of the options' memory as they are now.
    func bytes() throws(ComponentTrap) -> UnsafeMutableRawBufferPointer {
        if let cachedBytes { return cachedBytes }
        guard let memory = options.memory else { throw ComponentTrap("canonical option `memory` is required but absent") }
        let bytes = memory.withUnsafeMutableBytes { $0 }
        cachedBytes = bytes
        return bytes
    }

    /// Traps unless `[pointer, pointer + length)` lies in memory.
    @discardableResult
    public func checkBounds(_ pointer: Int, _ length: Int, _ what: @autoclosure () -> String) throws(ComponentTrap) -> UnsafeMutableRawBufferPointer {
        let memory = try bytes()
        guard pointer >= 0, length >= 0, pointer <= memory.count, length <= memory.count - pointer else {
            throw ComponentTrap(what())
        }
        return memory
    }

    /// Traps unless `pointer` is a multiple of `alignment`.
    public func checkAlignment(_ pointer: Int, _ alignment: Int) throws(ComponentTrap) {
        guard pointer & (alignment - 1) == 0 else { throw ComponentTrap.unalignedPointer }
    }

    /// Reads a little-endian integer; the range must be in bounds (checked, trapping).
    public func load<T: FixedWidthInteger>(_ type: T.Type, at pointer: Int) throws(ComponentTrap) -> T {
        let memory = try checkBounds(pointer, MemoryLayout<T>.size, "out of bounds memory access")
        return T(littleEndian: memory.loadUnaligned(fromByteOffset: pointer, as: T.self))
    }

    /// Writes a little-endian integer (bounds checked, trapping).
    public func store<T: FixedWidthInteger>(_ value: T, at pointer: Int) throws(ComponentTrap) {
        let memory = try checkBounds(pointer, MemoryLayout<T>.size, "out of bounds memory access")
        memory.storeBytes(of: value.littleEndian, toByteOffset: pointer, as: T.self)
    }

    // MARK: Allocation

    /// `reallocate(old, old_size, alignment, new_size)`: calls the `realloc` option with
    /// leaving the instance forbidden, then checks the result's alignment and bounds.
    func reallocate(_ old: Int, oldSize: Int, alignment: Int, newSize: Int) throws -> Int {
        guard let realloc = options.realloc else {
            throw ComponentTrap("canonical option `realloc` is required but absent")
        }
        instance.mayLeave = false
        defer { instance.mayLeave = true }
        memoryMayHaveChanged()
        let results = try realloc.call([.i32(UInt32(truncatingIfNeeded: old)), .i32(UInt32(truncatingIfNeeded: oldSize)),
                                        .i32(UInt32(alignment)), .i32(UInt32(truncatingIfNeeded: newSize))])
        guard results.count == 1, case .i32(let pointer) = results[0] else {
            throw ComponentTrap("realloc returned \(results) instead of one i32")
        }
        let address = Int(pointer)
        guard address & (alignment - 1) == 0 else { throw ComponentTrap("realloc return: result not aligned") }
        _ = try checkBounds(address, newSize, "realloc return: beyond end of memory")
        return address
    }

    /// `allocate(alignment, size)`.
    public func allocate(alignment: Int, size: Int) throws -> Int {
        try reallocate(0, oldSize: 0, alignment: alignment, newSize: size)
    }

    // MARK: Resources

    /// `lift_own`: takes the owned handle at `index` out of the instance's table.
    func liftOwn(_ index: UInt32, _ resource: ComponentResourceType) throws(ComponentTrap) -> UInt32 {
        let entry = try instance.handles.get(index, of: resource)
        guard entry.lendCount == 0 else { throw ComponentTrap("cannot remove owned resource while borrowed") }
        guard entry.isOwned else { throw ComponentTrap("cannot lift borrowed handle \(index) as an owned one") }
        _ = try instance.handles.remove(index)
        return entry.representation
    }

    /// `lift_borrow`: lends the handle at `index` for the duration of the call.
    func liftBorrow(_ index: UInt32, _ resource: ComponentResourceType) throws(ComponentTrap) -> UInt32 {
        let entry = try instance.handles.get(index, of: resource)
        lentHandles?.lend(entry)
        return entry.representation
    }

    /// The handle the other side of the call receives for a lifted `representation`: a new
    /// entry in the host's table when the host receives a guest-defined resource, else the
    /// representation itself.
    func handle(to representation: UInt32, _ ownership: ResourceHandle.Ownership,
                _ resource: ComponentResourceType) throws(ComponentTrap) -> ResourceHandle {
        guard let hostHandles, !resource.isHostDefined else {
            return ResourceHandle(ownership: ownership, resourceType: resource.id, index: representation)
        }
        let index = try hostHandles.add(representation, of: resource, owned: ownership == .own)
        if ownership == .borrow { hostBorrows.append(index) }
        return ResourceHandle(ownership: ownership, resourceType: resource.id, index: index)
    }

    /// The representation behind a handle the other side of the call passes as `own` (moved
    /// out of the host's table) or `borrow`.
    func representation(of handle: ResourceHandle, _ ownership: ResourceHandle.Ownership,
                        _ resource: ComponentResourceType) throws(ComponentTrap) -> UInt32 {
        guard let hostHandles, !resource.isHostDefined else { return handle.index }
        switch ownership {
        case .own: return try hostHandles.take(handle.index, of: resource)
        case .borrow: return try hostHandles.borrowedRepresentation(handle.index, of: resource)
        }
    }

    /// Ends the borrows this call gave the host: the host function returned.
    func endHostBorrows() {
        guard let hostHandles else { return }
        for index in hostBorrows { hostHandles.endBorrow(index) }
        hostBorrows.removeAll()
    }

    /// `lower_own`: a new owned handle in the instance's table.
    func lowerOwn(_ representation: UInt32, _ resource: ComponentResourceType) throws(ComponentTrap) -> UInt32 {
        try instance.handles.add(ResourceHandleEntry(
            resourceType: resource, representation: representation, isOwned: true, borrowScope: nil))
    }

    /// `lower_borrow`: the representation itself for the defining instance, else a borrowed
    /// handle that the current call must drop before returning.
    func lowerBorrow(_ representation: UInt32, _ resource: ComponentResourceType) throws(ComponentTrap) -> UInt32 {
        if resource.implementation === instance { return representation }
        guard let callScope else { throw ComponentTrap("a borrowed handle can only be passed as a parameter") }
        let index = try instance.handles.add(ResourceHandleEntry(
            resourceType: resource, representation: representation, isOwned: false, borrowScope: callScope))
        callScope.borrowCount += 1
        return index
    }
}
