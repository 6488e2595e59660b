#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// A socket address in both forms WASI 0.2 and the host need: the `ip-socket-address` variant
/// and a `sockaddr_storage`.
struct SocketAddress: Equatable {
    var address: IPAddress
    var port: UInt16
    var flowInfo: UInt32 = 0
    var scopeID: UInt32 = 0

    var isIPv6: Bool { address.bytes.count == 16 }
    /// `0.0.0.0` or `::`.
    var isUnspecified: Bool { address.bytes.allSatisfy { $0 == 0 } }

    /// Reads an `ip-socket-address` value.
    init(_ value: ComponentValue) throws(ComponentTrap) {
        guard case .variant(let family, .record(let fields)?) = value,
              case .u16(let port)? = fields.first(where: { $0.name == "port" })?.value,
              case .tuple(let parts)? = fields.first(where: { $0.name == "address" })?.value else {
            throw ComponentTrap("not an ip-socket-address: \(value)")
        }
        self.port = port
        var bytes: [UInt8] = []
        for part in parts {
            switch part {
            case .u8(let byte): bytes.append(byte)
            case .u16(let word): bytes += [UInt8(word >> 8), UInt8(word & 0xFF)]
            default: throw ComponentTrap("not an ip-socket-address: \(value)")
            }
        }
        guard (family == "ipv4" && bytes.count == 4) || (family == "ipv6" && bytes.count == 16),
              let address = IPAddress(bytes: bytes) else { throw ComponentTrap("not an ip-socket-address: \(value)") }
        self.address = address
        if family == "ipv6" {
            if case .u32(let flow)? = fields.first(where: { $0.name == "flow-info" })?.value { flowInfo = flow }
            if case .u32(let scope)? = fields.first(where: { $0.name == "scope-id" })?.value { scopeID = scope }
        }
    }

    /// Reads a host socket address (IPv4 or IPv6); nil for other families.
    init?(_ storage: sockaddr_storage) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            let v4 = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            let raw = withUnsafeBytes(of: v4.sin_addr) { Array($0) }
            guard let address = IPAddress(bytes: raw) else { return nil }
            self.address = address
            port = UInt16(bigEndian: v4.sin_port)
        case AF_INET6:
            let v6 = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            let raw = withUnsafeBytes(of: v6.sin6_addr) { Array($0) }
            guard let address = IPAddress(bytes: raw) else { return nil }
            self.address = address
            port = UInt16(bigEndian: v6.sin6_port)
            flowInfo = UInt32(bigEndian: v6.sin6_flowinfo)
            scopeID = v6.sin6_scope_id
        default:
            return nil
        }
    }

    /// The `ip-socket-address` value.
    var value: ComponentValue {
        if isIPv6 {
            return .variant(caseName: "ipv6", payload: .record([
                "port": .u16(port), "flow-info": .u32(flowInfo), "address": Self.addressTuple(address), "scope-id": .u32(scopeID),
            ]))
        }
        return .variant(caseName: "ipv4", payload: .record(["port": .u16(port), "address": Self.addressTuple(address)]))
    }

    /// The `ipv4-address` or `ipv6-address` tuple.
    static func addressTuple(_ address: IPAddress) -> ComponentValue {
        if address.bytes.count == 4 { return .tuple(address.bytes.map { .u8($0) }) }
        return .tuple(stride(from: 0, to: 16, by: 2).map { .u16(UInt16(address.bytes[$0]) << 8 | UInt16(address.bytes[$0 + 1])) })
    }

    /// The `ip-address` variant.
    static func ipAddress(_ address: IPAddress) -> ComponentValue {
        .variant(caseName: address.bytes.count == 4 ? "ipv4" : "ipv6", payload: addressTuple(address))
    }

    /// Calls `body` with the host form of the address.
    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var storage = sockaddr_storage()
        return withUnsafeMutableBytes(of: &storage) { raw in
            if isIPv6 {
                var v6 = sockaddr_in6()
                v6.sin6_family = sa_family_t(AF_INET6)
                v6.sin6_port = port.bigEndian
                v6.sin6_flowinfo = flowInfo.bigEndian
                v6.sin6_scope_id = scopeID
                withUnsafeMutableBytes(of: &v6.sin6_addr) { $0.copyBytes(from: address.bytes) }
                raw.storeBytes(of: v6, as: sockaddr_in6.self)
                return body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
            var v4 = sockaddr_in()
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &v4.sin_addr) { $0.copyBytes(from: address.bytes) }
            raw.storeBytes(of: v4, as: sockaddr_in.self)
            return body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
}

extension WASIGrants {
    /// Whether some outbound rule lets the guest reach `address`.
    func allowsOutbound(to address: SocketAddress) -> Bool {
        allowsOutbound(host: address.address.description, port: address.port)
    }

    /// Whether a listener grant covers binding `address`: the same address (or an unspecified
    /// one of the same family) and the same port (or port 0).
    func allowsBinding(_ address: SocketAddress) -> Bool {
        listeners.contains { grant in
            let sameAddress = grant.address == address.address
                || (grant.address.bytes.allSatisfy { $0 == 0 } && grant.address.bytes.count == address.address.bytes.count)
            return sameAddress && (grant.port == address.port || grant.port == 0)
        }
    }
}

extension WASIErrno {
    /// The `wasi:sockets/network.error-code` case name of a host failure.
    var socketErrorCode: String {
        switch self {
        case .access, .notPermitted, .notCapable: "access-denied"
        case .notSupported, .addressFamilyNotSupported, .protocolNotSupported: "not-supported"
        case .invalid: "invalid-argument"
        case .noMemory, .noBufferSpace: "out-of-memory"
        case .timedOut: "timeout"
        case .already, .inProgress: "concurrency-conflict"
        case .again: "would-block"
        case .isConnected, .notConnected, .destinationAddressRequired: "invalid-state"
        case .tooManyOpenFiles, .tooManyOpenFilesInSystem: "new-socket-limit"
        case .addressNotAvailable: "address-not-bindable"
        case .addressInUse: "address-in-use"
        case .networkUnreachable, .hostUnreachable, .networkDown: "remote-unreachable"
        case .connectionRefused: "connection-refused"
        case .connectionReset, .brokenPipe: "connection-reset"
        case .connectionAborted: "connection-aborted"
        case .messageSize: "datagram-too-large"
        default: "unknown"
        }
    }
}
