import ArgumentParser

/// The arguments of a client command and what it does, as a group of arguments rather than a
/// command, so that the subcommand (`wcompd instance list`) and its short top-level name
/// (`wcompd ps`) share it: same options, help and output. (A short name that embedded the
/// subcommand itself would have it in its help's command path: `wcompd list ps`.)
protocol ClientAction: ParsableArguments {
    /// Does what the command does.
    func run() async throws
}

/// A command that runs its `ClientAction`: a subcommand, or the short top-level name of one.
protocol ActionCommand: AsyncParsableCommand {
    /// The arguments and work.
    associatedtype Action: ClientAction
    /// The parsed arguments.
    var action: Action { get }
}

extension ActionCommand {
    func run() async throws { try await action.run() }
}

/// `wcompd ps` = `wcompd instance list`.
struct PsCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List instances (= instance list).")
    @OptionGroup var action: InstanceCommand.List.Action
}

/// `wcompd inspect` = `wcompd instance get`: like `ps`, the short names act on instances; a
/// component's imports and exports are `wcompd component inspect`.
struct InspectCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show one instance (= instance get; for a component use component inspect).")
    @OptionGroup var action: InstanceCommand.Get.Action
}

/// `wcompd invoke` = `wcompd instance invoke`.
struct InvokeCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "invoke", abstract: "Call an export (= instance invoke).")
    @OptionGroup var action: InstanceCommand.Invoke.Action
}

/// `wcompd run` = `wcompd instance run`.
struct RunCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a command instance (= instance run).")
    @OptionGroup var action: InstanceCommand.Run.Action
}

/// `wcompd logs` = `wcompd instance logs`.
struct LogsCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print an instance's output (= instance logs).")
    @OptionGroup var action: InstanceCommand.Logs.Action
}

/// `wcompd stop` = `wcompd instance stop`.
struct StopCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Interrupt an instance's running call (= instance stop).")
    @OptionGroup var action: InstanceCommand.Stop.Action
}

/// `wcompd rm` = `wcompd instance delete`.
struct RmCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete an instance and its grants (= instance delete).")
    @OptionGroup var action: InstanceCommand.Delete.Action
}

/// `wcompd events` = `wcompd instance watch`.
struct EventsCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Print lifecycle events as they happen (= instance watch).")
    @OptionGroup var action: InstanceCommand.Watch.Action
}

/// `wcompd revoke` = `wcompd grant revoke`.
struct RevokeCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke one grant of an instance (= grant revoke).")
    @OptionGroup var action: GrantCommand.Revoke.Action
}

/// `wcompd compose` = `wcompd component compose`.
struct ComposeCommand: ActionCommand {
    static let configuration = CommandConfiguration(commandName: "compose", abstract: "Compose stored components into a new one (= component compose).")
    @OptionGroup var action: ComponentCommand.Compose.Action
}
