/// A preopened directory: the guest sees the host directory `hostPath` as `guestPath` and can
/// reach nothing outside it.
public struct DirectoryGrant: Hashable, Sendable {
    /// What the guest may do inside the directory.
    public enum Access: Hashable, Sendable {
        /// Reading files, listing directories and inspecting metadata only.
        case readOnly
        /// Everything, including creating, writing, renaming and removing.
        case readWrite
    }

    /// The directory on the host.
    public var hostPath: String
    /// The name the guest sees (what `fd_prestat_dir_name` reports), e.g. `/data` or `.`.
    public var guestPath: String
    /// What the guest may do inside it.
    public var access: Access

    /// Grants `hostPath` to the guest as `guestPath` (defaults to the host path).
    public init(hostPath: String, guestPath: String? = nil, access: Access) {
        self.hostPath = hostPath
        self.guestPath = guestPath ?? hostPath
        self.access = access
    }

    /// Whether `other` names the same preopen (same host and guest path), whatever its access.
    func isSamePreopen(as other: DirectoryGrant) -> Bool {
        hostPath == other.hostPath && guestPath == other.guestPath
    }
}
