import WASI
import WcompDaemonProto

/// Turns an instance's stored grants (in the order they were added) and arguments into the
/// WASI host's grant model. Later grants override earlier ones with the same variable name
/// or guest path.
enum EffectiveGrants {
    static func wasiGrants(_ grants: [StoredGrant], arguments: [String], limits: InstanceLimits) -> WASIGrants {
        var result = WASIGrants()
        result.arguments = arguments
        result.limits = ResourceLimits(
            memoryBytes: limits.memoryBytes, fuel: limits.fuel,
            deadlinePerCall: limits.deadlineMilliseconds.map { .milliseconds(Int64(clamping: $0)) })
        for stored in grants {
            switch stored.grant.capability {
            case .directory(let directory):
                let guestPath = directory.guestPath.isEmpty ? directory.hostPath : directory.guestPath
                result.removeDirectory(guestPath: guestPath)
                result.directories.append(DirectoryGrant(
                    hostPath: directory.hostPath, guestPath: guestPath,
                    access: directory.readOnly ? .readOnly : .readWrite))
            case .environment(let variable):
                result.setEnvironmentVariable(variable.name, variable.value)
            case .clocks(let clocks):
                if clocks.wall { result.clocks.insert(.wall) }
                if clocks.monotonic { result.clocks.insert(.monotonic) }
            case .random:
                result.random = true
            case .network(let network):
                // Outbound network: sockets and outgoing wasi:http requests alike.
                if let rule = NetworkRule(parsing: network.pattern) {
                    result.network.append(rule)
                    result.http.append(rule)
                }
            case .httpRoute, nil:
                break  // Routes are the HTTP front's, not the guest's: see InstanceManager.refreshRoutes.
            }
        }
        return result
    }
}
