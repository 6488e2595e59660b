/// Everything a guest is allowed to do. The default grants nothing: no directories, no
/// environment, no arguments, stdio to nowhere, no clocks, no randomness, no network,
/// no limits.
public struct WASIGrants: Sendable {
    /// Preopened directories, in the order the guest sees them (descriptors 3, 4, …).
    public var directories: [DirectoryGrant] = []
    /// Environment variables, in order.
    public var environment: [EnvironmentVariable] = []
    /// Program arguments, `arguments[0]` being the program name.
    public var arguments: [String] = []
    /// Routes of stdin, stdout and stderr.
    public var stdio = StdioGrants()
    /// The clocks the guest may read.
    public var clocks: ClockGrants = []
    /// Whether the guest may draw random bytes.
    public var random = false
    /// Outbound connections the guest may make with wasi:sockets (TCP connections, UDP
    /// datagrams both ways).
    public var network: [NetworkRule] = []
    /// Outbound requests the guest may send with `wasi:http/outgoing-handler`, by the host and
    /// port of their authority. Separate from `network`: HTTP does not open sockets to the guest.
    public var http: [NetworkRule] = []
    /// Whether the guest may resolve host names (`wasi:sockets/ip-name-lookup`).
    public var nameLookup = false
    /// Sockets the host listens on for the guest (descriptors after the directories).
    public var listeners: [ListenerGrant] = []
    /// Memory, fuel and time limits.
    public var limits = ResourceLimits()

    /// Grants nothing.
    public init() {}

    /// Sets (or replaces) the environment variable `name`.
    public mutating func setEnvironmentVariable(_ name: String, _ value: String) {
        if let index = environment.firstIndex(where: { $0.name == name }) {
            environment[index].value = value
        } else {
            environment.append(EnvironmentVariable(name: name, value: value))
        }
    }

    /// Removes the environment variable `name`.
    public mutating func removeEnvironmentVariable(_ name: String) {
        environment.removeAll { $0.name == name }
    }

    /// Removes the preopen the guest sees as `guestPath`.
    public mutating func removeDirectory(guestPath: String) {
        directories.removeAll { $0.guestPath == guestPath }
    }

    /// Whether some socket rule lets the guest connect to `host` (an address or a name) on `port`.
    public func allowsOutbound(host: String, port: UInt16) -> Bool {
        network.contains { $0.allows(host: host, port: port) }
    }

    /// Whether some HTTP rule lets the guest send a request to `host` (an address or a name) on `port`.
    public func allowsHTTP(host: String, port: UInt16) -> Bool {
        http.contains { $0.allows(host: host, port: port) }
    }

    /// The current grant of the preopen `directory` refers to, nil when it was revoked.
    func grant(matching directory: DirectoryGrant) -> DirectoryGrant? {
        directories.first { $0.isSamePreopen(as: directory) }
    }
}
