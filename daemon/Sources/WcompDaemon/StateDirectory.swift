import Foundation

/// The daemon's state directory: the SQLite database, the call journal and the component blobs. Created
/// owner-only (0700) and kept that way, because it holds everything the daemon was given.
public struct StateDirectory: Sendable {
    /// Absolute, standardized path of the directory.
    public let path: String

    /// Opens (creating when missing) the state directory at `path` and makes it owner-only.
    public init(path: String) throws(DaemonError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = absolute
        try Self.makeOwnerOnlyDirectory(absolute)
        try Self.makeOwnerOnlyDirectory(blobsPath)
    }

    /// The SQLite database file.
    public var databasePath: String { path + "/state.sqlite" }
    /// The journal of calls (`CallJournal`).
    public var callJournalPath: String { path + "/calls.journal" }
    /// The directory of component blobs, one file per SHA-256.
    public var blobsPath: String { path + "/components" }

    /// Creates `path` with mode 0700 if it is missing, and sets 0700 if it exists.
    static func makeOwnerOnlyDirectory(_ path: String) throws(DaemonError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw DaemonError(.unavailable, "cannot create directory \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw DaemonError(.unavailable, "\(path) is not a directory")
        }
        guard chmod(path, 0o700) == 0 else {
            throw DaemonError(.unavailable, "cannot make \(path) owner-only: \(String(cString: strerror(errno)))")
        }
    }
}
