import ArgumentParser

/// The `wcomp` command line: run, validate and inspect WebAssembly modules, components and WIT.
@main
struct WcompCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wcomp",
        abstract: "Run, validate, inspect and compose WebAssembly modules, components and WIT.",
        subcommands: [RunCommand.self, ServeCommand.self, ValidateCommand.self, WitCommand.self, ComposeCommand.self, NewCommand.self, InspectCommand.self, BindgenCommand.self]
    )

    /// Runs the command line: the usual `wcomp run` forms directly (`RunCommandLine`, for a
    /// fast start), everything else through ArgumentParser.
    static func main() {
        guard let request = RunCommandLine.request(from: Array(CommandLine.arguments.dropFirst())) else {
            main(nil)
            return
        }
        do {
            try request.run()
        } catch {
            exit(withError: error)
        }
    }
}
