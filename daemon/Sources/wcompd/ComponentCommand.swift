import ArgumentParser
import Foundation
import GRPCNIOTransportHTTP2
import WcompDaemon
import WcompDaemonProto

/// `wcompd component upload|list|inspect|delete`.
struct ComponentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "component", abstract: "Manage stored components.",
        subcommands: [Upload.self, List.self, Inspect.self, Delete.self, Compose.self])

    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload a component; prints its SHA-256.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The component file.") var file: String
        @Option(help: "Name to record (default: the file name without extension).") var name: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let response = try await client.withClient { try await Self.upload(file, name: name, with: $0) }
            try output.emit(response) { Self.line(response) }
        }

        /// Uploads the component in `file`, recorded as `name` (default: the file name without extension).
        static func upload(_ file: String, name: String?, with daemon: DaemonClient<HTTP2ClientTransport.Posix>) async throws -> Wcomp_Daemon_V1_UploadComponentResponse {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
            let label = name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            return try await daemon.upload([UInt8](data), name: label)
        }

        /// The digest of a stored component, noting when it was stored already.
        static func line(_ response: Wcomp_Daemon_V1_UploadComponentResponse) -> String {
            response.component.sha256 + (response.deduplicated ? " (already stored)" : "")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored components.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let response = try await client.withClient { try await $0.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest()) }
            for component in response.components {
                try output.emit(component) {
                    "\(component.sha256)  \(component.sizeBytes) bytes  \(component.importCount) imports  \(component.exportCount) exports  \(component.name)"
                }
            }
        }
    }

    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a component's imports and exports with their types.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The component's SHA-256.") var sha256: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var request = Wcomp_Daemon_V1_InspectComponentRequest()
            request.sha256 = sha256
            let response = try await client.withClient { try await $0.components.inspectComponent(request) }
            try output.emit(response) { Self.text(response) }
        }

        /// The component's header line, then one entry per import and export with its type.
        static func text(_ response: Wcomp_Daemon_V1_InspectComponentResponse) -> String {
            var lines = ["component \(response.component.name) (\(response.component.sha256), \(response.component.sizeBytes) bytes)"]
            for (heading, items) in [("import", response.imports), ("export", response.exports)] {
                for item in items {
                    let typeLines = item.type.split(separator: "\n", omittingEmptySubsequences: false)
                    if typeLines.count > 1 {
                        lines.append("\(heading) \(item.name): {")
                        lines += typeLines.map { "  \($0)" }
                        lines.append("}")
                    } else {
                        lines.append("\(heading) \(item.name): \(item.type)")
                    }
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a component no instance uses.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The component's SHA-256.") var sha256: String

        func run() async throws {
            var request = Wcomp_Daemon_V1_DeleteComponentRequest()
            request.sha256 = sha256
            _ = try await client.withClient { try await $0.components.deleteComponent(request) }
        }
    }

    struct Compose: ActionCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compose stored components into a new stored one; prints its SHA-256.",
            discussion: "Plug mode: SOCKET PLUG... (digests). Composition file: --wac FILE with --package ns:name=SHA256 for each package it names.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Option(help: "Name to record for the result.") var name: String
            @Argument(help: "Plug mode: the socket's SHA-256, then the plugs'.") var digests: [String] = []
            @Option(help: "A composition file (WAC subset).") var wac: String?
            @Option(name: .customLong("package"), help: ArgumentHelp("A package the file names.", valueName: "ns:name=SHA256"))
            var packages: [String] = []
            @OptionGroup var output: OutputOptions

            func run() async throws {
                var request = Wcomp_Daemon_V1_ComposeComponentsRequest()
                request.name = name
                if let wac {
                    guard digests.isEmpty else { throw ValidationError("with --wac, components come from --package") }
                    guard let source = FileManager.default.contents(atPath: wac) else { throw CommandFailure("cannot read \(wac)") }
                    var composition = Wcomp_Daemon_V1_WACComposition()
                    composition.source = String(decoding: source, as: UTF8.self)
                    for package in packages {
                        let parts = package.split(separator: "=", maxSplits: 1)
                        guard parts.count == 2 else { throw ValidationError("--package takes ns:name=SHA256, got '\(package)'") }
                        composition.packages[String(parts[0])] = String(parts[1])
                    }
                    request.wac = composition
                } else {
                    guard digests.count >= 2 else { throw ValidationError("plug mode needs a socket and at least one plug (or --wac FILE)") }
                    var plug = Wcomp_Daemon_V1_PlugComposition()
                    plug.socketSha256 = digests[0]
                    plug.plugSha256 = Array(digests.dropFirst())
                    request.plug = plug
                }
                let response = try await client.withClient { try await $0.components.composeComponents(request) }
                try output.emit(response) { response.component.sha256 + (response.deduplicated ? " (already stored)" : "") }
            }
        }
    }
}
