#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `fd_*` functions.
extension WASIHost {
    func fdAdvise(_ call: Preview1Call) throws(WASIErrno) {
        let owned = try fileDescriptor(call.u32(0), grants: call.grants)
        let advice = call.u32(3)
        guard advice <= 5 else { throw .invalid }
        #if os(Linux)
        let hostAdvice = [POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                          POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE][Int(advice)]
        try OwnedDescriptor.check(returned: posix_fadvise(owned.rawValue, off_t(truncatingIfNeeded: call.u64(1)),
                                                          off_t(truncatingIfNeeded: call.u64(2)), hostAdvice))
        #else
        _ = owned
        #endif
    }

    func fdAllocate(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), modifying: true, grants: call.grants)
        guard case .file(let owned) = descriptor.kind else { throw .badDescriptor }
        guard descriptor.isWritable else { throw .badDescriptor }
        #if os(Linux)
        try OwnedDescriptor.check(returned: posix_fallocate(owned.rawValue, off_t(truncatingIfNeeded: call.u64(1)), off_t(truncatingIfNeeded: call.u64(2))))
        #else
        _ = owned
        throw .notSupported
        #endif
    }

    func fdClose(_ call: Preview1Call) throws(WASIErrno) {
        try descriptors.remove(call.u32(0))
    }

    func fdDatasync(_ call: Preview1Call) throws(WASIErrno) {
        guard let owned = try authorized(call.u32(0), grants: call.grants).hostDescriptor else { return }
        #if os(Linux)
        _ = try OwnedDescriptor.retrying { fdatasync(owned.rawValue) }
        #else
        _ = try OwnedDescriptor.retrying { fsync(owned.rawValue) }
        #endif
    }

    func fdSync(_ call: Preview1Call) throws(WASIErrno) {
        guard let owned = try authorized(call.u32(0), grants: call.grants).hostDescriptor else { return }
        _ = try OwnedDescriptor.retrying { fsync(owned.rawValue) }
    }

    /// `fdstat`: file type u8 @0, flags u16 @2, base rights u64 @8, inheriting rights u64 @16.
    func fdFdstatGet(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        let pointer = call.u32(1)
        _ = try call.memory.range(pointer, count: 24)
        try call.memory.write([UInt8](repeating: 0, count: 24), at: pointer)
        try call.memory.store(try fileType(of: descriptor, grants: call.grants).rawValue, at: pointer)
        try call.memory.store(descriptor.flags.rawValue, at: pointer + 2)
        try call.memory.store(descriptor.rightsBase.rawValue, at: pointer + 8)
        try call.memory.store(descriptor.rightsInheriting.rawValue, at: pointer + 16)
    }

    /// Only `APPEND` and `NONBLOCK` can change after opening; the synchronous-I/O flags cannot.
    func fdFdstatSetFlags(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        guard let requested = UInt16(exactly: call.u32(1)) else { throw .invalid }
        let flags = DescriptorFlags(rawValue: requested)
        let changeable: DescriptorFlags = [.append, .nonblock]
        guard flags.subtracting(changeable) == descriptor.flags.subtracting(changeable) else { throw .notSupported }
        if case .file(let owned) = descriptor.kind {
            var hostFlags = fcntl(owned.rawValue, F_GETFL)
            guard hostFlags >= 0 else { throw WASIErrno.current }
            hostFlags &= ~(O_APPEND | O_NONBLOCK)
            if flags.contains(.append) { hostFlags |= O_APPEND }
            if flags.contains(.nonblock) { hostFlags |= O_NONBLOCK }
            guard fcntl(owned.rawValue, F_SETFL, hostFlags) == 0 else { throw WASIErrno.current }
        }
        descriptor.flags = flags
    }

    /// Rights can only shrink.
    func fdFdstatSetRights(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        let base = Rights(rawValue: call.u64(1))
        let inheriting = Rights(rawValue: call.u64(2))
        guard descriptor.rightsBase.isSuperset(of: base), descriptor.rightsInheriting.isSuperset(of: inheriting) else {
            throw .notCapable
        }
        descriptor.rightsBase = base
        descriptor.rightsInheriting = inheriting
    }

    func fdFilestatGet(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        let status: FileStatus
        if let owned = descriptor.hostDescriptor {
            status = try FileStatus(descriptor: owned.rawValue)
        } else {
            status = FileStatus(device: 0, inode: 0, type: try fileType(of: descriptor, grants: call.grants),
                                linkCount: 1, size: 0, accessTime: 0, modificationTime: 0, changeTime: 0)
        }
        try Self.store(status, at: call.u32(1), in: call.memory)
    }

    func fdFilestatSetSize(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), modifying: true, grants: call.grants)
        guard case .file(let owned) = descriptor.kind else { throw .badDescriptor }
        guard let size = off_t(exactly: call.u64(1)) else { throw .fileTooLarge }
        _ = try OwnedDescriptor.retrying { ftruncate(owned.rawValue, size) }
    }

    func fdFilestatSetTimes(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), modifying: true, grants: call.grants)
        guard let owned = descriptor.hostDescriptor else { throw .badDescriptor }
        var times = try Self.timestamps(access: call.u64(1), modification: call.u64(2), flags: call.u32(3))
        guard futimens(owned.rawValue, &times) == 0 else { throw WASIErrno.current }
    }

    func fdPread(_ call: Preview1Call) throws {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        _ = try call.memory.range(call.u32(4), count: 4)
        let buffers = try call.memory.ioVectors(call.u32(1), count: call.u32(2))
        guard Int64(bitPattern: call.u64(3)) >= 0 else { throw WASIErrno.invalid }
        let count = try read(descriptor, into: buffers, at: call.u64(3), grants: call.grants, limit: WaitLimit(call.store))
        try call.memory.store(UInt32(count), at: call.u32(4))
    }

    func fdRead(_ call: Preview1Call) throws {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        _ = try call.memory.range(call.u32(3), count: 4)
        let buffers = try call.memory.ioVectors(call.u32(1), count: call.u32(2))
        let count = try read(descriptor, into: buffers, at: nil, grants: call.grants, limit: WaitLimit(call.store))
        try call.memory.store(UInt32(count), at: call.u32(3))
    }

    func fdPwrite(_ call: Preview1Call) throws {
        let descriptor = try authorized(call.u32(0), modifying: true, grants: call.grants)
        _ = try call.memory.range(call.u32(4), count: 4)
        let buffers = try call.memory.ioVectors(call.u32(1), count: call.u32(2))
        guard Int64(bitPattern: call.u64(3)) >= 0 else { throw WASIErrno.invalid }
        let count = try write(descriptor, from: buffers, at: call.u64(3), grants: call.grants, limit: WaitLimit(call.store))
        try call.memory.store(UInt32(count), at: call.u32(4))
    }

    func fdWrite(_ call: Preview1Call) throws {
        let descriptor = try authorized(call.u32(0), modifying: true, grants: call.grants)
        _ = try call.memory.range(call.u32(3), count: 4)
        let buffers = try call.memory.ioVectors(call.u32(1), count: call.u32(2))
        let count = try write(descriptor, from: buffers, at: nil, grants: call.grants, limit: WaitLimit(call.store))
        try call.memory.store(UInt32(count), at: call.u32(3))
    }

    /// `prestat`: tag u8 @0 (0 = directory), name length u32 @4. Reported for a preopen even
    /// after its grant was revoked (using it fails), so the guest's preopen scan stays intact.
    func fdPrestatGet(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try descriptors.get(call.u32(0))
        guard descriptor.isPreopenRoot, let preopen = descriptor.preopen else { throw .badDescriptor }
        let pointer = call.u32(1)
        _ = try call.memory.range(pointer, count: 8)
        try call.memory.store(UInt32(0), at: pointer)
        try call.memory.store(UInt32(preopen.guestPath.utf8.count), at: pointer + 4)
    }

    func fdPrestatDirName(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try descriptors.get(call.u32(0))
        guard descriptor.isPreopenRoot, let preopen = descriptor.preopen else { throw .badDescriptor }
        let name = Array(preopen.guestPath.utf8)
        guard call.u32(2) >= name.count else { throw .nameTooLong }
        try call.memory.write(name, at: call.u32(1))
    }

    /// Entries are a 24-byte `dirent` (next cookie u64 @0, inode u64 @8, name length u32 @16,
    /// type u8 @20) followed by the name; the last one is cut off when the buffer is full,
    /// which tells the guest to call again from that entry's cookie.
    func fdReaddir(_ call: Preview1Call) throws(WASIErrno) {
        let descriptor = try authorized(call.u32(0), grants: call.grants)
        let directory = try descriptor.directory()
        let buffer = try call.memory.range(call.u32(1), count: call.u32(2))
        let cookie = call.u64(3)
        if cookie == 0 || descriptor.directoryListing == nil {
            descriptor.directoryListing = try DirectoryEntry.list(directory)
        }
        let entries = descriptor.directoryListing ?? []
        var output: [UInt8] = []
        var index = cookie
        while index < UInt64(entries.count), output.count < buffer.count {
            let entry = entries[Int(index)]
            index += 1
            var header = [UInt8](repeating: 0, count: 24)
            withUnsafeBytes(of: index.littleEndian) { header.replaceSubrange(0..<8, with: $0) }
            withUnsafeBytes(of: entry.inode.littleEndian) { header.replaceSubrange(8..<16, with: $0) }
            withUnsafeBytes(of: UInt32(entry.name.count).littleEndian) { header.replaceSubrange(16..<20, with: $0) }
            header[20] = entry.type.rawValue
            output += header
            output += entry.name
        }
        let used = min(output.count, buffer.count)
        try call.memory.write(output.prefix(used), at: call.u32(1))
        try call.memory.store(UInt32(used), at: call.u32(4))
    }

    func fdRenumber(_ call: Preview1Call) throws(WASIErrno) {
        try descriptors.renumber(from: call.u32(0), to: call.u32(1))
    }

    func fdSeek(_ call: Preview1Call) throws(WASIErrno) {
        let owned = try fileDescriptor(call.u32(0), grants: call.grants)
        let whence: Int32 = switch call.u32(2) {
        case 0: SEEK_SET
        case 1: SEEK_CUR
        case 2: SEEK_END
        default: throw .invalid
        }
        let position = try OwnedDescriptor.retrying { lseek(owned.rawValue, off_t(truncatingIfNeeded: call.u64(1)), whence) }
        try call.memory.store(UInt64(position), at: call.u32(3))
    }

    func fdTell(_ call: Preview1Call) throws(WASIErrno) {
        let owned = try fileDescriptor(call.u32(0), grants: call.grants)
        let position = try OwnedDescriptor.retrying { lseek(owned.rawValue, 0, SEEK_CUR) }
        try call.memory.store(UInt64(position), at: call.u32(1))
    }

    // MARK: Helpers

    /// The host descriptor of a regular file: stdio cannot seek (`ESPIPE`), directories are `EBADF`.
    private func fileDescriptor(_ number: UInt32, grants: WASIGrants) throws(WASIErrno) -> OwnedDescriptor {
        switch try authorized(number, grants: grants).kind {
        case .file(let owned): owned
        case .stdio, .socket: throw .invalidSeek
        case .directory: throw .badDescriptor
        }
    }

    /// The preview1 file type of a descriptor; for stdio, of the route its grant names now.
    func fileType(of descriptor: Descriptor, grants: WASIGrants) throws(WASIErrno) -> FileType {
        switch descriptor.kind {
        case .file: return .regularFile
        case .directory: return .directory
        case .socket: return .socketStream
        case .stdio(let stream):
            switch grants.stdio.route(for: stream) {
            case .inherit: return FileType(mode: try Self.mode(of: Int32(stream.rawValue)))
            case .null: return .characterDevice
            case .file: return .regularFile
            case .pipe: return .unknown
            }
        }
    }

    private static func mode(of descriptor: Int32) throws(WASIErrno) -> mode_t {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw WASIErrno.current }
        return status.st_mode
    }

    /// `filestat`: device @0, inode @8, type u8 @16, links @24, size @32, atime @40,
    /// mtime @48, ctime @56 (u64 each unless noted).
    static func store(_ status: FileStatus, at pointer: UInt32, in memory: GuestMemory) throws(WASIErrno) {
        _ = try memory.range(pointer, count: 64)
        try memory.write([UInt8](repeating: 0, count: 64), at: pointer)
        try memory.store(status.device, at: pointer)
        try memory.store(status.inode, at: pointer + 8)
        try memory.store(status.type.rawValue, at: pointer + 16)
        try memory.store(status.linkCount, at: pointer + 24)
        try memory.store(status.size, at: pointer + 32)
        try memory.store(status.accessTime, at: pointer + 40)
        try memory.store(status.modificationTime, at: pointer + 48)
        try memory.store(status.changeTime, at: pointer + 56)
    }

    /// The `utimensat` times for preview1's `fstflags`: ATIM 1, ATIM_NOW 2, MTIM 4, MTIM_NOW 8.
    static func timestamps(access: UInt64, modification: UInt64, flags: UInt32) throws(WASIErrno) -> [timespec] {
        guard flags & ~0xF == 0, flags & 0x3 != 0x3, flags & 0xC != 0xC else { throw .invalid }
        func time(_ nanoseconds: UInt64, set: Bool, now: Bool) -> timespec {
            if now { return timespec(tv_sec: 0, tv_nsec: HostConstants.timeNow) }
            if !set { return timespec(tv_sec: 0, tv_nsec: HostConstants.timeOmit) }
            return timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        }
        return [time(access, set: flags & 1 != 0, now: flags & 2 != 0),
                time(modification, set: flags & 4 != 0, now: flags & 8 != 0)]
    }
}
