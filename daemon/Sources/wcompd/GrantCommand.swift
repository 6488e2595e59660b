import ArgumentParser
import Foundation
import WcompDaemon
import WcompDaemonProto

/// `wcompd grant add|revoke|list|audit`.
struct GrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Grant, revoke and list capabilities; read the audit log.",
        subcommands: [Add.self, Revoke.self, List.self, Audit.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grant capabilities to an instance; prints each grant's id.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The instance.") var instance: String
        @OptionGroup var grants: GrantOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let grants = try self.grants.grants()
            guard !grants.isEmpty else { throw ValidationError("name at least one capability (--dir, --env, --clock, --random, --net)") }
            try await client.withClient { daemon in
                for grant in grants {
                    var request = Wcomp_Daemon_V1_AddGrantRequest()
                    request.instance = instance
                    request.grant = grant
                    let response = try await daemon.grants.addGrant(request)
                    try output.emit(response.grant) { "\(response.grant.id)  \(GrantOptions.describe(grant))" }
                }
            }
        }
    }

    struct Revoke: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke one grant of an instance.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Argument(help: "The instance.") var instance: String
            @Argument(help: "The grant's id (see `wcompd grant list`).") var id: Int64

            func run() async throws {
                var request = Wcomp_Daemon_V1_RevokeGrantRequest()
                request.instance = instance
                request.grantID = id
                _ = try await client.withClient { try await $0.grants.revokeGrant(request) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an instance's grants.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The instance.") var instance: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var request = Wcomp_Daemon_V1_ListGrantsRequest()
            request.instance = instance
            let response = try await client.withClient { try await $0.grants.listGrants(request) }
            for grant in response.grants {
                try output.emit(grant) { "\(grant.id)  \(GrantOptions.describe(grant.grant))" }
            }
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the audit log of grant changes.")
        @OptionGroup var client: ClientOptions
        @Option(help: "Only this instance.") var instance: String?
        @Option(help: "At most this many events (1 to 1000).") var limit: UInt32 = 100
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var request = Wcomp_Daemon_V1_ListAuditEventsRequest()
            request.instance = instance ?? ""
            request.limit = limit
            let response = try await client.withClient { try await $0.grants.listAuditEvents(request) }
            let formatter = ISO8601DateFormatter()
            for event in response.events {
                let action = event.action == .granted ? "granted" : "revoked"
                try output.emit(event) {
                    "\(event.id)  \(formatter.string(from: event.time.date))  \(event.caller)  \(event.instance)  \(action) \(event.grant.id): \(GrantOptions.describe(event.grant.grant))"
                }
            }
        }
    }
}
