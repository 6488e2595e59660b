import ComponentModel
import WasmRuntime

/// The WASI 0.2 host for components: the interfaces of wasi:io, wasi:clocks, wasi:random,
/// wasi:cli, wasi:filesystem, wasi:sockets (TCP, UDP and name lookup) and wasi:http as host instances on a `ComponentLinker`, acting on the same
/// host state (`WASIHost`: descriptors, sandbox, grants) core modules use through preview1.
/// Grants are read at every host call, so revoking one takes effect at the guest's next call.
///
/// ```swift
/// let host = try WASIHost(grants: GrantSet(grants))
/// let linker = ComponentLinker()
/// let wasi = WASIComponentHost(host: host, store: linker.store)
/// let component = try LoadedComponent(bytes: bytes)
/// try wasi.define(in: linker, for: component)
/// let exitCode = try wasi.runCommand(try linker.instantiate(component))
/// ```
///
/// Resources (streams, pollables, descriptors, …) are host resources of the linker: the guest
/// holds handles in its own tables, the host objects live in this host's resource table and
/// are released by the resource destructors when the guest drops them. One
/// `WASIComponentHost` serves the instances of one linker, on one thread at a time.
public final class WASIComponentHost {
    /// The host state shared with preview1.
    public let host: WASIHost
    /// The store the guest runs in (its deadline bounds blocking calls).
    let store: Store
    let resources = WASIResourceTable()
    let types: WASIResourceTypes
    /// The certificate authorities outgoing HTTPS requests trust (the system's by default).
    public var httpClientTrust = HTTPClientTrust.system

    /// Creates the WASI 0.2 host on `host` for guests running in `store`.
    public init(host: WASIHost, store: Store) {
        self.host = host
        self.store = store
        types = WASIResourceTypes(table: resources)
    }

    /// The grants in force for the call in progress.
    var grants: WASIGrants { host.grants.current }

    /// The deadline and interruption of the call in progress, which blocking calls respect.
    var waitLimit: WaitLimit { WaitLimit(store) }

    /// The interfaces this host implements, by name without version.
    public static var interfaceNames: [String] { interfaces.keys.sorted() }

    private static let interfaces: [String: @Sendable (WASIComponentHost) -> WASIInterface] = [
        "wasi:io/error": { $0.ioErrorInterface() },
        "wasi:io/poll": { $0.ioPollInterface() },
        "wasi:io/streams": { $0.ioStreamsInterface() },
        "wasi:clocks/monotonic-clock": { $0.monotonicClockInterface() },
        "wasi:clocks/wall-clock": { $0.wallClockInterface() },
        "wasi:random/random": { $0.randomInterface() },
        "wasi:random/insecure": { $0.insecureRandomInterface() },
        "wasi:random/insecure-seed": { $0.insecureSeedInterface() },
        "wasi:cli/environment": { $0.environmentInterface() },
        "wasi:cli/exit": { $0.exitInterface() },
        "wasi:cli/stdin": { $0.stdinInterface() },
        "wasi:cli/stdout": { $0.stdoutInterface() },
        "wasi:cli/stderr": { $0.stderrInterface() },
        "wasi:cli/terminal-input": { $0.terminalInputInterface() },
        "wasi:cli/terminal-output": { $0.terminalOutputInterface() },
        "wasi:cli/terminal-stdin": { $0.terminalStdinInterface() },
        "wasi:cli/terminal-stdout": { $0.terminalStdoutInterface() },
        "wasi:cli/terminal-stderr": { $0.terminalStderrInterface() },
        "wasi:filesystem/types": { $0.filesystemTypesInterface() },
        "wasi:filesystem/preopens": { $0.filesystemPreopensInterface() },
        "wasi:http/types": { $0.httpTypesInterface() },
        "wasi:http/outgoing-handler": { $0.httpOutgoingHandlerInterface() },
        "wasi:sockets/network": { $0.networkInterface() },
        "wasi:sockets/instance-network": { $0.instanceNetworkInterface() },
        "wasi:sockets/ip-name-lookup": { $0.nameLookupInterface() },
        "wasi:sockets/tcp": { $0.tcpInterface() },
        "wasi:sockets/tcp-create-socket": { $0.tcpCreateSocketInterface() },
        "wasi:sockets/udp": { $0.udpInterface() },
        "wasi:sockets/udp-create-socket": { $0.udpCreateSocketInterface() },
        "wasi:clocks/timezone": { $0.timezoneInterface() },
    ]

    /// The interface name of an import name: `wasi:cli/stdout@0.2.3` → `wasi:cli/stdout`.
    static func interfaceName(of importName: String) -> String {
        String(importName.prefix { $0 != "@" })
    }

    /// Whether this host implements the interface imported as `importName` (any 0.2 version).
    public static func implements(_ importName: String) -> Bool {
        interfaces[interfaceName(of: importName)] != nil
    }

    /// The functions this host defines for the interface `name` (without version), by their
    /// component-level names (`now`, `[method]output-stream.write`, `[static]fields.from-list`);
    /// nil for an interface it does not implement.
    public func functionNames(ofInterface name: String) -> Set<String>? {
        Self.interfaces[name].map { Set($0(self).functionNames) }
    }

    /// Whether `component` is a `wasi:cli/command`: it exports `wasi:cli/run` (any 0.2 version).
    public static func isCommand(_ component: LoadedComponent) -> Bool {
        component.exports.contains { interfaceName(of: $0.name) == "wasi:cli/run" }
    }

    /// Defines, in `linker`, every WASI interface `component` imports, each under the exact
    /// name (and version) the component uses. Imports this host does not implement are left
    /// for the caller (instantiation reports them).
    public func define(in linker: ComponentLinker, for component: LoadedComponent) {
        for entity in component.imports {
            guard let make = Self.interfaces[Self.interfaceName(of: entity.name)] else { continue }
            linker.defineInstance(entity.name, make(self).instance)
        }
    }

    /// Runs a `wasi:cli/command`'s `wasi:cli/run#run` under the grants' fuel and deadline
    /// limits; returns the exit code: 0 for `ok`, 1 for `err`, the code given to
    /// `wasi:cli/exit`. Throws the trap that stopped the guest, or `WASIHostError` when the
    /// component exports no `wasi:cli/run` (of any 0.2 version).
    public func runCommand(_ instance: InstantiatedComponent) throws -> UInt32 {
        let runName = instance.component.exports.map(\.name).first { Self.interfaceName(of: $0) == "wasi:cli/run" }
        guard let runName, let run = instance.function("\(runName)#run") else {
            throw WASIHostError("the component exports no wasi:cli/run interface (it is not a wasi:cli/command)")
        }
        do {
            let results = try call(run, [])
            if case .result(.error)? = results.first { return 1 }
            return 0
        } catch let exit as WASIExit {
            return exit.code
        }
    }

    /// Calls a component function under the grants' fuel and deadline limits (set afresh for
    /// this call). Throws `WASIExit` when the guest called `wasi:cli/exit`, the trap otherwise.
    public func call(_ function: ComponentFunction, _ arguments: [ComponentValue]) throws -> [ComponentValue] {
        grants.limits.prepare(store)
        host.pendingExit = nil
        do {
            return try function.call(arguments)
        } catch {
            if let exit = host.pendingExit {
                host.pendingExit = nil
                throw exit
            }
            throw error
        }
    }

    /// Frees the instances this host serves, for a caller done with them: the host objects
    /// their guests still hold are closed and dropped, and the store lets go of its host
    /// functions (`Store.releaseHostFunctions()`), which hold this host, which holds the
    /// store: without this, that cycle keeps the store and its memories alive for good.
    /// Calling into the instances afterwards traps.
    public func release() {
        resources.removeAll()
        store.releaseHostFunctions()
    }

    /// Stores `object` in the resource table and returns an owned handle of `type` to it.
    func own(_ object: AnyObject, _ type: ComponentResourceType) throws(ComponentTrap) -> ComponentValue {
        .own(type, try resources.insert(object))
    }

    /// A new interface with the WASI resource types other interfaces' types refer to.
    func interface(_ name: String) -> WASIInterface {
        WASIInterface(name: name, types: types)
    }
}

/// The resource types of the WASI host, one each, shared by every interface that uses them.
/// Their destructors remove the object from the host's resource table.
struct WASIResourceTypes {
    let error: ComponentResourceType
    let pollable: ComponentResourceType
    let inputStream: ComponentResourceType
    let outputStream: ComponentResourceType
    let descriptor: ComponentResourceType
    let directoryEntryStream: ComponentResourceType
    let terminalInput: ComponentResourceType
    let terminalOutput: ComponentResourceType
    let fields: ComponentResourceType
    let incomingRequest: ComponentResourceType
    let outgoingRequest: ComponentResourceType
    let requestOptions: ComponentResourceType
    let responseOutparam: ComponentResourceType
    let incomingResponse: ComponentResourceType
    let incomingBody: ComponentResourceType
    let futureTrailers: ComponentResourceType
    let outgoingResponse: ComponentResourceType
    let outgoingBody: ComponentResourceType
    let futureIncomingResponse: ComponentResourceType
    let network: ComponentResourceType
    let resolveAddressStream: ComponentResourceType
    let tcpSocket: ComponentResourceType
    let udpSocket: ComponentResourceType
    let incomingDatagramStream: ComponentResourceType
    let outgoingDatagramStream: ComponentResourceType

    init(table: WASIResourceTable) {
        var scratch = HostInstance()
        func make(_ name: String) -> ComponentResourceType {
            scratch.defineResource(name) { [table] representation in table.remove(representation) }
        }
        error = make("error")
        pollable = make("pollable")
        inputStream = make("input-stream")
        outputStream = make("output-stream")
        descriptor = make("descriptor")
        directoryEntryStream = make("directory-entry-stream")
        terminalInput = make("terminal-input")
        terminalOutput = make("terminal-output")
        fields = make("fields")
        incomingRequest = make("incoming-request")
        outgoingRequest = make("outgoing-request")
        requestOptions = make("request-options")
        responseOutparam = make("response-outparam")
        incomingResponse = make("incoming-response")
        incomingBody = make("incoming-body")
        futureTrailers = make("future-trailers")
        outgoingResponse = make("outgoing-response")
        outgoingBody = make("outgoing-body")
        futureIncomingResponse = make("future-incoming-response")
        network = make("network")
        resolveAddressStream = make("resolve-address-stream")
        tcpSocket = make("tcp-socket")
        udpSocket = make("udp-socket")
        incomingDatagramStream = make("incoming-datagram-stream")
        outgoingDatagramStream = make("outgoing-datagram-stream")
    }

    /// Every type by its WIT name.
    var all: [ComponentResourceType] {
        [error, pollable, inputStream, outputStream, descriptor, directoryEntryStream, terminalInput, terminalOutput,
         fields, incomingRequest, outgoingRequest, requestOptions, responseOutparam, incomingResponse, incomingBody,
         futureTrailers, outgoingResponse, outgoingBody, futureIncomingResponse, network, resolveAddressStream,
         tcpSocket, udpSocket, incomingDatagramStream, outgoingDatagramStream]
    }
}

/// One WASI interface being defined: its functions, and the resource types it declares or
/// uses (a `use` re-exports a type under its name, which the importing component's instance
/// type names too).
struct WASIInterface {
    let name: String
    private(set) var instance = HostInstance()
    /// The functions defined so far.
    private(set) var functionNames: [String] = []

    init(name: String, types: WASIResourceTypes) {
        self.name = name
        for type in types.all {
            instance.define(type.name, item: .type(.resource(type)))
        }
        // Names the WIT gives resource types by `type x = y` or `use … as x`.
        for (alias, type) in [("headers", types.fields), ("trailers", types.fields), ("io-error", types.error)] {
            instance.define(alias, item: .type(.resource(type)))
        }
    }

    /// Defines function `function` (e.g. `[method]output-stream.write`), returning zero or one value.
    mutating func function(_ function: String, _ body: @escaping (WASIArguments) throws -> ComponentValue?) {
        let qualified = "\(name)#\(function)"
        functionNames.append(function)
        instance.defineFunction(function) { values in
            let result = try body(WASIArguments(values: values, function: qualified))
            return result.map { [$0] } ?? []
        }
    }
}
