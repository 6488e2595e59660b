/// `wasi:filesystem/types.error-code` from the host state's errno (the preview1 mapping of
/// host errors is reused, so both interfaces report a failure the same way).
extension WASIErrno {
    /// The `error-code` case name. Refusals of the sandbox (`ENOTCAPABLE`) are `not-permitted`;
    /// errors the enum has no case for are `io`.
    var filesystemErrorCode: String {
        switch self {
        case .access: "access"
        case .again: "would-block"
        case .already: "already"
        case .badDescriptor: "bad-descriptor"
        case .busy: "busy"
        case .deadlock: "deadlock"
        case .quota: "quota"
        case .exist: "exist"
        case .fileTooLarge: "file-too-large"
        case .illegalByteSequence: "illegal-byte-sequence"
        case .inProgress: "in-progress"
        case .interrupted: "interrupted"
        case .invalid: "invalid"
        case .isDirectory: "is-directory"
        case .loop: "loop"
        case .tooManyLinks: "too-many-links"
        case .messageSize: "message-size"
        case .nameTooLong: "name-too-long"
        case .noDevice: "no-device"
        case .noEntry: "no-entry"
        case .noLock: "no-lock"
        case .noMemory: "insufficient-memory"
        case .noSpace: "insufficient-space"
        case .notDirectory: "not-directory"
        case .notEmpty: "not-empty"
        case .notRecoverable: "not-recoverable"
        case .notSupported: "unsupported"
        case .notTTY: "no-tty"
        case .noSuchDeviceOrAddress: "no-such-device"
        case .overflow: "overflow"
        case .notPermitted, .notCapable: "not-permitted"
        case .brokenPipe: "pipe"
        case .readOnlyFileSystem: "read-only"
        case .invalidSeek: "invalid-seek"
        case .textFileBusy: "text-file-busy"
        case .crossDevice: "cross-device"
        default: "io"
        }
    }
}
