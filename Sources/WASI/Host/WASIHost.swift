#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WasmCore
import WasmRuntime

/// The host state of one guest: its descriptor table, file system sandbox, stdio and the
/// live grants every host call checks. Shared by `wasi_snapshot_preview1` (core modules)
/// and, later, the WASI 0.2 interfaces.
///
/// Like a `Store`, a host is used by one thread at a time (the one running its guest);
/// its `grants` may be changed from any thread.
public final class WASIHost {
    /// The guest's grants, read at every host call.
    public let grants: GrantSet
    var descriptors = DescriptorTable()
    /// Set by `proc_exit` during the call in progress.
    var pendingExit: WASIExit?
    /// The sizes `args_sizes_get` / `environ_sizes_get` last reported: `args_get` and
    /// `environ_get` refuse to write more than the guest was told to allocate.
    var reportedArguments: StringListLayout?
    var reportedEnvironment: StringListLayout?
    /// The preopened directories, in grant order (WASI 0.2's `preopens` lists them).
    private(set) var preopenedDirectories: [Descriptor] = []
    /// The ports the granted listeners are bound to, in grant order (useful when a grant asked for port 0).
    public private(set) var listenerPorts: [UInt16] = []

    /// Creates the host state: descriptors 0–2 for stdio, then one per granted directory,
    /// then one per granted listener, in grant order. Throws when a granted directory cannot
    /// be opened or a listener cannot listen.
    public init(grants: GrantSet) throws(WASIHostError) {
        self.grants = grants
        let initial = grants.current
        for stream in [StdioStream.stdin, .stdout, .stderr] {
            try add(Descriptor(kind: .stdio(stream), isReadable: stream == .stdin, isWritable: stream != .stdin,
                               rightsBase: .stream, rightsInheriting: []))
        }
        for directory in initial.directories {
            let raw = open(directory.hostPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard raw >= 0 else {
                throw WASIHostError("cannot open directory '\(directory.hostPath)': \(String(cString: strerror(errno)))")
            }
            let descriptor = Descriptor(
                kind: .directory(OwnedDescriptor(raw)), preopen: directory, isPreopenRoot: true,
                isReadable: true, isWritable: false,
                rightsBase: .directory, rightsInheriting: Rights.directory.union(.regularFile))
            try add(descriptor)
            preopenedDirectories.append(descriptor)
        }
        for listener in initial.listeners {
            let (socket, port) = try SocketListener.open(listener)
            listenerPorts.append(port)
            try add(Descriptor(kind: .socket(socket), listener: listener, isReadable: true, isWritable: true,
                               rightsBase: .socket, rightsInheriting: .socket))
        }
    }

    private func add(_ descriptor: Descriptor) throws(WASIHostError) {
        do {
            _ = try descriptors.insert(descriptor)
        } catch {
            throw WASIHostError("too many preopened directories and listeners")
        }
    }

    // MARK: Running guests

    /// Instantiates `module` with the `wasi_snapshot_preview1` functions (plus `imports`)
    /// in `store`.
    public func instantiate(_ module: Module, in store: Store, imports: Imports = Imports(), name: String? = nil) throws -> Instance {
        var imports = imports
        definePreview1(in: &imports, store: store)
        return try store.instantiate(module: module, imports: imports, name: name)
    }

    /// Runs a command module's `_start` under the grants' fuel and deadline limits; returns
    /// its exit code (0 when `_start` returns, the code given to `proc_exit` otherwise).
    /// Throws the `Trap` that stopped the guest, or `WASIHostError` without `_start`.
    public func runCommand(_ instance: Instance, in store: Store) throws -> UInt32 {
        guard let start = instance.function("_start") else {
            throw WASIHostError("the module exports no '_start' function")
        }
        do {
            _ = try call(start, [], in: store)
            return 0
        } catch let exit as WASIExit {
            return exit.code
        }
    }

    /// Runs a reactor module's `_initialize` export, when it has one, under the grants' limits.
    /// Call it once before the reactor's other exports.
    public func initialize(_ instance: Instance, in store: Store) throws {
        guard let initialize = instance.function("_initialize") else { return }
        _ = try call(initialize, [], in: store)
    }

    /// Calls a guest function of `store` under the grants' fuel and deadline limits (set
    /// afresh for this call). Throws `WASIExit` when the guest called `proc_exit`, the `Trap`
    /// when it trapped.
    public func call(_ function: Function, _ arguments: [Value], in store: Store) throws -> [Value] {
        grants.current.limits.prepare(store)
        pendingExit = nil
        do {
            return try function.call(arguments)
        } catch let trap as Trap {
            if let exit = pendingExit {
                pendingExit = nil
                throw exit
            }
            throw trap
        }
    }

    // MARK: Grant checks

    /// Checks that the preopen, listener or outbound connection `descriptor` was reached
    /// through is still granted and, for a change to the file system, that the preopen is
    /// granted read-write.
    func authorize(_ descriptor: Descriptor, modifying: Bool, grants: WASIGrants) throws(WASIErrno) {
        if let listener = descriptor.listener, !grants.listeners.contains(listener) { throw .notCapable }
        if let peer = descriptor.outboundPeer, !grants.allowsOutbound(to: peer) { throw .notCapable }
        guard let preopen = descriptor.preopen else { return }
        guard let current = grants.grant(matching: preopen) else { throw .notCapable }
        if modifying && current.access == .readOnly { throw .readOnlyFileSystem }
    }

    /// The descriptor `number` after checking its preopen is still granted (see `authorize`).
    func authorized(_ number: UInt32, modifying: Bool = false, grants: WASIGrants) throws(WASIErrno) -> Descriptor {
        let descriptor = try descriptors.get(number)
        try authorize(descriptor, modifying: modifying, grants: grants)
        return descriptor
    }
}

/// Sizes of a list of NUL-terminated strings as `*_sizes_get` reports them.
struct StringListLayout: Equatable {
    var count: UInt32
    var byteCount: UInt32

    init(_ strings: [String]) {
        count = UInt32(clamping: strings.count)
        byteCount = UInt32(clamping: strings.reduce(0) { $0 + $1.utf8.count + 1 })
    }
}
