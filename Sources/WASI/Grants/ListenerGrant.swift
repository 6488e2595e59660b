/// A TCP socket the host listens on for the guest (what wasmtime's `--tcplisten` gives):
/// preview1 guests accept connections on it with `sock_accept`. Preview1 cannot open sockets
/// itself, so this is the only way a core module reaches the network.
public struct ListenerGrant: Hashable, Sendable {
    /// The local address to bind (e.g. 127.0.0.1, or :: for every IPv6 interface).
    public var address: IPAddress
    /// The port; 0 lets the system choose (see `WASIHost.listenerPorts`).
    public var port: UInt16

    /// Listens on `address`:`port`.
    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses `ADDRESS:PORT`, IPv6 addresses in brackets (`[::1]:8080`); nil when malformed.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]),
              let address = IPAddress(String(text[..<colon])) else { return nil }
        self.init(address: address, port: port)
    }
}
