/// A canonical option (`canonopt`).
public enum CanonicalOption: Hashable, Sendable {
    case stringEncodingUTF8
    case stringEncodingUTF16
    case stringEncodingLatin1UTF16
    /// Core memory index used for lists and strings.
    case memory(UInt32)
    /// Core function index of the allocator.
    case realloc(UInt32)
    /// Core function index called after a lifted call returns.
    case postReturn(UInt32)
    /// 🔀 The async ABI.
    case async
    /// 🔀 Core function index of the async callback.
    case callback(UInt32)
    /// Core type index of the lowered function type (GC ABI).
    case coreType(UInt32)
    /// The GC ABI.
    case gc
}

/// A canonical definition (`canon`): lift, lower, or a built-in core function.
///
/// Every form of the Binary.md grammar is decoded and encoded, including the async (🔀),
/// error-context (📝) and threads (🧵) built-ins the runtime may not execute yet.
public enum CanonicalFunction: Hashable, Sendable {
    /// Defines a component function of type `typeIndex` from core function `coreFunction`.
    case lift(coreFunction: UInt32, options: [CanonicalOption], typeIndex: UInt32)
    /// Defines a core function from component function `function`.
    case lower(function: UInt32, options: [CanonicalOption])
    case resourceNew(resource: UInt32)
    case resourceDrop(resource: UInt32)
    case resourceRep(resource: UInt32)
    case backpressureIncrement
    case backpressureDecrement
    case taskReturn(result: ValueType?, options: [CanonicalOption])
    case taskCancel
    case contextGet(type: CoreValueType, slot: UInt32)
    case contextSet(type: CoreValueType, slot: UInt32)
    case subtaskCancel(isAsync: Bool)
    case subtaskDrop
    case streamNew(type: UInt32)
    case streamRead(type: UInt32, options: [CanonicalOption])
    case streamWrite(type: UInt32, options: [CanonicalOption])
    case streamCancelRead(type: UInt32, isAsync: Bool)
    case streamCancelWrite(type: UInt32, isAsync: Bool)
    case streamDropReadable(type: UInt32)
    case streamDropWritable(type: UInt32)
    case futureNew(type: UInt32)
    case futureRead(type: UInt32, options: [CanonicalOption])
    case futureWrite(type: UInt32, options: [CanonicalOption])
    case futureCancelRead(type: UInt32, isAsync: Bool)
    case futureCancelWrite(type: UInt32, isAsync: Bool)
    case futureDropReadable(type: UInt32)
    case futureDropWritable(type: UInt32)
    case errorContextNew(options: [CanonicalOption])
    case errorContextDebugMessage(options: [CanonicalOption])
    case errorContextDrop
    case waitableSetNew
    case waitableSetWait(isCancellable: Bool, memory: UInt32)
    case waitableSetPoll(isCancellable: Bool, memory: UInt32)
    case waitableSetDrop
    case waitableJoin
    case threadIndex
    case threadNewIndirect(functionType: UInt32, table: UInt32)
    case threadResumeLater
    case threadSuspend(isCancellable: Bool)
    case threadYield(isCancellable: Bool)
    case threadSuspendThenResume(isCancellable: Bool)
    case threadYieldThenResume(isCancellable: Bool)
    case threadSuspendThenPromote(isCancellable: Bool)
    case threadYieldThenPromote(isCancellable: Bool)
    case threadSpawnReference(functionType: UInt32)
    case threadSpawnIndirect(functionType: UInt32, table: UInt32)
    case threadAvailableParallelism

    /// The index space the definition adds to: `func` for `lift`, `core func` for all others.
    public var sort: ComponentSort {
        if case .lift = self { return .function }
        return .core(.function)
    }
}
