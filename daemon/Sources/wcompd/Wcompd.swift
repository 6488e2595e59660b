import ArgumentParser

/// `wcompd`: the daemon (`serve`) and its control client.
@main
struct Wcompd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wcompd",
        abstract: "Hosts WebAssembly component instances for other programs, each with only the capabilities it was granted.",
        subcommands: [
            ServeCommand.self, ComponentCommand.self, InstanceCommand.self, GrantCommand.self, HealthCommand.self,
            DeployCommand.self, PsCommand.self, InspectCommand.self, InvokeCommand.self, RunCommand.self, LogsCommand.self,
            StopCommand.self, RmCommand.self, EventsCommand.self, RevokeCommand.self, ComposeCommand.self,
        ]
    )
}
