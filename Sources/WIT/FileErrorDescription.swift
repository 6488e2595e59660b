import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Says in a few words why a file-system call failed, for error messages that name the path
/// themselves: "no such file or directory" rather than the error's debug dump.
///
/// FoundationEssentials (which wcomp uses instead of Foundation, so that no ICU is linked) has no
/// localized descriptions; its file errors carry the POSIX error that caused them, whose
/// `strerror` text is what a command-line user expects.
public func describeFileError(_ error: any Error) -> String {
    let posixCode: Int32?
    if let error = error as? CocoaError {
        posixCode = (error.underlying as? POSIXError)?.code.rawValue
    } else if let error = error as? POSIXError {
        posixCode = error.code.rawValue
    } else {
        posixCode = nil
    }
    guard let posixCode, let text = strerror(posixCode) else { return "\(error)" }
    return String(cString: text).lowercased()
}
