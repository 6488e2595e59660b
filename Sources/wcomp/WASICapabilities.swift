import FoundationEssentials
import WASI
import WasmCore
import WasmRuntime

/// The WASI capabilities `wcomp run` and `wcomp serve` grant a guest (preview1 module or WASI
/// 0.2 component), as written on the command line.
///
/// A guest always gets the program arguments, the host's stdin, stdout and stderr, both clocks
/// and random bytes; directories, environment variables, listeners, outbound network and name
/// lookup only when named here.
struct WASICapabilities: Equatable {
    /// `--dir HOST[::GUEST]`: directories, read-write.
    var readWriteDirectories: [String] = []
    /// `--dir-ro HOST[::GUEST]`: directories, read-only.
    var readOnlyDirectories: [String] = []
    /// `--tcplisten ADDRESS:PORT`: listening sockets the guest accepts connections on.
    var listeners: [String] = []
    /// `-S SETTING`: inherit-network, allow-ip-name-lookup, http.
    var settings: [String] = []
    /// `--allow-net HOST[:PORT]`: outbound connections and wasi:http requests.
    var outbound: [String] = []
    /// `--env NAME[=VALUE]`: environment variables.
    var environment: [String] = []

    /// Whether `module` imports anything from `wasi_snapshot_preview1`.
    static func isNeeded(by module: Module) -> Bool {
        module.imports.contains { $0.module == WASIHost.preview1Module }
    }

    /// The host state for running `program` with `arguments` under `limits`.
    func makeHost(program: String, arguments: [String], limits: ResourceLimits) throws(CLIError) -> WASIHost {
        let grants = try makeGrants(program: program, arguments: arguments, limits: limits)
        do {
            return try WASIHost(grants: GrantSet(grants))
        } catch {
            throw CLIError(error.message)
        }
    }

    /// The grants for running `program` with `arguments` under `limits`.
    func makeGrants(program: String, arguments: [String], limits: ResourceLimits) throws(CLIError) -> WASIGrants {
        var grants = WASIGrants()
        grants.arguments = [program] + arguments
        grants.stdio = .inherit
        grants.clocks = .all
        grants.random = true
        grants.limits = limits
        grants.directories = try readWriteDirectories.map { text throws(CLIError) in try Self.directory(text, access: .readWrite) }
            + readOnlyDirectories.map { text throws(CLIError) in try Self.directory(text, access: .readOnly) }
        grants.listeners = try listeners.map { text throws(CLIError) in
            guard let listener = ListenerGrant(parsing: text) else {
                throw CLIError("--tcplisten expects ADDRESS:PORT with a numeric address, got '\(text)'")
            }
            return listener
        }
        for setting in settings {
            switch setting {
            case "inherit-network": grants.network.append(NetworkRule(host: .any))
            case "http": grants.http.append(NetworkRule(host: .any))
            case "allow-ip-name-lookup": grants.nameLookup = true
            default: throw CLIError("unknown -S setting '\(setting)' (known: inherit-network, allow-ip-name-lookup, http)")
            }
        }
        for text in outbound {
            guard let rule = NetworkRule(parsing: text) else {
                throw CLIError("--allow-net expects HOST[:PORT] or HOST:LOW-HIGH, got '\(text)'")
            }
            grants.network.append(rule)
            grants.http.append(rule)
        }
        for setting in environment {
            let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let name = parts.first, !name.isEmpty else { throw CLIError("--env expects NAME or NAME=VALUE, got '\(setting)'") }
            if parts.count == 2 {
                grants.setEnvironmentVariable(name, parts[1])
            } else if let value = ProcessInfo.processInfo.environment[name] {
                grants.setEnvironmentVariable(name, value)
            }
        }
        return grants
    }

    /// `HOST[::GUEST]`.
    private static func directory(_ text: String, access: DirectoryGrant.Access) throws(CLIError) -> DirectoryGrant {
        let parts = text.components(separatedBy: "::")
        guard parts.count <= 2, !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else {
            throw CLIError("a directory is given as HOST or HOST::GUEST, got '\(text)'")
        }
        return DirectoryGrant(hostPath: parts[0], guestPath: parts.count == 2 ? parts[1] : nil, access: access)
    }
}
