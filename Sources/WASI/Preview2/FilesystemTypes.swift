#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// `wasi:filesystem/types`: descriptors of preopened directories and what is opened beneath
/// them. Every path goes through `SandboxPath` (never leaving the preopen), every call checks
/// that the preopen is still granted, and changes need it granted read-write.
extension WASIComponentHost {
    func filesystemTypesInterface() -> WASIInterface {
        var interface = interface("wasi:filesystem/types")
        func method(_ name: String, _ body: @escaping (Descriptor, WASIArguments) throws -> ComponentValue?) {
            interface.function("[method]descriptor.\(name)") { [self] arguments in
                try filesystemResult { try body(try descriptor(arguments.handle(0)), arguments) }
            }
        }
        method("read-via-stream") { [self] descriptor, arguments in
            try requireFile(descriptor, reading: true)
            return try own(HostInputStream(descriptor: descriptor, offset: try arguments.u64(1)), types.inputStream)
        }
        method("write-via-stream") { [self] descriptor, arguments in
            try requireFile(descriptor, reading: false)
            return try own(HostOutputStream(descriptor: descriptor, offset: try arguments.u64(1)), types.outputStream)
        }
        method("append-via-stream") { [self] descriptor, _ in
            try requireFile(descriptor, reading: false)
            let stream = HostOutputStream(descriptor: descriptor, offset: nil)
            stream.appends = true
            return try own(stream, types.outputStream)
        }
        method("advise") { [self] descriptor, arguments in
            let file = try hostFile(descriptor)
            let advice: Int32 = switch try arguments.enumCase(3) {
            case "sequential": POSIX_FADV_SEQUENTIAL
            case "random": POSIX_FADV_RANDOM
            case "will-need": POSIX_FADV_WILLNEED
            case "dont-need": POSIX_FADV_DONTNEED
            case "no-reuse": POSIX_FADV_NOREUSE
            default: POSIX_FADV_NORMAL
            }
            try OwnedDescriptor.check(returned: posix_fadvise(file.rawValue, off_t(clamping: try arguments.u64(1)),
                                                              off_t(clamping: try arguments.u64(2)), advice))
            return nil
        }
        method("sync-data") { [self] descriptor, _ in
            let owned = try hostDescriptor(descriptor)
            _ = try OwnedDescriptor.retrying { fdatasync(owned.rawValue) }
            return nil
        }
        method("sync") { [self] descriptor, _ in
            let owned = try hostDescriptor(descriptor)
            _ = try OwnedDescriptor.retrying { fsync(owned.rawValue) }
            return nil
        }
        method("get-flags") { [self] descriptor, _ in
            try host.authorize(descriptor, modifying: false, grants: grants)
            var flags: [String] = []
            if descriptor.isReadable { flags.append("read") }
            if descriptor.isWritable && !isDirectory(descriptor) { flags.append("write") }
            if isDirectory(descriptor) && mayMutate(descriptor) { flags.append("mutate-directory") }
            return .flags(flags)
        }
        method("get-type") { [self] descriptor, _ in
            .enum(Self.typeName(try FileStatus(descriptor: try hostDescriptor(descriptor).rawValue).type))
        }
        method("set-size") { [self] descriptor, arguments in
            let file = try writableFile(descriptor)
            let size = off_t(clamping: try arguments.u64(1))
            _ = try OwnedDescriptor.retrying { ftruncate(file.rawValue, size) }
            return nil
        }
        method("set-times") { [self] descriptor, arguments in
            let owned = try hostDescriptor(descriptor, modifying: true)
            var times = try Self.timestamps(arguments, access: 1, modification: 2)
            _ = try OwnedDescriptor.retrying { futimens(owned.rawValue, &times) }
            return nil
        }
        method("read") { [self] descriptor, arguments in
            try requireFile(descriptor, reading: true)
            let length = min(try arguments.u64(1), UInt64(Self.streamChunk))
            var buffer = [UInt8](repeating: 0, count: Int(length))
            let count = try buffer.withUnsafeMutableBytes { bytes in
                try host.read(descriptor, into: [bytes], at: try arguments.u64(2), grants: grants, limit: waitLimit)
            }
            return .tuple([.bytes(buffer.prefix(count)), .bool(count == 0 && length > 0)])
        }
        method("write") { [self] descriptor, arguments in
            try requireFile(descriptor, reading: false)
            try host.authorize(descriptor, modifying: true, grants: grants)
            var bytes = try arguments.bytes(1)
            let count = try bytes.withUnsafeMutableBytes { buffer in
                try host.write(descriptor, from: [buffer], at: try arguments.u64(2), grants: grants, limit: waitLimit)
            }
            return .u64(UInt64(count))
        }
        method("read-directory") { [self] descriptor, _ in
            try host.authorize(descriptor, modifying: false, grants: grants)
            let entries = try DirectoryEntry.list(try descriptor.directory()).filter { $0.name != [0x2E] && $0.name != [0x2E, 0x2E] }
            return try own(DirectoryListing(entries: entries, descriptor: descriptor), types.directoryEntryStream)
        }
        method("create-directory-at") { [self] descriptor, arguments in
            let path = try resolve(descriptor, arguments.string(1), follow: false, modifying: true)
            _ = try path.withName { name throws(WASIErrno) in
                try OwnedDescriptor.retrying { mkdirat(path.directory.rawValue, name, 0o777) }
            }
            return nil
        }
        method("stat") { [self] descriptor, _ in
            Self.stat(try FileStatus(descriptor: try hostDescriptor(descriptor).rawValue))
        }
        method("stat-at") { [self] descriptor, arguments in
            let path = try resolve(descriptor, arguments.string(2), follow: try follows(arguments, 1), modifying: false)
            return Self.stat(try FileStatus(at: path))
        }
        method("set-times-at") { [self] descriptor, arguments in
            let path = try resolve(descriptor, arguments.string(2), follow: try follows(arguments, 1), modifying: true)
            var times = try Self.timestamps(arguments, access: 3, modification: 4)
            _ = try path.withName { name throws(WASIErrno) in
                try OwnedDescriptor.retrying { utimensat(path.directory.rawValue, name, &times, AT_SYMLINK_NOFOLLOW) }
            }
            return nil
        }
        method("link-at") { [self] descriptor, arguments in
            let source = try resolve(descriptor, arguments.string(2), follow: try follows(arguments, 1), modifying: true)
            let target = try resolve(try self.descriptor(arguments.handle(3)), arguments.string(4), follow: false, modifying: true)
            _ = try source.withName { sourceName throws(WASIErrno) in
                try target.withName { targetName throws(WASIErrno) in
                    try OwnedDescriptor.retrying { linkat(source.directory.rawValue, sourceName, target.directory.rawValue, targetName, 0) }
                }
            }
            return nil
        }
        method("open-at") { [self] descriptor, arguments in
            try own(try openAt(descriptor, arguments), types.descriptor)
        }
        method("readlink-at") { [self] descriptor, arguments in
            let path = try resolve(descriptor, arguments.string(1), follow: false, modifying: false)
            var target = [UInt8](repeating: 0, count: Int(PATH_MAX))
            let count = try path.withName { name throws(WASIErrno) in
                try OwnedDescriptor.retrying {
                    target.withUnsafeMutableBytes { readlinkat(path.directory.rawValue, name, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
                }
            }
            guard let text = String(validating: target.prefix(count), as: UTF8.self) else { throw WASIErrno.illegalByteSequence }
            return .string(text)
        }
        method("remove-directory-at") { [self] descriptor, arguments in
            let path = try resolve(descriptor, arguments.string(1), follow: false, modifying: true)
            _ = try path.withName { name throws(WASIErrno) in
                try OwnedDescriptor.retrying { unlinkat(path.directory.rawValue, name, AT_REMOVEDIR) }
            }
            return nil
        }
        method("rename-at") { [self] descriptor, arguments in
            let source = try resolve(descriptor, arguments.string(1), follow: false, modifying: true)
            let target = try resolve(try self.descriptor(arguments.handle(2)), arguments.string(3), follow: false, modifying: true)
            _ = try source.withName { sourceName throws(WASIErrno) in
                try target.withName { targetName throws(WASIErrno) in
                    try OwnedDescriptor.retrying { renameat(source.directory.rawValue, sourceName, target.directory.rawValue, targetName) }
                }
            }
            return nil
        }
        method("symlink-at") { [self] descriptor, arguments in
            // An absolute target could only ever point outside the sandbox.
            let target = Array(try arguments.string(1).utf8)
            guard !target.isEmpty else { throw WASIErrno.noEntry }
            guard target.first != UInt8(ascii: "/") else { throw WASIErrno.notPermitted }
            let path = try resolve(descriptor, arguments.string(2), follow: false, modifying: true)
            _ = try SandboxPath.withCString(target) { cTarget throws(WASIErrno) in
                try path.withName { name throws(WASIErrno) in
                    try OwnedDescriptor.retrying { symlinkat(cTarget, path.directory.rawValue, name) }
                }
            }
            return nil
        }
        method("unlink-file-at") { [self] descriptor, arguments in
            let path = try resolve(descriptor, arguments.string(1), follow: false, modifying: true)
            if path.mustBeDirectory {
                throw (try? FileStatus(at: path))?.type == .directory ? WASIErrno.isDirectory : WASIErrno.notDirectory
            }
            _ = try path.withName { name throws(WASIErrno) in
                try OwnedDescriptor.retrying { unlinkat(path.directory.rawValue, name, 0) }
            }
            return nil
        }
        method("metadata-hash") { [self] descriptor, _ in
            Self.metadataHash(try FileStatus(descriptor: try hostDescriptor(descriptor).rawValue))
        }
        method("metadata-hash-at") { [self] descriptor, arguments in
            let path = try resolve(descriptor, arguments.string(2), follow: try follows(arguments, 1), modifying: false)
            return Self.metadataHash(try FileStatus(at: path))
        }
        interface.function("[method]descriptor.is-same-object") { [self] arguments in
            let first = try? FileStatus(descriptor: try hostDescriptor(try descriptor(arguments.handle(0))).rawValue)
            let second = try? FileStatus(descriptor: try hostDescriptor(try descriptor(arguments.handle(1))).rawValue)
            guard let first, let second else { return .bool(false) }
            return .bool(first.device == second.device && first.inode == second.inode)
        }
        interface.function("[method]directory-entry-stream.read-directory-entry") { [self] arguments in
            let listing = try resources.get(try arguments.handle(0), as: DirectoryListing.self)
            return try filesystemResult {
                try host.authorize(listing.descriptor, modifying: false, grants: grants)
                guard let entry = listing.next() else { return .option(nil) }
                guard let name = String(validating: entry.name, as: UTF8.self) else { throw WASIErrno.illegalByteSequence }
                return .option(.record(["type": .enum(Self.typeName(entry.type)), "name": .string(name)]))
            }
        }
        interface.function("filesystem-error-code") { [self] arguments in
            let error = try resources.get(try arguments.handle(0), as: HostIOError.self)
            return .option(error.errno.map { .enum($0.filesystemErrorCode) })
        }
        return interface
    }

    // MARK: Helpers

    func descriptor(_ representation: UInt32) throws(ComponentTrap) -> Descriptor {
        try resources.get(representation, as: Descriptor.self)
    }

    /// Wraps a filesystem operation's value (or its errno, as an `error-code`) in a `result`.
    private func filesystemResult(_ body: () throws -> ComponentValue?) throws -> ComponentValue {
        do {
            return .ok(try body())
        } catch let errno as WASIErrno {
            return .error(.enum(errno.filesystemErrorCode))
        }
    }

    private func isDirectory(_ descriptor: Descriptor) -> Bool {
        if case .directory = descriptor.kind { true } else { false }
    }

    /// Whether the guest may change what is beneath a directory descriptor: it was opened with
    /// `mutate-directory` (preopens: when granted read-write).
    private func mayMutate(_ descriptor: Descriptor) -> Bool {
        guard let preopen = descriptor.preopen, grants.grant(matching: preopen)?.access == .readWrite else { return false }
        return descriptor.isPreopenRoot || descriptor.isWritable
    }

    /// The host descriptor after the grant check.
    private func hostDescriptor(_ descriptor: Descriptor, modifying: Bool = false) throws -> OwnedDescriptor {
        try host.authorize(descriptor, modifying: modifying, grants: grants)
        guard let owned = descriptor.hostDescriptor else { throw WASIErrno.badDescriptor }
        return owned
    }

    private func hostFile(_ descriptor: Descriptor) throws -> OwnedDescriptor {
        try host.authorize(descriptor, modifying: false, grants: grants)
        guard case .file(let owned) = descriptor.kind else { throw isDirectory(descriptor) ? WASIErrno.isDirectory : WASIErrno.badDescriptor }
        return owned
    }

    private func writableFile(_ descriptor: Descriptor) throws -> OwnedDescriptor {
        try requireFile(descriptor, reading: false)
        try host.authorize(descriptor, modifying: true, grants: grants)
        return try hostFile(descriptor)
    }

    /// A file descriptor opened for reading (or writing): `is-directory` for directories,
    /// `bad-descriptor` when opened without the access.
    private func requireFile(_ descriptor: Descriptor, reading: Bool) throws {
        _ = try hostFile(descriptor)
        guard reading ? descriptor.isReadable : descriptor.isWritable else { throw WASIErrno.badDescriptor }
    }

    private func follows(_ arguments: WASIArguments, _ index: Int) throws(ComponentTrap) -> Bool {
        try arguments.flags(index).contains("symlink-follow")
    }

    /// Resolves `path` beneath the directory `descriptor` after the grant check; a change needs
    /// a directory the guest may mutate.
    private func resolve(_ descriptor: Descriptor, _ path: String, follow: Bool, modifying: Bool) throws -> ResolvedPath {
        try host.authorize(descriptor, modifying: modifying, grants: grants)
        let base = try descriptor.directory()
        if modifying && !mayMutate(descriptor) { throw WASIErrno.notPermitted }
        return try SandboxPath.resolve(Array(path.utf8), beneath: base, followFinalSymlink: follow)
    }

    /// `open-at(path-flags, path, open-flags, descriptor-flags)`.
    private func openAt(_ parent: Descriptor, _ arguments: WASIArguments) throws -> Descriptor {
        let openFlags = try arguments.flags(3)
        let flags = try arguments.flags(4)
        let create = openFlags.contains("create"), directoryOnly = openFlags.contains("directory")
        let exclusive = openFlags.contains("exclusive"), truncate = openFlags.contains("truncate")
        let reading = flags.contains("read"), writing = flags.contains("write")
        let mutating = flags.contains("mutate-directory")
        let modifying = writing || create || truncate || mutating
        let path = try resolve(parent, arguments.string(2), follow: try follows(arguments, 1), modifying: modifying)
        if let status = try? FileStatus(at: path), status.type != .regularFile && status.type != .directory
            && status.type != .symbolicLink {
            throw WASIErrno.access  // devices, FIFOs and sockets can block or act on the host
        }
        var hostFlags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        hostFlags |= reading && writing ? O_RDWR : writing ? O_WRONLY : O_RDONLY
        if directoryOnly || path.mustBeDirectory { hostFlags |= O_DIRECTORY }
        if create { hostFlags |= O_CREAT }
        if exclusive { hostFlags |= O_EXCL }
        if truncate { hostFlags |= O_TRUNC }
        if flags.contains("file-integrity-sync") || flags.contains("requested-write-sync") { hostFlags |= O_SYNC }
        if flags.contains("data-integrity-sync") { hostFlags |= O_DSYNC }
        let finalFlags = hostFlags
        let raw = try path.withName { name throws(WASIErrno) in
            try OwnedDescriptor.retrying { openat(path.directory.rawValue, name, finalFlags, 0o666) }
        }
        let owned = OwnedDescriptor(raw)
        let status = try FileStatus(descriptor: raw)
        guard status.type == .regularFile || status.type == .directory else { throw WASIErrno.access }
        guard fcntl(raw, F_SETFL, fcntl(raw, F_GETFL) & ~O_NONBLOCK) == 0 else { throw WASIErrno.current }
        let isDirectory = status.type == .directory
        return Descriptor(
            kind: isDirectory ? .directory(owned) : .file(owned), preopen: parent.preopen,
            isReadable: reading || isDirectory, isWritable: isDirectory ? mutating : writing,
            rightsBase: isDirectory ? .directory : .regularFile, rightsInheriting: Rights.directory.union(.regularFile))
    }

    /// The `descriptor-type` case of a file type.
    static func typeName(_ type: FileType) -> String {
        switch type {
        case .unknown: "unknown"
        case .blockDevice: "block-device"
        case .characterDevice: "character-device"
        case .directory: "directory"
        case .regularFile: "regular-file"
        case .socketDatagram, .socketStream: "socket"
        case .symbolicLink: "symbolic-link"
        }
    }

    /// A `descriptor-stat` record.
    static func stat(_ status: FileStatus) -> ComponentValue {
        .record([
            "type": .enum(typeName(status.type)),
            "link-count": .u64(status.linkCount),
            "size": .u64(status.size),
            "data-access-timestamp": .option(datetime(status.accessTime)),
            "data-modification-timestamp": .option(datetime(status.modificationTime)),
            "status-change-timestamp": .option(datetime(status.changeTime)),
        ])
    }

    /// A `metadata-hash-value`: a 128-bit mix of device and inode, the same for every
    /// descriptor of one file.
    static func metadataHash(_ status: FileStatus) -> ComponentValue {
        func mix(_ value: UInt64) -> UInt64 {
            var z = value &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let lower = mix(status.inode ^ mix(status.device))
        return .record(["lower": .u64(lower), "upper": .u64(mix(lower ^ status.device))])
    }

    /// The two `new-timestamp` arguments as `timespec`s for `futimens`/`utimensat`.
    private static func timestamps(_ arguments: WASIArguments, access: Int, modification: Int) throws -> [timespec] {
        try [access, modification].map { index in
            let (name, payload) = try arguments.variant(index)
            switch name {
            case "no-change": return timespec(tv_sec: 0, tv_nsec: HostConstants.timeOmit)
            case "now": return timespec(tv_sec: 0, tv_nsec: HostConstants.timeNow)
            default:
                guard case .record(let fields)? = payload,
                      case .u64(let seconds)? = fields.first(where: { $0.name == "seconds" })?.value,
                      case .u32(let nanoseconds)? = fields.first(where: { $0.name == "nanoseconds" })?.value else {
                    throw ComponentTrap("new-timestamp argument \(index) is not a datetime")
                }
                guard nanoseconds < 1_000_000_000, let secs = Int(exactly: seconds) else { throw WASIErrno.invalid }
                return timespec(tv_sec: secs, tv_nsec: Int(nanoseconds))
            }
        }
    }
}

/// The object behind a `directory-entry-stream`: a listing taken when the stream was opened.
final class DirectoryListing {
    private let entries: [DirectoryEntry]
    private var position = 0
    /// The directory listed, whose grant each read checks.
    let descriptor: Descriptor

    init(entries: [DirectoryEntry], descriptor: Descriptor) {
        self.entries = entries
        self.descriptor = descriptor
    }

    func next() -> DirectoryEntry? {
        guard position < entries.count else { return nil }
        defer { position += 1 }
        return entries[position]
    }
}
