#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `path_*` functions. Every path is resolved by `SandboxPath` beneath the directory
/// descriptor it is relative to, and every final `*at` call does not follow symlinks, so no
/// path reaches outside its preopen. Changes need the preopen granted read-write.
extension WASIHost {
    /// `lookupflags`: bit 0 follows a symlink in the final position.
    private static let followSymlinks: UInt32 = 1

    func pathCreateDirectory(_ call: Preview1Call) throws(WASIErrno) {
        let path = try resolve(call, directory: 0, path: 1, follow: false, modifying: true)
        _ = try path.withName { name throws(WASIErrno) in
            try OwnedDescriptor.retrying { mkdirat(path.directory.rawValue, name, 0o777) }
        }
    }

    func pathFilestatGet(_ call: Preview1Call) throws(WASIErrno) {
        let path = try resolve(call, directory: 0, path: 2, follow: call.u32(1) & Self.followSymlinks != 0, modifying: false)
        try Self.store(try FileStatus(at: path), at: call.u32(4), in: call.memory)
    }

    func pathFilestatSetTimes(_ call: Preview1Call) throws(WASIErrno) {
        let path = try resolve(call, directory: 0, path: 2, follow: call.u32(1) & Self.followSymlinks != 0, modifying: true)
        var times = try Self.timestamps(access: call.u64(4), modification: call.u64(5), flags: call.u32(6))
        _ = try path.withName { name throws(WASIErrno) in
            try OwnedDescriptor.retrying { utimensat(path.directory.rawValue, name, &times, AT_SYMLINK_NOFOLLOW) }
        }
    }

    /// Both sides must be writable: a new name for a file of a read-only preopen would make
    /// it writable through the other one.
    func pathLink(_ call: Preview1Call) throws(WASIErrno) {
        let source = try resolve(call, directory: 0, path: 2, follow: call.u32(1) & Self.followSymlinks != 0, modifying: true)
        let target = try resolve(call, directory: 4, path: 5, follow: false, modifying: true)
        _ = try source.withName { sourceName throws(WASIErrno) in
            try target.withName { targetName throws(WASIErrno) in
                try OwnedDescriptor.retrying { linkat(source.directory.rawValue, sourceName, target.directory.rawValue, targetName, 0) }
            }
        }
    }

    func pathOpen(_ call: Preview1Call) throws(WASIErrno) {
        let parent = try descriptors.get(call.u32(0))
        let openFlags = call.u32(4)
        let requestedBase = Rights(rawValue: call.u64(5))
        let requestedInheriting = Rights(rawValue: call.u64(6))
        guard let descriptorFlagBits = UInt16(exactly: call.u32(7)) else { throw .invalid }
        let descriptorFlags = DescriptorFlags(rawValue: descriptorFlagBits)
        let resultPointer = call.u32(8)
        _ = try call.memory.range(resultPointer, count: 4)

        let create = openFlags & 1 != 0, directoryOnly = openFlags & 2 != 0
        let exclusive = openFlags & 4 != 0, truncate = openFlags & 8 != 0
        guard openFlags & ~0xF == 0 else { throw .invalid }
        let readable = !requestedBase.isDisjoint(with: .reading)
        let writable = !requestedBase.isDisjoint(with: .writing)
        let modifying = writable || create || truncate || descriptorFlags.contains(.append)
        let path = try resolve(call, directory: 0, path: 2, follow: call.u32(1) & Self.followSymlinks != 0, modifying: modifying)
        try Self.refuseSpecialFile(path)

        var flags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        flags |= readable && writable ? O_RDWR : writable ? O_WRONLY : O_RDONLY
        if directoryOnly || path.mustBeDirectory { flags |= O_DIRECTORY }
        if create { flags |= O_CREAT }
        if exclusive { flags |= O_EXCL }
        if truncate { flags |= O_TRUNC }
        if descriptorFlags.contains(.append) { flags |= O_APPEND }
        if descriptorFlags.contains(.dsync) { flags |= O_DSYNC }
        if descriptorFlags.contains(.sync) || descriptorFlags.contains(.rsync) { flags |= O_SYNC }
        let raw = try path.withName { name throws(WASIErrno) in
            try OwnedDescriptor.retrying { openat(path.directory.rawValue, name, flags, 0o666) }
        }
        let owned = OwnedDescriptor(raw)
        let status = try FileStatus(descriptor: raw)
        guard status.type == .regularFile || status.type == .directory else { throw .access }
        if !descriptorFlags.contains(.nonblock) {
            guard fcntl(raw, F_SETFL, fcntl(raw, F_GETFL) & ~O_NONBLOCK) == 0 else { throw WASIErrno.current }
        }
        let isDirectory = status.type == .directory
        let descriptor = Descriptor(
            kind: isDirectory ? .directory(owned) : .file(owned), preopen: parent.preopen,
            isReadable: readable || isDirectory, isWritable: writable && !isDirectory, flags: descriptorFlags,
            rightsBase: requestedBase.intersection(parent.rightsInheriting).intersection(isDirectory ? .directory : .regularFile),
            rightsInheriting: requestedInheriting.intersection(parent.rightsInheriting))
        let number = try descriptors.insert(descriptor)
        try call.memory.store(number, at: resultPointer)
    }

    func pathReadlink(_ call: Preview1Call) throws(WASIErrno) {
        let path = try resolve(call, directory: 0, path: 1, follow: false, modifying: false)
        let buffer = try call.memory.range(call.u32(3), count: call.u32(4))
        var target = [UInt8](repeating: 0, count: Int(PATH_MAX))
        let count = try path.withName { name throws(WASIErrno) in
            try OwnedDescriptor.retrying {
                target.withUnsafeMutableBytes { readlinkat(path.directory.rawValue, name, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
            }
        }
        let used = min(count, buffer.count)
        try call.memory.write(target.prefix(used), at: call.u32(3))
        try call.memory.store(UInt32(used), at: call.u32(5))
    }

    func pathRemoveDirectory(_ call: Preview1Call) throws(WASIErrno) {
        let path = try resolve(call, directory: 0, path: 1, follow: false, modifying: true)
        _ = try path.withName { name throws(WASIErrno) in
            try OwnedDescriptor.retrying { unlinkat(path.directory.rawValue, name, AT_REMOVEDIR) }
        }
    }

    func pathRename(_ call: Preview1Call) throws(WASIErrno) {
        let source = try resolve(call, directory: 0, path: 1, follow: false, modifying: true)
        let target = try resolve(call, directory: 3, path: 4, follow: false, modifying: true)
        _ = try source.withName { sourceName throws(WASIErrno) in
            try target.withName { targetName throws(WASIErrno) in
                try OwnedDescriptor.retrying { renameat(source.directory.rawValue, sourceName, target.directory.rawValue, targetName) }
            }
        }
    }

    /// Absolute targets are refused (`EPERM`, as wasmtime does): they could only ever point
    /// outside the sandbox.
    func pathSymlink(_ call: Preview1Call) throws(WASIErrno) {
        let target = try call.memory.path(call.u32(0), count: call.u32(1))
        guard !target.isEmpty else { throw .noEntry }
        guard target.first != UInt8(ascii: "/") else { throw .notPermitted }
        let path = try resolve(call, directory: 2, path: 3, follow: false, modifying: true)
        _ = try SandboxPath.withCString(target) { cTarget throws(WASIErrno) in
            try path.withName { name throws(WASIErrno) in
                try OwnedDescriptor.retrying { symlinkat(cTarget, path.directory.rawValue, name) }
            }
        }
    }

    func pathUnlinkFile(_ call: Preview1Call) throws(WASIErrno) {
        let path = try resolve(call, directory: 0, path: 1, follow: false, modifying: true)
        if path.mustBeDirectory {
            // `file/` names a directory that does not exist; a real directory is not a file.
            throw (try? FileStatus(at: path))?.type == .directory ? .isDirectory : .notDirectory
        }
        _ = try path.withName { name throws(WASIErrno) in
            try OwnedDescriptor.retrying { unlinkat(path.directory.rawValue, name, 0) }
        }
    }

    // MARK: Helpers

    /// Resolves the path given by arguments `path` (pointer) and `path + 1` (length) beneath
    /// the directory descriptor in argument `directory`, after checking its preopen's grant.
    private func resolve(_ call: Preview1Call, directory: Int, path: Int, follow: Bool, modifying: Bool) throws(WASIErrno) -> ResolvedPath {
        let descriptor = try authorized(call.u32(directory), modifying: modifying, grants: call.grants)
        let base = try descriptor.directory()
        let bytes = try call.memory.path(call.u32(path), count: call.u32(path + 1))
        return try SandboxPath.resolve(bytes, beneath: base, followFinalSymlink: follow)
    }

    /// Devices, FIFOs and sockets are not opened: opening them can block or act on the host.
    /// (Checked again on the opened descriptor, in case the entry changed in between.)
    private static func refuseSpecialFile(_ path: ResolvedPath) throws(WASIErrno) {
        guard let status = try? FileStatus(at: path) else { return }
        switch status.type {
        case .regularFile, .directory, .symbolicLink: return
        default: throw .access
        }
    }
}
