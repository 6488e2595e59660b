import Foundation
import WASI
import WcompDaemonProto

/// Checks of request fields shared by the services. Each throws INVALID_ARGUMENT naming the
/// field and what is wrong with it.
enum RequestValidation {
    /// A component or instance name: 1 to 128 of `[A-Za-z0-9._-]`, starting with a letter or digit.
    static func name(_ value: String, field: String) throws(DaemonError) {
        guard !value.isEmpty else { throw .invalid("\(field) is empty") }
        guard value.utf8.count <= RequestLimits.nameCharacters else {
            throw .invalid("\(field) is longer than \(RequestLimits.nameCharacters) characters")
        }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        guard allowed else { throw .invalid("\(field) '\(value)' may only contain letters, digits, '.', '_' and '-'") }
        guard let first = value.utf8.first, first != 0x2E, first != 0x5F, first != 0x2D else {
            throw .invalid("\(field) '\(value)' must start with a letter or digit")
        }
    }

    /// A SHA-256 digest: exactly 64 lowercase hex digits.
    static func sha256(_ value: String, field: String) throws(DaemonError) {
        guard value.utf8.count == 64, value.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw .invalid("\(field) must be 64 lowercase hex digits (a SHA-256), got '\(value.prefix(80))'")
        }
    }

    /// A string without NUL bytes and at most `limit` bytes long.
    static func text(_ value: String, field: String, limit: Int) throws(DaemonError) {
        guard value.utf8.count <= limit else { throw .invalid("\(field) is longer than \(limit) bytes") }
        guard !value.utf8.contains(0) else { throw .invalid("\(field) contains a NUL byte") }
    }

    /// Guest arguments.
    static func arguments(_ values: [String]) throws(DaemonError) {
        guard values.count <= RequestLimits.arguments else { throw .invalid("more than \(RequestLimits.arguments) args") }
        for (index, value) in values.enumerated() {
            try text(value, field: "args[\(index)]", limit: RequestLimits.stringBytes)
        }
    }

    /// One grant: exactly one capability, each field well-formed; directories must be absolute
    /// paths of existing directories outside the daemon's state directory.
    static func grant(_ grant: Wcomp_Daemon_V1_Grant, field: String, stateDirectory: String) throws(DaemonError) {
        switch grant.capability {
        case nil:
            throw .invalid("\(field) names no capability")
        case .directory(let directory):
            try self.directory(directory, field: field, stateDirectory: stateDirectory)
        case .environment(let variable):
            try environmentName(variable.name, field: "\(field).environment.name")
            try text(variable.value, field: "\(field).environment.value", limit: RequestLimits.stringBytes)
        case .clocks(let clocks):
            guard clocks.wall || clocks.monotonic else { throw .invalid("\(field).clocks grants no clock") }
        case .random:
            break
        case .network(let network):
            guard NetworkRule(parsing: network.pattern) != nil else {
                throw .invalid("\(field).network.pattern '\(network.pattern.prefix(200))' is not a host pattern (host, *.domain, IP or *, optionally :port or :low-high)")
            }
        case .httpRoute(let route):
            try httpRoute(route, field: "\(field).http_route")
        }
    }

    /// An HTTP route: a host name (letters, digits, `-` and `.`) or empty, and a path prefix
    /// starting with `/` (or empty) of printable ASCII without spaces.
    private static func httpRoute(_ route: Wcomp_Daemon_V1_HttpRouteGrant, field: String) throws(DaemonError) {
        guard route.host.utf8.count <= 253, route.host.utf8.allSatisfy({ byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E
        }) else {
            throw .invalid("\(field).host '\(route.host.prefix(200))' is not a host name (letters, digits, '-' and '.')")
        }
        try text(route.pathPrefix, field: "\(field).path_prefix", limit: RequestLimits.pathBytes)
        guard route.pathPrefix.isEmpty || route.pathPrefix.hasPrefix("/") else {
            throw .invalid("\(field).path_prefix '\(route.pathPrefix.prefix(200))' does not start with '/'")
        }
        guard route.pathPrefix.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }) else {
            throw .invalid("\(field).path_prefix '\(route.pathPrefix.prefix(200))' may only hold printable ASCII without spaces, '?' or '#'")
        }
    }

    /// An environment variable name: 1 to 256 bytes, no `=` and no NUL.
    static func environmentName(_ name: String, field: String) throws(DaemonError) {
        guard !name.isEmpty else { throw .invalid("\(field) is empty") }
        try text(name, field: field, limit: RequestLimits.environmentNameBytes)
        guard !name.contains("=") else { throw .invalid("\(field) '\(name)' contains '='") }
    }

    private static func directory(_ grant: Wcomp_Daemon_V1_DirectoryGrant, field: String, stateDirectory: String) throws(DaemonError) {
        let hostPath = grant.hostPath
        try text(hostPath, field: "\(field).directory.host_path", limit: RequestLimits.pathBytes)
        guard hostPath.hasPrefix("/") else { throw .invalid("\(field).directory.host_path '\(hostPath)' is not absolute") }
        guard let resolved = realPath(hostPath) else {
            throw .invalid("\(field).directory.host_path '\(hostPath)' does not exist")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalid("\(field).directory.host_path '\(hostPath)' is not a directory")
        }
        let state = realPath(stateDirectory) ?? stateDirectory
        if resolved == state || resolved.hasPrefix(state + "/") || state.hasPrefix(resolved == "/" ? "/" : resolved + "/") {
            throw .invalid("\(field).directory.host_path '\(hostPath)' overlaps the daemon's state directory")
        }
        if !grant.guestPath.isEmpty {
            try text(grant.guestPath, field: "\(field).directory.guest_path", limit: RequestLimits.pathBytes)
        }
    }

    /// The canonical path of an existing file, symlinks resolved.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
