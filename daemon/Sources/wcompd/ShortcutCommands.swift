import ArgumentParser

/// A top-level short name for a subcommand: it parses the subcommand's arguments (held as an
/// option group) and runs it, so options, help and output are the same.
protocol ShortcutCommand: AsyncParsableCommand {
    /// The subcommand this name stands for.
    associatedtype Target: AsyncParsableCommand
    /// The parsed subcommand.
    var command: Target { get set }
}

extension ShortcutCommand {
    mutating func run() async throws { try await command.run() }
}

/// `wcompd ps` = `wcompd instance list`.
struct PsCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List instances (= instance list).")
    @OptionGroup var command: InstanceCommand.List
}

/// `wcompd inspect` = `wcompd instance get`: like `ps`, the short names act on instances; a
/// component's imports and exports are `wcompd component inspect`.
struct InspectCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show one instance (= instance get; for a component use component inspect).")
    @OptionGroup var command: InstanceCommand.Get
}

/// `wcompd invoke` = `wcompd instance invoke`.
struct InvokeCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "invoke", abstract: "Call an export (= instance invoke).")
    @OptionGroup var command: InstanceCommand.Invoke
}

/// `wcompd run` = `wcompd instance run`.
struct RunCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a command instance (= instance run).")
    @OptionGroup var command: InstanceCommand.Run
}

/// `wcompd logs` = `wcompd instance logs`.
struct LogsCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print an instance's output (= instance logs).")
    @OptionGroup var command: InstanceCommand.Logs
}

/// `wcompd stop` = `wcompd instance stop`.
struct StopCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Interrupt an instance's running call (= instance stop).")
    @OptionGroup var command: InstanceCommand.Stop
}

/// `wcompd rm` = `wcompd instance delete`.
struct RmCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete an instance and its grants (= instance delete).")
    @OptionGroup var command: InstanceCommand.Delete
}

/// `wcompd events` = `wcompd instance watch`.
struct EventsCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Print lifecycle events as they happen (= instance watch).")
    @OptionGroup var command: InstanceCommand.Watch
}

/// `wcompd revoke` = `wcompd grant revoke`.
struct RevokeCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke one grant of an instance (= grant revoke).")
    @OptionGroup var command: GrantCommand.Revoke
}

/// `wcompd compose` = `wcompd component compose`.
struct ComposeCommand: ShortcutCommand {
    static let configuration = CommandConfiguration(commandName: "compose", abstract: "Compose stored components into a new one (= component compose).")
    @OptionGroup var command: ComponentCommand.Compose
}
