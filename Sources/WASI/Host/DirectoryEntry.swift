#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a directory listing.
struct DirectoryEntry {
    /// The name's bytes as the host file system stores them.
    var name: [UInt8]
    var inode: UInt64
    var type: FileType

    /// Every entry of `directory`, `.` and `..` included, in the host's order.
    static func list(_ directory: OwnedDescriptor) throws(WASIErrno) -> [DirectoryEntry] {
        // A fresh descriptor: the directory's own may be an O_PATH one, and the stream owns what it gets.
        let descriptor = try OwnedDescriptor.retrying {
            openat(directory.rawValue, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard let stream = fdopendir(descriptor) else {
            let failure = WASIErrno.current
            close(descriptor)
            throw failure
        }
        defer { closedir(stream) }
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw WASIErrno.current }
                return entries
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            let type = FileType(directoryEntryType: entry.pointee.d_type)
                ?? (try? Self.type(of: name, in: descriptor)) ?? .unknown
            entries.append(DirectoryEntry(name: name, inode: UInt64(truncatingIfNeeded: entry.pointee.d_ino), type: type))
        }
    }

    /// The type of `name` in `directory` by `fstatat`, for file systems that do not report it.
    private static func type(of name: [UInt8], in directory: Int32) throws(WASIErrno) -> FileType {
        var status = stat()
        let result = try SandboxPath.withCString(name) { cName throws(WASIErrno) in
            fstatat(directory, cName, &status, AT_SYMLINK_NOFOLLOW)
        }
        guard result == 0 else { throw WASIErrno.current }
        return FileType(mode: status.st_mode)
    }
}
