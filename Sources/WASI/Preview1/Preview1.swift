import WasmCore
import WasmRuntime

/// The arguments and context of one `wasi_snapshot_preview1` call.
struct Preview1Call {
    let arguments: [Value]
    /// The calling instance's exported `memory` (empty when it exports none).
    let memory: GuestMemory
    /// The grants as they are at this call.
    let grants: WASIGrants
    let store: Store

    /// Argument `index` as an unsigned 32-bit value (the runtime has checked its type).
    func u32(_ index: Int) -> UInt32 {
        switch arguments[index] {
        case .i32(let bits): bits
        default: 0
        }
    }

    /// Argument `index` as an unsigned 64-bit value (the runtime has checked its type).
    func u64(_ index: Int) -> UInt64 {
        switch arguments[index] {
        case .i64(let bits): bits
        default: 0
        }
    }
}

extension WASIHost {
    /// The module name of the preview1 imports.
    public static let preview1Module = "wasi_snapshot_preview1"

    /// Defines every `wasi_snapshot_preview1` function in `imports` as a host function of
    /// `store` acting on this host state. Each returns a WASI errno (`proc_exit` returns nothing
    /// and stops the guest); a pointer or length the guest passes that does not fit its memory
    /// yields `EFAULT`.
    public func definePreview1(in imports: inout Imports, store: Store) {
        for (name, parameters, body) in Self.preview1Functions {
            let type = FunctionType(parameters: parameters, results: [.i32])
            let function = store.makeHostFunction(type: type, name: "\(Self.preview1Module).\(name)") { [self] caller, arguments in
                let errno = try perform(body, caller: &caller, arguments: arguments)
                return [.i32(UInt32(errno.rawValue))]
            }
            imports.define(module: Self.preview1Module, name: name, .function(function))
        }
        let exit = store.makeHostFunction(type: FunctionType(parameters: [.i32]), name: "\(Self.preview1Module).proc_exit") { [self] _, arguments in
            guard case .i32(let code) = arguments.first else { return [] }
            let exit = WASIExit(code: code)
            pendingExit = exit
            throw exit
        }
        imports.define(module: Self.preview1Module, name: "proc_exit", .function(exit))
    }

    /// Runs one call with the caller's memory and the current grants; a `WASIErrno` thrown by
    /// `body` becomes the call's result, anything else (a trap) propagates.
    private func perform(_ body: (WASIHost) -> (Preview1Call) throws -> Void, caller: inout Caller,
                         arguments: [Value]) throws -> WASIErrno {
        let grants = self.grants.current
        let store = caller.store
        func run(_ bytes: UnsafeMutableRawBufferPointer) throws -> WASIErrno {
            do {
                try body(self)(Preview1Call(arguments: arguments, memory: GuestMemory(bytes: bytes), grants: grants, store: store))
                return .success
            } catch let errno as WASIErrno {
                return errno
            }
        }
        if let memory = caller.instance?.memory("memory") {
            return try memory.withUnsafeMutableBytes { try run($0) }
        }
        return try run(UnsafeMutableRawBufferPointer(start: nil, count: 0))
    }

    /// Every preview1 function returning an errno: name, parameter types, implementation.
    private static var preview1Functions: [(String, [ValueType], (WASIHost) -> (Preview1Call) throws -> Void)] {
        [
        ("args_get", [.i32, .i32], argumentsGet),
        ("args_sizes_get", [.i32, .i32], argumentsSizesGet),
        ("environ_get", [.i32, .i32], environmentGet),
        ("environ_sizes_get", [.i32, .i32], environmentSizesGet),
        ("clock_res_get", [.i32, .i32], clockResolutionGet),
        ("clock_time_get", [.i32, .i64, .i32], clockTimeGet),
        ("random_get", [.i32, .i32], randomGet),
        ("fd_advise", [.i32, .i64, .i64, .i32], fdAdvise),
        ("fd_allocate", [.i32, .i64, .i64], fdAllocate),
        ("fd_close", [.i32], fdClose),
        ("fd_datasync", [.i32], fdDatasync),
        ("fd_fdstat_get", [.i32, .i32], fdFdstatGet),
        ("fd_fdstat_set_flags", [.i32, .i32], fdFdstatSetFlags),
        ("fd_fdstat_set_rights", [.i32, .i64, .i64], fdFdstatSetRights),
        ("fd_filestat_get", [.i32, .i32], fdFilestatGet),
        ("fd_filestat_set_size", [.i32, .i64], fdFilestatSetSize),
        ("fd_filestat_set_times", [.i32, .i64, .i64, .i32], fdFilestatSetTimes),
        ("fd_pread", [.i32, .i32, .i32, .i64, .i32], fdPread),
        ("fd_prestat_get", [.i32, .i32], fdPrestatGet),
        ("fd_prestat_dir_name", [.i32, .i32, .i32], fdPrestatDirName),
        ("fd_pwrite", [.i32, .i32, .i32, .i64, .i32], fdPwrite),
        ("fd_read", [.i32, .i32, .i32, .i32], fdRead),
        ("fd_readdir", [.i32, .i32, .i32, .i64, .i32], fdReaddir),
        ("fd_renumber", [.i32, .i32], fdRenumber),
        ("fd_seek", [.i32, .i64, .i32, .i32], fdSeek),
        ("fd_sync", [.i32], fdSync),
        ("fd_tell", [.i32, .i32], fdTell),
        ("fd_write", [.i32, .i32, .i32, .i32], fdWrite),
        ("path_create_directory", [.i32, .i32, .i32], pathCreateDirectory),
        ("path_filestat_get", [.i32, .i32, .i32, .i32, .i32], pathFilestatGet),
        ("path_filestat_set_times", [.i32, .i32, .i32, .i32, .i64, .i64, .i32], pathFilestatSetTimes),
        ("path_link", [.i32, .i32, .i32, .i32, .i32, .i32, .i32], pathLink),
        ("path_open", [.i32, .i32, .i32, .i32, .i32, .i64, .i64, .i32, .i32], pathOpen),
        ("path_readlink", [.i32, .i32, .i32, .i32, .i32, .i32], pathReadlink),
        ("path_remove_directory", [.i32, .i32, .i32], pathRemoveDirectory),
        ("path_rename", [.i32, .i32, .i32, .i32, .i32, .i32], pathRename),
        ("path_symlink", [.i32, .i32, .i32, .i32, .i32], pathSymlink),
        ("path_unlink_file", [.i32, .i32, .i32], pathUnlinkFile),
        ("poll_oneoff", [.i32, .i32, .i32, .i32], pollOneoff),
        ("proc_raise", [.i32], processRaise),
        ("sched_yield", [], schedulerYield),
        ("sock_accept", [.i32, .i32, .i32], socketAccept),
        ("sock_recv", [.i32, .i32, .i32, .i32, .i32, .i32], socketReceive),
        ("sock_send", [.i32, .i32, .i32, .i32, .i32], socketSend),
        ("sock_shutdown", [.i32, .i32], socketShutdown),
        ]
    }
}
