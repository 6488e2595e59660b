/// One of the guest's standard streams.
enum StdioStream: UInt32 {
    case stdin = 0
    case stdout = 1
    case stderr = 2
}

/// An entry of the guest's descriptor table.
final class Descriptor {
    /// What the descriptor refers to.
    enum Kind {
        /// A standard stream; its route is looked up in the grants at every call.
        case stdio(StdioStream)
        /// A regular file opened inside a preopen.
        case file(OwnedDescriptor)
        /// A directory inside a preopen (or the preopen itself).
        case directory(OwnedDescriptor)
        /// A granted listening socket or a connection accepted on one.
        case socket(OwnedDescriptor)
    }

    let kind: Kind
    /// The preopen the descriptor was reached through (nil for stdio). Every call checks that
    /// it is still granted, and with which access.
    let preopen: DirectoryGrant?
    /// The listener a socket descriptor belongs to (nil otherwise), checked the same way.
    let listener: ListenerGrant?
    /// The remote address of a socket the guest connected itself (nil otherwise): every call
    /// checks that the outbound grants still cover it.
    let outboundPeer: SocketAddress?
    /// Whether this is the preopened directory itself (reported by `fd_prestat_get`).
    let isPreopenRoot: Bool
    /// Opened for reading / for writing.
    let isReadable: Bool
    let isWritable: Bool
    var flags: DescriptorFlags
    var rightsBase: Rights
    var rightsInheriting: Rights
    /// The listing `fd_readdir` pages through, refreshed when a listing starts at cookie 0.
    var directoryListing: [DirectoryEntry]?

    init(kind: Kind, preopen: DirectoryGrant? = nil, listener: ListenerGrant? = nil, outboundPeer: SocketAddress? = nil,
         isPreopenRoot: Bool = false,
         isReadable: Bool, isWritable: Bool, flags: DescriptorFlags = [], rightsBase: Rights, rightsInheriting: Rights) {
        self.kind = kind
        self.preopen = preopen
        self.listener = listener
        self.outboundPeer = outboundPeer
        self.isPreopenRoot = isPreopenRoot
        self.isReadable = isReadable
        self.isWritable = isWritable
        self.flags = flags
        self.rightsBase = rightsBase
        self.rightsInheriting = rightsInheriting
    }

    /// The host descriptor of a file or directory.
    var hostDescriptor: OwnedDescriptor? {
        switch kind {
        case .stdio: nil
        case .file(let owned), .directory(let owned), .socket(let owned): owned
        }
    }

    /// The directory descriptor; `ENOTDIR` for anything else.
    func directory() throws(WASIErrno) -> OwnedDescriptor {
        guard case .directory(let owned) = kind else { throw .notDirectory }
        return owned
    }
}
