import Foundation

/// Component binaries stored as files named by their SHA-256 in the state directory.
///
/// A blob is written to a temporary file, flushed with `fsync`, renamed into place and the
/// directory is flushed too, so a blob whose upload was acknowledged survives a crash.
public struct BlobStore: Sendable {
    /// The directory holding the blobs.
    public let directory: String

    /// A store over `directory`, which must exist.
    public init(directory: String) {
        self.directory = directory
    }

    /// The path of the blob with digest `sha256`.
    public func path(of sha256: String) -> String { directory + "/" + sha256 + ".wasm" }

    /// Whether the blob with digest `sha256` is stored.
    public func contains(_ sha256: String) -> Bool { access(path(of: sha256), F_OK) == 0 }

    /// Stores `bytes` under `sha256` durably (temporary file, fsync, rename, directory fsync).
    public func save(_ bytes: [UInt8], sha256: String) throws(DaemonError) {
        let final = path(of: sha256)
        let temporary = directory + "/." + sha256 + "." + UUID().uuidString + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("create", temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let error = Self.failure("write", temporary)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let error = Self.failure("fsync", temporary)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, final) == 0 else {
            let error = Self.failure("rename", temporary)
            unlink(temporary)
            throw error
        }
        try syncDirectory()
    }

    /// Reads the blob with digest `sha256`.
    public func read(_ sha256: String) throws(DaemonError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(of: sha256)) else {
            throw DaemonError(.dataLoss, "component blob \(sha256) is missing from \(directory)")
        }
        return [UInt8](data)
    }

    /// Removes the blob with digest `sha256` (missing blobs are not an error).
    public func remove(_ sha256: String) throws(DaemonError) {
        guard unlink(path(of: sha256)) == 0 || errno == ENOENT else { throw Self.failure("remove", path(of: sha256)) }
        try syncDirectory()
    }

    /// Removes temporary files left by uploads a crash interrupted.
    public func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            unlink(directory + "/" + name)
        }
    }

    private func syncDirectory() throws(DaemonError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("open", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync", directory) }
    }

    private static func failure(_ operation: String, _ path: String) -> DaemonError {
        DaemonError(.internalError, "cannot \(operation) \(path): \(String(cString: strerror(errno)))")
    }
}
