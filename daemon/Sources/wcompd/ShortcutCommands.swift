import ArgumentParser

// Top-level short names for the commonly used subcommands. Each one parses and runs the
// subcommand it stands for (held as an option group), so options, help and output are the same.

/// `wcompd ps` = `wcompd instance list`.
struct PsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List instances (= instance list).")
    @OptionGroup var command: InstanceCommand.List
    func run() async throws { try await command.run() }
}

/// `wcompd inspect` = `wcompd instance get`: like `ps`, the short names act on instances; a
/// component's imports and exports are `wcompd component inspect`.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show one instance (= instance get; for a component use component inspect).")
    @OptionGroup var command: InstanceCommand.Get
    func run() async throws { try await command.run() }
}

/// `wcompd invoke` = `wcompd instance invoke`.
struct InvokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoke", abstract: "Call an export (= instance invoke).")
    @OptionGroup var command: InstanceCommand.Invoke
    func run() async throws { try await command.run() }
}

/// `wcompd run` = `wcompd instance run`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a command instance (= instance run).")
    @OptionGroup var command: InstanceCommand.Run
    func run() async throws { try await command.run() }
}

/// `wcompd logs` = `wcompd instance logs`.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print an instance's output (= instance logs).")
    @OptionGroup var command: InstanceCommand.Logs
    func run() async throws { try await command.run() }
}

/// `wcompd stop` = `wcompd instance stop`.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Interrupt an instance's running call (= instance stop).")
    @OptionGroup var command: InstanceCommand.Stop
    func run() async throws { try await command.run() }
}

/// `wcompd rm` = `wcompd instance delete`.
struct RmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete an instance and its grants (= instance delete).")
    @OptionGroup var command: InstanceCommand.Delete
    func run() async throws { try await command.run() }
}

/// `wcompd events` = `wcompd instance watch`.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Print lifecycle events as they happen (= instance watch).")
    @OptionGroup var command: InstanceCommand.Watch
    func run() async throws { try await command.run() }
}

/// `wcompd revoke` = `wcompd grant revoke`.
struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke one grant of an instance (= grant revoke).")
    @OptionGroup var command: GrantCommand.Revoke
    func run() async throws { try await command.run() }
}

/// `wcompd compose` = `wcompd component compose`.
struct ComposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compose", abstract: "Compose stored components into a new one (= component compose).")
    @OptionGroup var command: ComponentCommand.Compose
    func run() async throws { try await command.run() }
}
