/// One outbound connection the guest may make: which hosts and which ports.
public struct NetworkRule: Hashable, Sendable {
    /// The hosts a rule covers.
    public enum HostPattern: Hashable, Sendable {
        /// Any host.
        case any
        /// Exactly this address.
        case address(IPAddress)
        /// Every address in a CIDR block, e.g. 10.0.0.0/8.
        case network(IPAddress, prefixLength: Int)
        /// A host name: `example.com` exactly, or `*.example.com` for its subdomains
        /// (not `example.com` itself). Case-insensitive; a trailing dot is ignored.
        case name(String)
    }

    /// The hosts this rule covers.
    public var host: HostPattern
    /// The ports this rule covers.
    public var ports: ClosedRange<UInt16>

    /// Allows `host` on `ports` (every port by default).
    public init(host: HostPattern, ports: ClosedRange<UInt16> = 0...UInt16.max) {
        self.host = host
        self.ports = ports
    }

    /// Parses `HOST[:PORT[-PORT]]` where HOST is `*`, an address, `ADDRESS/PREFIX`, a name or
    /// `*.name`; IPv6 addresses with a port are bracketed (`[::1]:80`). Nil when malformed.
    public init?(parsing text: String) {
        var hostText = Substring(text)
        var ports: ClosedRange<UInt16> = 0...UInt16.max
        let portSeparator: String.Index? = if text.hasPrefix("[") {
            text.firstIndex(of: "]").flatMap { text[$0...].dropFirst().first == ":" ? text.index(after: $0) : nil }
        } else if text.filter({ $0 == ":" }).count == 1 {
            text.firstIndex(of: ":")
        } else {
            nil
        }
        if let portSeparator {
            hostText = text[..<portSeparator]
            let portText = text[text.index(after: portSeparator)...]
            let bounds = portText.split(separator: "-", omittingEmptySubsequences: false).map { UInt16($0) }
            guard bounds.count == 1 || bounds.count == 2, let low = bounds.first!, let high = bounds.last!, low <= high else {
                return nil
            }
            ports = low...high
        }
        guard let pattern = HostPattern(parsing: String(hostText)) else { return nil }
        self.init(host: pattern, ports: ports)
    }

    /// Whether this rule lets the guest connect to `host` (an address or a name) on `port`.
    public func allows(host: String, port: UInt16) -> Bool {
        ports.contains(port) && self.host.matches(host)
    }
}

extension NetworkRule.HostPattern {
    /// Parses `*`, an address, `ADDRESS/PREFIX`, a name or `*.name`; nil when malformed.
    init?(parsing text: String) {
        if text == "*" {
            self = .any
        } else if let slash = text.firstIndex(of: "/") {
            guard let address = IPAddress(String(text[..<slash])),
                  let prefix = Int(text[text.index(after: slash)...]),
                  prefix >= 0, prefix <= address.bytes.count * 8 else { return nil }
            self = .network(address, prefixLength: prefix)
        } else if let address = IPAddress(text) {
            self = .address(address)
        } else {
            let name = Self.normalized(text)
            let labels = name.hasPrefix("*.") ? name.dropFirst(2) : Substring(name)
            guard !labels.isEmpty, labels.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ label in
                !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }) else { return nil }
            self = .name(name)
        }
    }

    /// Whether `host` (an address or a name) is covered. Addresses only match address
    /// patterns and names only name patterns: no DNS lookup happens here.
    func matches(_ host: String) -> Bool {
        switch self {
        case .any:
            return true
        case .address(let allowed):
            return IPAddress(host) == allowed
        case .network(let network, let prefixLength):
            return IPAddress(host)?.isInside(network, prefixLength: prefixLength) ?? false
        case .name(let pattern):
            guard IPAddress(host) == nil else { return false }
            let candidate = Self.normalized(host)
            let pattern = Self.normalized(pattern)
            if pattern.hasPrefix("*.") {
                return candidate.hasSuffix(pattern.dropFirst()) && candidate.count > pattern.count - 1
            }
            return candidate == pattern
        }
    }

    private static func normalized(_ name: String) -> String {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".") ? String(lowered.dropLast()) : lowered
    }
}
