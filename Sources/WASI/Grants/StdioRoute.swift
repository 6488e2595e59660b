/// Where one of the guest's standard streams goes.
public enum StdioRoute: Sendable {
    /// The host process's own stream.
    case inherit
    /// Nothing: reads see end of file, writes are discarded.
    case null
    /// A host file opened by the embedder.
    case file(HostFile)
    /// An in-memory pipe the embedder reads or fills.
    case pipe(MemoryPipe)
}

/// The routes of the guest's stdin, stdout and stderr.
public struct StdioGrants: Sendable {
    public var stdin: StdioRoute
    public var stdout: StdioRoute
    public var stderr: StdioRoute

    /// Routes the three streams; all go nowhere unless given.
    public init(stdin: StdioRoute = .null, stdout: StdioRoute = .null, stderr: StdioRoute = .null) {
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
    }

    /// All three streams inherited from the host process.
    public static let inherit = StdioGrants(stdin: .inherit, stdout: .inherit, stderr: .inherit)
}
