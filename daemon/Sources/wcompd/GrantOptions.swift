import ArgumentParser
import Foundation
import WcompDaemonProto

/// Grants named on the command line, the same way `wcomp run` names them.
struct GrantOptions: ParsableArguments {
    @Option(name: .customLong("dir"), help: ArgumentHelp("Grant a host directory, read-write.", valueName: "HOST[::GUEST]"))
    var readWriteDirectories: [String] = []

    @Option(name: .customLong("dir-ro"), help: ArgumentHelp("Grant a host directory, read-only.", valueName: "HOST[::GUEST]"))
    var readOnlyDirectories: [String] = []

    @Option(name: .customLong("env"), help: ArgumentHelp("Grant an environment variable.", valueName: "NAME=VALUE"))
    var environment: [String] = []

    @Option(name: .customLong("clock"), help: ArgumentHelp("Grant a clock: wall, monotonic or all.", valueName: "CLOCK"))
    var clocks: [String] = []

    @Flag(name: .customLong("random"), help: "Grant random bytes.")
    var random = false

    @Option(name: .customLong("net"), help: ArgumentHelp("Grant outbound connections to hosts matching a pattern.", valueName: "HOST[:PORT[-PORT]]"))
    var network: [String] = []

    @Option(name: .customLong("http-route"), help: ArgumentHelp("Serve HTTP requests matching a route (wasi:http/proxy components).", valueName: "[HOST]/PATH-PREFIX"))
    var httpRoutes: [String] = []

    /// The grants, in the order: directories, variables, clocks, random, network, HTTP routes.
    func grants() throws -> [Wcomp_Daemon_V1_Grant] {
        var grants: [Wcomp_Daemon_V1_Grant] = []
        for (texts, readOnly) in [(readWriteDirectories, false), (readOnlyDirectories, true)] {
            for text in texts {
                let parts = text.components(separatedBy: "::")
                guard (1...2).contains(parts.count), !parts[0].isEmpty else {
                    throw ValidationError("a directory is given as HOST or HOST::GUEST, got '\(text)'")
                }
                var directory = Wcomp_Daemon_V1_DirectoryGrant()
                directory.hostPath = URL(fileURLWithPath: parts[0]).standardizedFileURL.path
                directory.guestPath = parts.count == 2 ? parts[1] : ""
                directory.readOnly = readOnly
                var grant = Wcomp_Daemon_V1_Grant()
                grant.directory = directory
                grants.append(grant)
            }
        }
        for text in environment {
            guard let equals = text.firstIndex(of: "=") else { throw ValidationError("--env takes NAME=VALUE, got '\(text)'") }
            var variable = Wcomp_Daemon_V1_EnvironmentGrant()
            variable.name = String(text[..<equals])
            variable.value = String(text[text.index(after: equals)...])
            var grant = Wcomp_Daemon_V1_Grant()
            grant.environment = variable
            grants.append(grant)
        }
        for text in clocks {
            var clock = Wcomp_Daemon_V1_ClockGrant()
            switch text {
            case "wall": clock.wall = true
            case "monotonic": clock.monotonic = true
            case "all": clock.wall = true; clock.monotonic = true
            default: throw ValidationError("--clock takes wall, monotonic or all, got '\(text)'")
            }
            var grant = Wcomp_Daemon_V1_Grant()
            grant.clocks = clock
            grants.append(grant)
        }
        if random {
            var grant = Wcomp_Daemon_V1_Grant()
            grant.random = Wcomp_Daemon_V1_RandomGrant()
            grants.append(grant)
        }
        for pattern in network {
            var rule = Wcomp_Daemon_V1_NetworkGrant()
            rule.pattern = pattern
            var grant = Wcomp_Daemon_V1_Grant()
            grant.network = rule
            grants.append(grant)
        }
        for text in httpRoutes {
            guard let slash = text.firstIndex(of: "/") else {
                throw ValidationError("--http-route takes [HOST]/PATH-PREFIX, e.g. api.example.com/ or /api, got '\(text)'")
            }
            var route = Wcomp_Daemon_V1_HttpRouteGrant()
            route.host = String(text[..<slash])
            route.pathPrefix = String(text[slash...])
            var grant = Wcomp_Daemon_V1_Grant()
            grant.httpRoute = route
            grants.append(grant)
        }
        return grants
    }

    /// One line describing `grant`.
    static func describe(_ grant: Wcomp_Daemon_V1_Grant) -> String {
        switch grant.capability {
        case .directory(let directory):
            let guest = directory.guestPath.isEmpty ? directory.hostPath : directory.guestPath
            return "dir\(directory.readOnly ? "-ro" : "") \(directory.hostPath) as \(guest)"
        case .environment(let variable): return "env \(variable.name)=\(variable.value)"
        case .clocks(let clock): return "clock " + [clock.wall ? "wall" : nil, clock.monotonic ? "monotonic" : nil].compactMap { $0 }.joined(separator: "+")
        case .random: return "random"
        case .network(let rule): return "net \(rule.pattern)"
        case .httpRoute(let route): return "http-route \(route.host)\(route.pathPrefix.isEmpty ? "/" : route.pathPrefix)"
        case nil: return "(none)"
        }
    }
}
