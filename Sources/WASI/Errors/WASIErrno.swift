#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A WASI error number: the `errno` values of `wasi_snapshot_preview1`, with their numeric codes.
///
/// Host failures are translated once, by `init(hostErrno:)`; WASI 0.2's `wasi:filesystem`
/// error codes are a subset of these and map from them.
public enum WASIErrno: UInt16, Error, Sendable, CaseIterable, CustomStringConvertible {
    case success = 0
    case tooBig = 1
    case access = 2
    case addressInUse = 3
    case addressNotAvailable = 4
    case addressFamilyNotSupported = 5
    case again = 6
    case already = 7
    case badDescriptor = 8
    case badMessage = 9
    case busy = 10
    case canceled = 11
    case child = 12
    case connectionAborted = 13
    case connectionRefused = 14
    case connectionReset = 15
    case deadlock = 16
    case destinationAddressRequired = 17
    case domain = 18
    case quota = 19
    case exist = 20
    case fault = 21
    case fileTooLarge = 22
    case hostUnreachable = 23
    case identifierRemoved = 24
    case illegalByteSequence = 25
    case inProgress = 26
    case interrupted = 27
    case invalid = 28
    case io = 29
    case isConnected = 30
    case isDirectory = 31
    case loop = 32
    case tooManyOpenFiles = 33
    case tooManyLinks = 34
    case messageSize = 35
    case multihop = 36
    case nameTooLong = 37
    case networkDown = 38
    case networkReset = 39
    case networkUnreachable = 40
    case tooManyOpenFilesInSystem = 41
    case noBufferSpace = 42
    case noDevice = 43
    case noEntry = 44
    case noExec = 45
    case noLock = 46
    case noLink = 47
    case noMemory = 48
    case noMessage = 49
    case noProtocolOption = 50
    case noSpace = 51
    case noSystemCall = 52
    case notConnected = 53
    case notDirectory = 54
    case notEmpty = 55
    case notRecoverable = 56
    case notSocket = 57
    case notSupported = 58
    case notTTY = 59
    case noSuchDeviceOrAddress = 60
    case overflow = 61
    case ownerDead = 62
    case notPermitted = 63
    case brokenPipe = 64
    case protocolError = 65
    case protocolNotSupported = 66
    case wrongProtocolType = 67
    case range = 68
    case readOnlyFileSystem = 69
    case invalidSeek = 70
    case noSuchProcess = 71
    case stale = 72
    case timedOut = 73
    case textFileBusy = 74
    case crossDevice = 75
    /// The capability needed for the operation was not granted (or was revoked).
    case notCapable = 76

    /// The WASI error for a host `errno` value. Every POSIX error WASI names maps to its
    /// counterpart; anything else (a host-specific code) becomes `.io`.
    public init(hostErrno code: Int32) {
        self = Self.hostTable[code] ?? .io
    }

    /// The WASI error for the calling thread's current `errno`.
    static var current: WASIErrno { WASIErrno(hostErrno: errno) }

    /// Host errno → WASI errno, built from the platform's constants (never from numbers,
    /// which differ between platforms).
    private static let hostTable: [Int32: WASIErrno] = {
        let pairs: [(Int32, WASIErrno)] = [
            (E2BIG, .tooBig), (EACCES, .access), (EADDRINUSE, .addressInUse),
            (EADDRNOTAVAIL, .addressNotAvailable), (EAFNOSUPPORT, .addressFamilyNotSupported),
            (EAGAIN, .again), (EWOULDBLOCK, .again), (EALREADY, .already), (EBADF, .badDescriptor),
            (EBADMSG, .badMessage), (EBUSY, .busy), (ECANCELED, .canceled), (ECHILD, .child),
            (ECONNABORTED, .connectionAborted), (ECONNREFUSED, .connectionRefused),
            (ECONNRESET, .connectionReset), (EDEADLK, .deadlock),
            (EDESTADDRREQ, .destinationAddressRequired), (EDOM, .domain), (EDQUOT, .quota),
            (EEXIST, .exist), (EFAULT, .fault), (EFBIG, .fileTooLarge),
            (EHOSTUNREACH, .hostUnreachable), (EIDRM, .identifierRemoved),
            (EILSEQ, .illegalByteSequence), (EINPROGRESS, .inProgress), (EINTR, .interrupted),
            (EINVAL, .invalid), (EIO, .io), (EISCONN, .isConnected), (EISDIR, .isDirectory),
            (ELOOP, .loop), (EMFILE, .tooManyOpenFiles), (EMLINK, .tooManyLinks),
            (EMSGSIZE, .messageSize), (EMULTIHOP, .multihop), (ENAMETOOLONG, .nameTooLong),
            (ENETDOWN, .networkDown), (ENETRESET, .networkReset), (ENETUNREACH, .networkUnreachable),
            (ENFILE, .tooManyOpenFilesInSystem), (ENOBUFS, .noBufferSpace), (ENODEV, .noDevice),
            (ENOENT, .noEntry), (ENOEXEC, .noExec), (ENOLCK, .noLock), (ENOLINK, .noLink),
            (ENOMEM, .noMemory), (ENOMSG, .noMessage), (ENOPROTOOPT, .noProtocolOption),
            (ENOSPC, .noSpace), (ENOSYS, .noSystemCall), (ENOTCONN, .notConnected),
            (ENOTDIR, .notDirectory), (ENOTEMPTY, .notEmpty), (ENOTRECOVERABLE, .notRecoverable),
            (ENOTSOCK, .notSocket), (ENOTSUP, .notSupported), (EOPNOTSUPP, .notSupported),
            (ENOTTY, .notTTY), (ENXIO, .noSuchDeviceOrAddress), (EOVERFLOW, .overflow),
            (EOWNERDEAD, .ownerDead), (EPERM, .notPermitted), (EPIPE, .brokenPipe),
            (EPROTO, .protocolError), (EPROTONOSUPPORT, .protocolNotSupported),
            (EPROTOTYPE, .wrongProtocolType), (ERANGE, .range), (EROFS, .readOnlyFileSystem),
            (ESPIPE, .invalidSeek), (ESRCH, .noSuchProcess), (ESTALE, .stale),
            (ETIMEDOUT, .timedOut), (ETXTBSY, .textFileBusy), (EXDEV, .crossDevice),
        ]
        var table: [Int32: WASIErrno] = [:]
        for (code, value) in pairs where table[code] == nil { table[code] = value }
        return table
    }()

    /// The POSIX-style name (`ENOENT`, `ENOTCAPABLE`, …), `ESUCCESS` for success.
    public var description: String {
        switch self {
        case .success: "ESUCCESS"
        case .tooBig: "E2BIG"
        case .access: "EACCES"
        case .addressInUse: "EADDRINUSE"
        case .addressNotAvailable: "EADDRNOTAVAIL"
        case .addressFamilyNotSupported: "EAFNOSUPPORT"
        case .again: "EAGAIN"
        case .already: "EALREADY"
        case .badDescriptor: "EBADF"
        case .badMessage: "EBADMSG"
        case .busy: "EBUSY"
        case .canceled: "ECANCELED"
        case .child: "ECHILD"
        case .connectionAborted: "ECONNABORTED"
        case .connectionRefused: "ECONNREFUSED"
        case .connectionReset: "ECONNRESET"
        case .deadlock: "EDEADLK"
        case .destinationAddressRequired: "EDESTADDRREQ"
        case .domain: "EDOM"
        case .quota: "EDQUOT"
        case .exist: "EEXIST"
        case .fault: "EFAULT"
        case .fileTooLarge: "EFBIG"
        case .hostUnreachable: "EHOSTUNREACH"
        case .identifierRemoved: "EIDRM"
        case .illegalByteSequence: "EILSEQ"
        case .inProgress: "EINPROGRESS"
        case .interrupted: "EINTR"
        case .invalid: "EINVAL"
        case .io: "EIO"
        case .isConnected: "EISCONN"
        case .isDirectory: "EISDIR"
        case .loop: "ELOOP"
        case .tooManyOpenFiles: "EMFILE"
        case .tooManyLinks: "EMLINK"
        case .messageSize: "EMSGSIZE"
        case .multihop: "EMULTIHOP"
        case .nameTooLong: "ENAMETOOLONG"
        case .networkDown: "ENETDOWN"
        case .networkReset: "ENETRESET"
        case .networkUnreachable: "ENETUNREACH"
        case .tooManyOpenFilesInSystem: "ENFILE"
        case .noBufferSpace: "ENOBUFS"
        case .noDevice: "ENODEV"
        case .noEntry: "ENOENT"
        case .noExec: "ENOEXEC"
        case .noLock: "ENOLCK"
        case .noLink: "ENOLINK"
        case .noMemory: "ENOMEM"
        case .noMessage: "ENOMSG"
        case .noProtocolOption: "ENOPROTOOPT"
        case .noSpace: "ENOSPC"
        case .noSystemCall: "ENOSYS"
        case .notConnected: "ENOTCONN"
        case .notDirectory: "ENOTDIR"
        case .notEmpty: "ENOTEMPTY"
        case .notRecoverable: "ENOTRECOVERABLE"
        case .notSocket: "ENOTSOCK"
        case .notSupported: "ENOTSUP"
        case .notTTY: "ENOTTY"
        case .noSuchDeviceOrAddress: "ENXIO"
        case .overflow: "EOVERFLOW"
        case .ownerDead: "EOWNERDEAD"
        case .notPermitted: "EPERM"
        case .brokenPipe: "EPIPE"
        case .protocolError: "EPROTO"
        case .protocolNotSupported: "EPROTONOSUPPORT"
        case .wrongProtocolType: "EPROTOTYPE"
        case .range: "ERANGE"
        case .readOnlyFileSystem: "EROFS"
        case .invalidSeek: "ESPIPE"
        case .noSuchProcess: "ESRCH"
        case .stale: "ESTALE"
        case .timedOut: "ETIMEDOUT"
        case .textFileBusy: "ETXTBSY"
        case .crossDevice: "EXDEV"
        case .notCapable: "ENOTCAPABLE"
        }
    }
}
