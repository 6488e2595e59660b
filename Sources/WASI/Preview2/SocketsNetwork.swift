#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// `wasi:sockets/network`, `instance-network` and `ip-name-lookup`. The network handle stands
/// for the outbound network grants, which each connection and lookup checks when it starts.
extension WASIComponentHost {
    func networkInterface() -> WASIInterface {
        var interface = interface("wasi:sockets/network")
        interface.function("network-error-code") { [self] arguments in
            let error = try resources.get(try arguments.handle(0), as: HostIOError.self)
            return .option(error.errno.map { .enum($0.socketErrorCode) })
        }
        return interface
    }

    func instanceNetworkInterface() -> WASIInterface {
        var interface = interface("wasi:sockets/instance-network")
        interface.function("instance-network") { [self] _ in try own(HostNetwork(), types.network) }
        return interface
    }

    func nameLookupInterface() -> WASIInterface {
        var interface = interface("wasi:sockets/ip-name-lookup")
        interface.function("resolve-addresses") { [self] arguments in
            _ = try resources.get(try arguments.handle(0), as: HostNetwork.self)
            let name = try arguments.string(1)
            guard grants.nameLookup else { return .error(.enum("access-denied")) }
            switch Self.resolve(name) {
            case .success(let addresses):
                return .ok(try own(AddressList(addresses), types.resolveAddressStream))
            case .failure(let code):
                return .error(.enum(code.rawValue))
            }
        }
        interface.function("[method]resolve-address-stream.resolve-next-address") { [self] arguments in
            let list = try resources.get(try arguments.handle(0), as: AddressList.self)
            return .ok(.option(list.next().map(SocketAddress.ipAddress)))
        }
        interface.function("[method]resolve-address-stream.subscribe") { [self] arguments in
            _ = try resources.get(try arguments.handle(0), as: AddressList.self)
            return try newPollable(.always)
        }
        return interface
    }

    /// The lookup's failure, as its `error-code` case.
    enum LookupFailure: String, Error {
        case invalidArgument = "invalid-argument"
        case nameUnresolvable = "name-unresolvable"
        case temporaryResolverFailure = "temporary-resolver-failure"
        case permanentResolverFailure = "permanent-resolver-failure"
    }

    /// The addresses of `name` (an address literal resolves to itself), by `getaddrinfo`.
    static func resolve(_ name: String) -> Result<[IPAddress], LookupFailure> {
        guard !name.isEmpty, name.utf8.count <= 253, !name.contains("\0") else { return .failure(.invalidArgument) }
        if let literal = IPAddress(name) { return .success([literal]) }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &list)
        guard status == 0 else {
            switch status {
            case EAI_NONAME: return .failure(.nameUnresolvable)
            case EAI_AGAIN: return .failure(.temporaryResolverFailure)
            default: return .failure(.permanentResolverFailure)
            }
        }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var cursor = list
        while let entry = cursor {
            if let raw = entry.pointee.ai_addr {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(entry.pointee.ai_addrlen)))
                }
                if let address = SocketAddress(storage)?.address, !addresses.contains(address) { addresses.append(address) }
            }
            cursor = entry.pointee.ai_next
        }
        return .success(addresses)
    }
}

/// The object behind `network`.
final class HostNetwork {}

/// The object behind `resolve-address-stream`: the addresses a lookup found.
final class AddressList {
    private let addresses: [IPAddress]
    private var position = 0

    init(_ addresses: [IPAddress]) {
        self.addresses = addresses
    }

    func next() -> IPAddress? {
        guard position < addresses.count else { return nil }
        defer { position += 1 }
        return addresses[position]
    }
}
