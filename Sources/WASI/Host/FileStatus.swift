#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File metadata in preview1's `filestat` terms.
struct FileStatus {
    var device: UInt64
    var inode: UInt64
    var type: FileType
    var linkCount: UInt64
    var size: UInt64
    /// Access, modification and status-change times in nanoseconds since the epoch.
    var accessTime: UInt64
    var modificationTime: UInt64
    var changeTime: UInt64
}

extension FileStatus {
    init(_ status: stat) {
        device = UInt64(truncatingIfNeeded: status.st_dev)
        inode = UInt64(truncatingIfNeeded: status.st_ino)
        type = FileType(mode: status.st_mode)
        linkCount = UInt64(truncatingIfNeeded: status.st_nlink)
        size = UInt64(truncatingIfNeeded: status.st_size)
        #if canImport(Darwin)
        accessTime = Self.nanoseconds(status.st_atimespec)
        modificationTime = Self.nanoseconds(status.st_mtimespec)
        changeTime = Self.nanoseconds(status.st_ctimespec)
        #else
        accessTime = Self.nanoseconds(status.st_atim)
        modificationTime = Self.nanoseconds(status.st_mtim)
        changeTime = Self.nanoseconds(status.st_ctim)
        #endif
    }

    /// The status of an open host descriptor.
    init(descriptor: Int32) throws(WASIErrno) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw WASIErrno.current }
        self.init(status)
    }

    /// The status of `path.name` in `path.directory`, not following a final symlink.
    init(at path: ResolvedPath) throws(WASIErrno) {
        var status = stat()
        let result = try path.withName { name throws(WASIErrno) in
            fstatat(path.directory.rawValue, name, &status, AT_SYMLINK_NOFOLLOW)
        }
        guard result == 0 else { throw WASIErrno.current }
        self.init(status)
    }

    private static func nanoseconds(_ time: timespec) -> UInt64 {
        UInt64(truncatingIfNeeded: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec))
    }
}

extension FileType {
    /// The type named by the `S_IFMT` bits of a mode.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socketStream
        default: self = .unknown
        }
    }

    /// The type named by a `dirent.d_type` value (nil for `DT_UNKNOWN`).
    init?(directoryEntryType type: UInt8) {
        switch Int(type) {
        case Int(DT_REG): self = .regularFile
        case Int(DT_DIR): self = .directory
        case Int(DT_LNK): self = .symbolicLink
        case Int(DT_CHR): self = .characterDevice
        case Int(DT_BLK): self = .blockDevice
        case Int(DT_SOCK): self = .socketStream
        case Int(DT_FIFO): self = .unknown
        default: return nil
        }
    }
}
