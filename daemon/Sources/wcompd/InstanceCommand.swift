import ArgumentParser
import Foundation
import GRPCCore
import WcompDaemon
import WcompDaemonProto

/// `wcompd instance create|invoke|run|stop|delete|list|get|watch|logs`.
struct InstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance", abstract: "Create, call and manage instances.",
        subcommands: [Create.self, Invoke.self, Run.self, Stop.self, Delete.self, List.self, Get.self, Watch.self, Logs.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an instance of a stored component.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The new instance's name.") var name: String
        @Argument(help: "The component's SHA-256.") var component: String
        @OptionGroup var settings: InstanceSettings
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let request = try settings.createRequest(name: name, componentSha256: component)
            let response = try await client.withClient { try await $0.instances.createInstance(request) }
            try output.emit(response.instance) { response.instance.name }
        }
    }

    struct Invoke: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "Call an export, e.g. 'greet(\"world\")'; prints the result in WAVE.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Argument(help: "The instance.") var name: String
            @Argument(help: "The call in WAVE.") var call: String
            @Option(help: "Give up (and interrupt the guest) after this many milliseconds.") var timeoutMs: UInt64?
            @OptionGroup var output: OutputOptions

            func run() async throws {
                var request = Wcomp_Daemon_V1_InvokeInstanceRequest()
                request.name = name
                request.wave = call
                var options = CallOptions.defaults
                if let timeoutMs { options.timeout = .milliseconds(Int64(clamping: timeoutMs)) }
                let response = try await client.withClient { try await $0.instances.invokeInstance(request, options: options) }
                try output.emit(response) { response.wave.isEmpty ? nil : response.wave }
            }
        }
    }

    struct Run: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "Run a command instance (wasi:cli/run); exits with its exit code.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Argument(help: "The instance.") var name: String

            func run() async throws {
                var request = Wcomp_Daemon_V1_RunInstanceRequest()
                request.name = name
                let response = try await client.withClient { try await $0.instances.runInstance(request) }
                guard response.exitCode == 0 else { throw ExitCode(response.exitCode) }
            }
        }
    }

    struct Stop: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "Interrupt an instance's running call.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Argument(help: "The instance.") var name: String

            func run() async throws {
                var request = Wcomp_Daemon_V1_StopInstanceRequest()
                request.name = name
                let response = try await client.withClient { try await $0.instances.stopInstance(request) }
                print(response.wasRunning ? "stopped" : "not running")
            }
        }
    }

    struct Delete: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an instance and its grants.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Argument(help: "The instance.") var name: String

            func run() async throws {
                var request = Wcomp_Daemon_V1_DeleteInstanceRequest()
                request.name = name
                _ = try await client.withClient { try await $0.instances.deleteInstance(request) }
            }
        }
    }

    struct List: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "List instances.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let response = try await client.withClient { try await $0.instances.listInstances(Wcomp_Daemon_V1_ListInstancesRequest()) }
                for instance in response.instances { try output.emit(instance) { Self.line(instance) } }
            }

            /// One line describing `instance`: name, state, component and counters.
            static func line(_ instance: Wcomp_Daemon_V1_Instance) -> String {
                "\(instance.name)  \(instance.state)  \(instance.componentSha256)  calls=\(instance.counters.calls) failed=\(instance.counters.failedCalls) fuel=\(instance.counters.fuelUsed) memory=\(instance.counters.memoryBytes)"
            }
        }
    }

    struct Get: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "Show one instance.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Argument(help: "The instance.") var name: String
            @OptionGroup var output: OutputOptions

            func run() async throws {
                var request = Wcomp_Daemon_V1_GetInstanceRequest()
                request.name = name
                let response = try await client.withClient { try await $0.instances.getInstance(request) }
                try output.emit(response.instance) { List.Action.line(response.instance) }
            }
        }
    }

    struct Watch: ActionCommand {
        static let configuration = CommandConfiguration(abstract: "Print lifecycle events as they happen (until interrupted).")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @Argument(help: "Only this instance (default: all).") var name: String?
            @OptionGroup var output: OutputOptions

            func run() async throws {
                var request = Wcomp_Daemon_V1_WatchInstancesRequest()
                request.name = name ?? ""
                try await client.withClient { daemon in
                    try await daemon.instances.watchInstances(request) { response in
                        let formatter = ISO8601DateFormatter()
                        for try await event in response.messages {
                            try output.emit(event) { "\(formatter.string(from: event.time.date))  \(event.instance)  \(event.kind)  \(event.detail)" }
                        }
                    }
                }
            }
        }
    }

    struct Logs: ActionCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what an instance wrote to stdout (and stderr, to stderr); with --json, every line as a record on stdout.")
        @OptionGroup var action: Action

        /// Its arguments and work (shared with its short name).
        struct Action: ClientAction {
            @OptionGroup var client: ClientOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: "The instance.") var name: String
            @Flag(name: .shortAndLong, help: "Keep printing new lines (until interrupted).") var follow = false
            @Option(help: "Only the last N retained lines.") var tail: UInt32 = 0

            func run() async throws {
                var request = Wcomp_Daemon_V1_StreamLogsRequest()
                request.name = name
                request.follow = follow
                request.tail = tail
                try await client.withClient { daemon in
                    try await daemon.instances.streamLogs(request) { response in
                        for try await entry in response.messages {
                            if output.json {
                                try output.emit(entry) { nil }
                            } else {
                                (entry.stream == .stderr ? FileHandle.standardError : FileHandle.standardOutput).write(entry.data + Data("\n".utf8))
                            }
                        }
                    }
                }
            }
        }
    }
}
