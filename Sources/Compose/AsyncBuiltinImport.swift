import ComponentModel

/// A built-in of the canonical ABI's async support that a core module imports under the names
/// wit-component gives them (its "legacy" naming): from `"$root"`, `[backpressure-inc]`,
/// `[waitable-set-new]`, `[waitable-set-wait]`, `[subtask-cancel]`, `[context-get-0]`, ...
/// (with the `[cancellable]` and `[async-lower]` prefixes where the built-in has that option),
/// and `[task-cancel]` from `"[export]$root"` or `"[export]ns:pkg/iface"`.
enum AsyncBuiltinImport: Hashable {
    case backpressureIncrement
    case backpressureDecrement
    case waitableSetNew
    case waitableSetWait(isCancellable: Bool)
    case waitableSetPoll(isCancellable: Bool)
    case waitableSetDrop
    case waitableJoin
    case subtaskDrop
    case subtaskCancel(isAsync: Bool)
    case threadYield(isCancellable: Bool)
    case contextGet(type: CoreValueType, slot: UInt32)
    case contextSet(type: CoreValueType, slot: UInt32)
    case taskCancel

    /// The built-in a `"$root"` import named `name` denotes, nil when it is none of these.
    init?(rootImport name: String) {
        let cancellable = name.hasPrefix("[cancellable]")
        let bare = cancellable ? String(name.dropFirst("[cancellable]".count)) : name
        switch bare {
        case "[backpressure-inc]" where !cancellable: self = .backpressureIncrement
        case "[backpressure-dec]" where !cancellable: self = .backpressureDecrement
        case "[waitable-set-new]" where !cancellable: self = .waitableSetNew
        case "[waitable-set-wait]", "[waitable-set-wait-i32]": self = .waitableSetWait(isCancellable: cancellable)
        case "[waitable-set-poll]", "[waitable-set-poll-i32]": self = .waitableSetPoll(isCancellable: cancellable)
        case "[waitable-set-drop]" where !cancellable: self = .waitableSetDrop
        case "[waitable-join]" where !cancellable: self = .waitableJoin
        case "[subtask-drop]" where !cancellable: self = .subtaskDrop
        case "[subtask-cancel]" where !cancellable: self = .subtaskCancel(isAsync: false)
        case "[async-lower][subtask-cancel]" where !cancellable: self = .subtaskCancel(isAsync: true)
        case "[thread-yield]": self = .threadYield(isCancellable: cancellable)
        default:
            guard !cancellable else { return nil }
            if let (type, slot) = Self.contextSlot(bare, "[context-get-") {
                self = .contextGet(type: type, slot: slot)
            } else if let (type, slot) = Self.contextSlot(bare, "[context-set-") {
                self = .contextSet(type: type, slot: slot)
            } else {
                return nil
            }
        }
    }

    /// `[context-get-N]`, `[context-get-i32-N]` or `[context-get-i64-N]` (and `set`).
    private static func contextSlot(_ name: String, _ prefix: String) -> (CoreValueType, UInt32)? {
        guard name.hasPrefix(prefix), name.hasSuffix("]") else { return nil }
        let suffix = name.dropFirst(prefix.count).dropLast()
        let (type, digits): (CoreValueType, Substring) = switch suffix {
        case let text where text.hasPrefix("i64-"): (.i64, text.dropFirst(4))
        case let text where text.hasPrefix("i32-"): (.i32, text.dropFirst(4))
        default: (.i32, suffix)
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let slot = UInt32(digits) else { return nil }
        return (type, slot)
    }

    /// Whether `name` (a `"$root"` or `"[export]…"` import) names a built-in of the async ABI
    /// this does not cover: streams, futures, error contexts, threads.
    static func isUnsupportedBuiltin(_ name: String) -> Bool {
        var bare = name
        for prefix in ["[async-lower]", "[cancellable]"] where bare.hasPrefix(prefix) { bare.removeFirst(prefix.count) }
        return ["[stream-", "[future-", "[error-context-", "[thread-"].contains { bare.hasPrefix($0) }
    }

    /// Whether the built-in reads or writes the module's memory (so it is defined after the
    /// module exists and reached through the adapter table).
    var needsMemory: Bool {
        switch self {
        case .waitableSetWait, .waitableSetPoll: true
        default: false
        }
    }

    /// The canonical definition; `memory` is the module's memory, nil when it has none (then
    /// the built-ins that need one have no definition).
    func canonical(memory: UInt32?) -> CanonicalFunction? {
        switch self {
        case .backpressureIncrement: .backpressureIncrement
        case .backpressureDecrement: .backpressureDecrement
        case .waitableSetNew: .waitableSetNew
        case .waitableSetWait(let cancellable): memory.map { .waitableSetWait(isCancellable: cancellable, memory: $0) }
        case .waitableSetPoll(let cancellable): memory.map { .waitableSetPoll(isCancellable: cancellable, memory: $0) }
        case .waitableSetDrop: .waitableSetDrop
        case .waitableJoin: .waitableJoin
        case .subtaskDrop: .subtaskDrop
        case .subtaskCancel(let isAsync): .subtaskCancel(isAsync: isAsync)
        case .threadYield(let cancellable): .threadYield(isCancellable: cancellable)
        case .contextGet(let type, let slot): .contextGet(type: type, slot: slot)
        case .contextSet(let type, let slot): .contextSet(type: type, slot: slot)
        case .taskCancel: .taskCancel
        }
    }
}
