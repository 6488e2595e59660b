#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A host file opened by the embedder for a stdio route (e.g. stdout to a log file).
public final class HostFile: Sendable {
    /// How the file is opened.
    public enum Mode: Sendable {
        /// For reading (stdin).
        case read
        /// For writing, created if missing and truncated.
        case truncate
        /// For writing, created if missing, every write appended.
        case append
    }

    /// The host path it was opened from.
    public let path: String
    let descriptor: Int32

    /// Opens `path`; throws `WASIHostError` naming the path and the reason.
    public init(path: String, mode: Mode) throws(WASIHostError) {
        let flags: Int32 = switch mode {
        case .read: O_RDONLY
        case .truncate: O_WRONLY | O_CREAT | O_TRUNC
        case .append: O_WRONLY | O_CREAT | O_APPEND
        }
        let descriptor = open(path, flags | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw WASIHostError("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
