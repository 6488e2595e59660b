import ArgumentParser

/// Reads the common shapes of a `wcomp run` command line without ArgumentParser's reflection.
///
/// `wcomp run` is mostly process start-up, and ArgumentParser's first parse costs about 2 ms of
/// it (it reflects over the command's properties and instantiates their generic wrappers, each
/// first dynamic cast scanning every protocol conformance of the static binary). This reader
/// takes the usual form — `run`, then options with their values (`--name value`,
/// `--name=value`, `-S value`, `-W value`), then FILE and the guest's arguments, taken as they
/// are — and fills a `RunCommand` with the same values ArgumentParser would. Anything else
/// (help, `--`, unknown or attached short options, a value that does not convert) returns
/// nil, and ArgumentParser parses the command line and reports what is wrong, so this
/// reader never accepts what ArgumentParser would refuse. `RunCommand` stays the one
/// definition of the options and their help; WcompCLITests checks that both readers agree
/// and that every option ArgumentParser knows is known here.
enum RunCommandLine {
    /// How an option's value is stored into the command.
    private typealias Store = @Sendable (inout RunCommand, String) -> Bool

    /// The options of `wcomp run` (and its WASI option group) by the names they are written with.
    private static let options: [String: Store] = [
        "--invoke": { command, value in command.invoke = value; return true },
        "--fuel": { command, value in
            guard let fuel = UInt64(argument: value) else { return false }
            command.fuel = fuel
            return true
        },
        "--timeout": { command, value in
            guard let limit = TimeLimit(argument: value) else { return false }
            command.timeout = limit
            return true
        },
        "-W": { command, value in command.settings.append(value); return true },
        "--dir": { command, value in command.wasi.readWriteDirectories.append(value); return true },
        "--dir-ro": { command, value in command.wasi.readOnlyDirectories.append(value); return true },
        "--tcplisten": { command, value in command.wasi.listeners.append(value); return true },
        "-S": { command, value in command.wasi.settings.append(value); return true },
        "--allow-net": { command, value in command.wasi.outbound.append(value); return true },
        "--env": { command, value in command.wasi.environment.append(value); return true },
    ]

    /// The option names this reader knows, for the test that compares them with ArgumentParser's.
    static var knownNames: Set<String> { Set(options.keys) }

    /// A `RunCommand` with every property set to the value it has when its option is not given
    /// (ArgumentParser's property wrappers cannot be read before they are set).
    private static func emptyCommand() -> RunCommand {
        var wasi = WASIOptions()
        wasi.readWriteDirectories = []
        wasi.readOnlyDirectories = []
        wasi.listeners = []
        wasi.settings = []
        wasi.outbound = []
        wasi.environment = []
        var command = RunCommand()
        command.invoke = nil
        command.fuel = nil
        command.timeout = nil
        command.settings = []
        command.wasi = wasi
        command.file = ""
        command.arguments = []
        return command
    }

    /// The `RunCommand` for `arguments` (the process arguments without the program name), or nil
    /// when they are not a `run` command line of the usual form.
    static func command(from arguments: [String]) -> RunCommand? {
        guard arguments.first == "run" else { return nil }
        var command = emptyCommand()
        var index = 1
        while index < arguments.count, arguments[index].hasPrefix("-") {
            let word = arguments[index]
            let name: String
            let value: String
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
                index += 1
            } else {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { return nil }
                name = word
                value = arguments[index + 1]
                index += 2
            }
            guard let store = options[name], store(&command, value) else { return nil }
        }
        guard index < arguments.count else { return nil }
        command.file = arguments[index]
        command.arguments = Array(arguments[(index + 1)...])
        return command
    }
}
