/// A handle in a component instance's table (`ResourceHandle` in CanonicalABI.md).
final class ResourceHandleEntry {
    let resourceType: ComponentResourceType
    let representation: UInt32
    let isOwned: Bool
    /// For borrowed handles: the call that lent the handle, which must see it dropped.
    let borrowScope: CallScope?
    /// How many calls currently borrow this handle (`num_lends`).
    var lendCount = 0

    init(resourceType: ComponentResourceType, representation: UInt32, isOwned: Bool, borrowScope: CallScope?) {
        self.resourceType = resourceType
        self.representation = representation
        self.isOwned = isOwned
        self.borrowScope = borrowScope
    }
}

/// The per-instance handle table (`Table` in CanonicalABI.md): index 0 is never used, freed
/// slots are reused last-in first-out, and at most `maximumLength` slots exist.
struct ResourceHandleTable {
    static let maximumLength = (1 << 28) - 1
    private var entries: [ResourceHandleEntry?] = [nil]
    private var free: [UInt32] = []

    /// `get(i)`: the live entry at `index`.
    func get(_ index: UInt32) throws(ComponentTrap) -> ResourceHandleEntry {
        guard Int(index) < entries.count, let entry = entries[Int(index)] else { throw .unknownHandle(index) }
        return entry
    }

    /// `get(i)` checked against the resource type the caller expects.
    func get(_ index: UInt32, of type: ComponentResourceType) throws(ComponentTrap) -> ResourceHandleEntry {
        let entry = try get(index)
        guard entry.resourceType === type else { throw Self.wrongType(index, expected: type, found: entry.resourceType) }
        return entry
    }

    /// `add(e)`: stores `entry` and returns its index.
    mutating func add(_ entry: ResourceHandleEntry) throws(ComponentTrap) -> UInt32 {
        if let index = free.popLast() {
            entries[Int(index)] = entry
            return index
        }
        guard entries.count <= Self.maximumLength else { throw ComponentTrap("resource handle table is full") }
        entries.append(entry)
        return UInt32(entries.count - 1)
    }

    /// `remove(i)`: removes and returns the live entry at `index`.
    mutating func remove(_ index: UInt32) throws(ComponentTrap) -> ResourceHandleEntry {
        let entry = try get(index)
        entries[Int(index)] = nil
        free.append(index)
        return entry
    }

    static func wrongType(_ index: UInt32, expected: ComponentResourceType, found: ComponentResourceType) -> ComponentTrap {
        func kind(_ type: ComponentResourceType) -> String {
            type.isHostDefined ? "host-defined resource" : "guest-defined resource"
        }
        let foundKind = expected.isHostDefined == found.isHostDefined ? "a different \(kind(found))" : kind(found)
        return ComponentTrap("handle index \(index) used with the wrong type, expected \(kind(expected)) but found \(foundKind)")
    }
}

/// One call into a component instance (its `Task` and implicit `Thread`): the borrow count
/// (handles lent to the callee must all be dropped before it returns) and the thread's
/// `context.get`/`context.set` storage.
final class CallScope {
    /// The handles the host holds when the host made this call, nil for a call from a component.
    let hostHandles: HostResourceTable?
    var borrowCount = 0
    var contextStorage: [UInt64] = [0, 0]
    /// 🔀 For a call of an `async`-lifted function: the function's type, its options, and where
    /// `task.return` delivers the result (nil once delivered).
    var asyncTask: AsyncTask?

    init(hostHandles: HostResourceTable?) {
        self.hostHandles = hostHandles
    }
}

/// 🔀 What `task.return` needs of the task it resolves.
struct AsyncTask {
    let type: CanonicalFunctionType
    let options: CanonicalOptionValues
    var deliver: (([ComponentValue]) throws -> Void)?
}

/// The handles a caller lends for one lowered call (`Subtask.lenders`): each has its lend count
/// raised for the duration of the call.
final class LentHandles {
    var handles: [ResourceHandleEntry] = []

    func lend(_ entry: ResourceHandleEntry) {
        entry.lendCount += 1
        handles.append(entry)
    }

    /// `deliver_resolve`: the call returned, its borrows end.
    func release() {
        for entry in handles { entry.lendCount -= 1 }
        handles.removeAll()
    }
}

/// The run-time state of one component instance (`ComponentInstance` in CanonicalABI.md):
/// the reentrance flags, the handle table, the backpressure counter and the calls in progress.
final class ComponentInstanceState {
    let parent: ComponentInstanceState?
    /// The handles the host holds to guest-defined resources (shared with the whole linker).
    let hostHandles: HostResourceTable
    var mayLeave = true
    var mayEnter = true
    var handles = ResourceHandleTable()
    /// 🔀 `backpressure`, counted by `backpressure.inc` / `backpressure.dec`.
    var backpressure = 0
    /// Calls into this instance that have not returned, innermost last: the last one is the
    /// current thread of code running in the instance.
    var calls: [CallScope] = []

    init(parent: ComponentInstanceState?, hostHandles: HostResourceTable) {
        self.parent = parent
        self.hostHandles = hostHandles
    }

    /// Whether `instance` is `self` or one of its ancestors.
    private func isSelfOrAncestor(_ instance: ComponentInstanceState) -> Bool {
        var cursor: ComponentInstanceState? = self
        while let current = cursor {
            if current === instance { return true }
            cursor = current.parent
        }
        return false
    }

    /// Calls `body` on each instance a call from `caller` enters
    /// (`self_and_ancestors() - caller.self_and_ancestors()`).
    private func forEachEntered(from caller: ComponentInstanceState?, _ body: (ComponentInstanceState) -> Void) {
        var cursor: ComponentInstanceState? = self
        while let current = cursor {
            if caller.map({ !$0.isSelfOrAncestor(current) }) ?? true { body(current) }
            cursor = current.parent
        }
    }

    /// `may_enter_from` then `enter_from`: traps unless every instance a call from `caller`
    /// enters may be entered, then marks them entered.
    func enter(from caller: ComponentInstanceState?) throws(ComponentTrap) {
        var mayEnter = true
        forEachEntered(from: caller) { mayEnter = mayEnter && $0.mayEnter }
        guard mayEnter else { throw .cannotEnter }
        forEachEntered(from: caller) { $0.mayEnter = false }
    }

    /// `leave_to`: undoes `enter(from:)`.
    func leave(to caller: ComponentInstanceState?) {
        forEachEntered(from: caller) { $0.mayEnter = true }
    }
}
