/// Host constants the C library defines as macros Swift does not import.
enum HostConstants {
    #if os(Linux)
    /// `O_PATH`: a descriptor usable only as a directory base or for `fstat` (Linux's generic value).
    static let pathOnly: Int32 = 0o10000000
    /// `UTIME_NOW` / `UTIME_OMIT` in a `timespec.tv_nsec` for `utimensat`/`futimens`.
    static let timeNow = (1 << 30) - 1
    static let timeOmit = (1 << 30) - 2
    #else
    static let timeNow = -1
    static let timeOmit = -2
    #endif
}
