import ArgumentParser
import Foundation
import WcompDaemon
import WcompDaemonProto

/// `wcompd component upload|list|inspect|delete`.
struct ComponentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "component", abstract: "Manage stored components.",
        subcommands: [Upload.self, List.self, Inspect.self, Delete.self])

    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload a component; prints its SHA-256.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The component file.") var file: String
        @Option(help: "Name to record (default: the file name without extension).") var name: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
            let label = name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let response = try await client.withClient { try await $0.upload([UInt8](data), name: label) }
            print(response.component.sha256 + (response.deduplicated ? " (already stored)" : ""))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored components.")
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let response = try await client.withClient { try await $0.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest()) }
            for component in response.components {
                print("\(component.sha256)  \(component.sizeBytes) bytes  \(component.importCount) imports  \(component.exportCount) exports  \(component.name)")
            }
        }
    }

    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a component's imports and exports with their types.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The component's SHA-256.") var sha256: String

        func run() async throws {
            var request = Wcomp_Daemon_V1_InspectComponentRequest()
            request.sha256 = sha256
            let response = try await client.withClient { try await $0.components.inspectComponent(request) }
            print("component \(response.component.name) (\(response.component.sha256), \(response.component.sizeBytes) bytes)")
            for (heading, items) in [("import", response.imports), ("export", response.exports)] {
                for item in items {
                    let lines = item.type.split(separator: "\n", omittingEmptySubsequences: false)
                    if lines.count > 1 {
                        print("\(heading) \(item.name): {")
                        for line in lines { print("  \(line)") }
                        print("}")
                    } else {
                        print("\(heading) \(item.name): \(item.type)")
                    }
                }
            }
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
}
