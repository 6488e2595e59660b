/// Preview1 descriptor rights (`rights` in `wasi_snapshot_preview1`): reported by
/// `fd_fdstat_get`, narrowed by what the guest asks for in `path_open` and by
/// `fd_fdstat_set_rights`. Reading needs `fdRead` and writing `fdWrite`; grants, checked at
/// every call, decide everything else.
struct Rights: OptionSet, Hashable {
    let rawValue: UInt64

    static let fdDatasync = Rights(rawValue: 1 << 0)
    static let fdRead = Rights(rawValue: 1 << 1)
    static let fdSeek = Rights(rawValue: 1 << 2)
    static let fdFdstatSetFlags = Rights(rawValue: 1 << 3)
    static let fdSync = Rights(rawValue: 1 << 4)
    static let fdTell = Rights(rawValue: 1 << 5)
    static let fdWrite = Rights(rawValue: 1 << 6)
    static let fdAdvise = Rights(rawValue: 1 << 7)
    static let fdAllocate = Rights(rawValue: 1 << 8)
    static let pathCreateDirectory = Rights(rawValue: 1 << 9)
    static let pathCreateFile = Rights(rawValue: 1 << 10)
    static let pathLinkSource = Rights(rawValue: 1 << 11)
    static let pathLinkTarget = Rights(rawValue: 1 << 12)
    static let pathOpen = Rights(rawValue: 1 << 13)
    static let fdReaddir = Rights(rawValue: 1 << 14)
    static let pathReadlink = Rights(rawValue: 1 << 15)
    static let pathRenameSource = Rights(rawValue: 1 << 16)
    static let pathRenameTarget = Rights(rawValue: 1 << 17)
    static let pathFilestatGet = Rights(rawValue: 1 << 18)
    static let pathFilestatSetSize = Rights(rawValue: 1 << 19)
    static let pathFilestatSetTimes = Rights(rawValue: 1 << 20)
    static let fdFilestatGet = Rights(rawValue: 1 << 21)
    static let fdFilestatSetSize = Rights(rawValue: 1 << 22)
    static let fdFilestatSetTimes = Rights(rawValue: 1 << 23)
    static let pathSymlink = Rights(rawValue: 1 << 24)
    static let pathRemoveDirectory = Rights(rawValue: 1 << 25)
    static let pathUnlinkFile = Rights(rawValue: 1 << 26)
    static let pollFdReadwrite = Rights(rawValue: 1 << 27)
    static let sockShutdown = Rights(rawValue: 1 << 28)
    static let sockAccept = Rights(rawValue: 1 << 29)

    /// The rights that make a descriptor readable.
    static let reading: Rights = [.fdRead, .fdReaddir]
    /// The rights that make a descriptor writable.
    static let writing: Rights = [.fdDatasync, .fdWrite, .fdAllocate, .fdFilestatSetSize]

    /// Everything a regular file can do.
    static let regularFile: Rights = [
        .fdDatasync, .fdRead, .fdSeek, .fdFdstatSetFlags, .fdSync, .fdTell, .fdWrite, .fdAdvise,
        .fdAllocate, .fdFilestatGet, .fdFilestatSetSize, .fdFilestatSetTimes, .pollFdReadwrite,
    ]
    /// Everything a directory can do.
    static let directory: Rights = [
        .fdFdstatSetFlags, .fdSync, .fdAdvise, .pathCreateDirectory, .pathCreateFile,
        .pathLinkSource, .pathLinkTarget, .pathOpen, .fdReaddir, .pathReadlink, .pathRenameSource,
        .pathRenameTarget, .pathFilestatGet, .pathFilestatSetSize, .pathFilestatSetTimes,
        .fdFilestatGet, .fdFilestatSetTimes, .pathSymlink, .pathRemoveDirectory, .pathUnlinkFile,
    ]
    /// What a socket can do.
    static let socket: Rights = [.fdRead, .fdWrite, .fdFdstatSetFlags, .fdFilestatGet, .pollFdReadwrite, .sockShutdown, .sockAccept]
    /// What a standard stream can do.
    static let stream: Rights = [.fdRead, .fdWrite, .fdFdstatSetFlags, .fdFilestatGet, .pollFdReadwrite]
}

/// Preview1 descriptor flags (`fdflags`).
struct DescriptorFlags: OptionSet, Hashable {
    let rawValue: UInt16

    static let append = DescriptorFlags(rawValue: 1 << 0)
    static let dsync = DescriptorFlags(rawValue: 1 << 1)
    static let nonblock = DescriptorFlags(rawValue: 1 << 2)
    static let rsync = DescriptorFlags(rawValue: 1 << 3)
    static let sync = DescriptorFlags(rawValue: 1 << 4)
}

/// Preview1 file types (`filetype`).
enum FileType: UInt8 {
    case unknown = 0
    case blockDevice = 1
    case characterDevice = 2
    case directory = 3
    case regularFile = 4
    case socketDatagram = 5
    case socketStream = 6
    case symbolicLink = 7
}
