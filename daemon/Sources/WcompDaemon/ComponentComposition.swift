import ComponentModel
import Compose
import WcompDaemonProto

/// The ComposeComponents RPC's work: reads the stored inputs a request names, composes them
/// with the engine of `wcomp compose` (plug mode or a WAC composition file) and returns the
/// composed binary. Composition errors become INVALID_ARGUMENT with the composer's message.
enum ComponentComposition {
    /// Most components one composition may name.
    static let maximumInputs = 64
    /// Longest composition file.
    static let maximumSourceBytes = 1 << 20

    /// The bytes of the composition `request` describes, from components in `catalog`.
    static func compose(_ request: Wcomp_Daemon_V1_ComposeComponentsRequest, catalog: ComponentCatalog) throws(DaemonError) -> [UInt8] {
        let composed: Component
        switch request.composition {
        case .plug(let plug)?:
            guard !plug.plugSha256.isEmpty else { throw .invalid("plug.plug_sha256 is empty: plug mode needs at least one plug") }
            guard plug.plugSha256.count < maximumInputs else { throw .invalid("plug.plug_sha256 names more than \(maximumInputs - 1) plugs") }
            let socket = try input(plug.socketSha256, field: "plug.socket_sha256", catalog: catalog)
            var plugs: [InputComponent] = []
            for (index, sha256) in plug.plugSha256.enumerated() {
                plugs.append(try input(sha256, field: "plug.plug_sha256[\(index)]", catalog: catalog))
            }
            composed = try composing { () throws(ComposeError) in try PlugComposer.compose(socket: socket, plugs: plugs) }
        case .wac(let wac)?:
            try RequestValidation.text(wac.source, field: "wac.source", limit: maximumSourceBytes)
            guard !wac.source.isEmpty else { throw .invalid("wac.source is empty") }
            guard wac.packages.count <= maximumInputs else { throw .invalid("wac.packages names more than \(maximumInputs) packages") }
            var packages: [String: InputComponent] = [:]
            for (package, sha256) in wac.packages.sorted(by: { $0.key < $1.key }) {
                guard isPackageName(package) else {
                    throw .invalid("wac.packages key '\(package.prefix(200))' is not a package name of the form namespace:name")
                }
                packages[package] = try input(sha256, field: "wac.packages[\(package)]", catalog: catalog)
            }
            composed = try composing { () throws(ComposeError) in
                try WACComposer.compose(wac.source, file: "wac.source") { name throws(ComposeError) in
                    let unversioned = String(name.prefix { $0 != "@" })
                    guard let input = packages[unversioned] else {
                        throw ComposeError.configuration(
                            location: nil, message: "package \(unversioned) is not in wac.packages (map it to a stored component's SHA-256)")
                    }
                    return input
                }
            }
        case nil:
            throw .invalid("composition is missing: set plug or wac")
        }
        return composed.encoded()
    }

    /// The stored component `sha256`, as a composition input named after its record.
    private static func input(_ sha256: String, field: String, catalog: ComponentCatalog) throws(DaemonError) -> InputComponent {
        try RequestValidation.sha256(sha256, field: field)
        let (record, bytes) = try catalog.read(sha256)
        return try composing { () throws(ComposeError) in
            try InputComponent(name: "\(record.name) (\(sha256.prefix(12)))", bytes: bytes)
        }
    }

    private static func composing<T>(_ body: () throws(ComposeError) -> T) throws(DaemonError) -> T {
        do {
            return try body()
        } catch {
            throw .invalid("cannot compose: \(error)")
        }
    }

    /// `namespace:name`, each part a lowercase identifier with dashes.
    private static func isPackageName(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }
    }
}
