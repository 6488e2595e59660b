import ComponentModel
import Synchronization

/// How a served `wasi:http/proxy` component's instances meet requests.
public enum InstanceReuse: Sendable, Equatable {
    /// A fresh instance for every request (nothing a guest keeps in memory outlives it).
    case perRequest
    /// Up to `size` idle instances are kept after answering cleanly and reused by later
    /// requests, so instantiation is paid once per instance; what a guest keeps in memory
    /// carries over from one request to the next. An instance whose request trapped or failed
    /// is never reused.
    case pool(size: Int)

    /// Idle instances kept at most.
    var poolCapacity: Int {
        switch self {
        case .perRequest: 0
        case .pool(let size): max(size, 0)
        }
    }
}

/// An instance ready to answer a request: its WASI host and its `incoming-handler#handle`.
/// Used by one request at a time.
struct ServedInstance: @unchecked Sendable {
    let wasi: WASIComponentHost
    let handler: ComponentFunction

    /// Frees the instance once its last use is over: its host functions (which hold the WASI
    /// host, which holds the store) let go of the store, so the store, its memories and the
    /// host's objects (the request's connection among them) go with the last reference.
    func release() {
        wasi.release()
    }
}

/// The idle instances of a target, shared by the server's worker threads.
final class ServedInstancePool: Sendable {
    private let capacity: Int
    private let idle = Mutex<[ServedInstance]>([])
    private let instantiations = Atomic<Int>(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    deinit {
        idle.withLock { instances in
            for instance in instances { instance.release() }
        }
    }

    /// Instances made for the target so far.
    var instantiationCount: Int { instantiations.load(ordering: .relaxed) }

    func countInstantiation() {
        instantiations.add(1, ordering: .relaxed)
    }

    /// An idle instance, if there is one.
    func take() -> ServedInstance? {
        idle.withLock { $0.popLast() }
    }

    /// Keeps `instance` when there is room; false when there is none.
    func put(_ instance: ServedInstance) -> Bool {
        idle.withLock { instances in
            guard instances.count < capacity else { return false }
            instances.append(instance)
            return true
        }
    }
}
