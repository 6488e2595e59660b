import ArgumentParser

/// Reads the common shapes of a `wcomp run` command line without ArgumentParser.
///
/// `wcomp run` is mostly process start-up, and ArgumentParser's first parse costs about 2 ms of
/// it (it reflects over the command's properties and instantiates their generic wrappers, each
/// first dynamic cast scanning every protocol conformance of the static binary). This reader
/// takes the usual form — `run`, then options with their values (`--name value`,
/// `--name=value`, `-S value`, `-W value`), then FILE and the guest's arguments, taken as they
/// are — and gives the `RunRequest` ArgumentParser's `RunCommand` would. Anything else (help,
/// `--`, unknown or attached short options, a value that does not convert) returns nil, and
/// ArgumentParser parses the command line and reports what is wrong, so this reader never
/// accepts what ArgumentParser would refuse. `RunCommand` stays the one definition of the
/// options and their help; WcompCLITests checks that both readers agree and that every option
/// ArgumentParser knows is known here.
enum RunCommandLine {
    /// How an option's value is stored into the request; false when it does not convert.
    private typealias Store = @Sendable (inout RunRequest, String) -> Bool

    /// The options of `wcomp run` (and its WASI option group) by the names they are written with.
    private static let options: [String: Store] = [
        "--invoke": { request, value in request.invoke = value; return true },
        "--fuel": { request, value in
            guard let fuel = UInt64(argument: value) else { return false }
            request.fuel = fuel
            return true
        },
        "--timeout": { request, value in
            guard let limit = TimeLimit(argument: value) else { return false }
            request.timeout = limit.duration
            return true
        },
        "-W": { request, value in request.settings.append(value); return true },
        "--dir": { request, value in request.capabilities.readWriteDirectories.append(value); return true },
        "--dir-ro": { request, value in request.capabilities.readOnlyDirectories.append(value); return true },
        "--tcplisten": { request, value in request.capabilities.listeners.append(value); return true },
        "-S": { request, value in request.capabilities.settings.append(value); return true },
        "--allow-net": { request, value in request.capabilities.outbound.append(value); return true },
        "--env": { request, value in request.capabilities.environment.append(value); return true },
    ]

    /// The option names this reader knows, for the test that compares them with ArgumentParser's.
    static var knownNames: Set<String> { Set(options.keys) }

    /// The request `arguments` (the process arguments without the program name) make, or nil
    /// when they are not a `run` command line of the usual form.
    static func request(from arguments: [String]) -> RunRequest? {
        guard arguments.first == "run" else { return nil }
        var request = RunRequest(file: "")
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
            guard let store = options[name], store(&request, value) else { return nil }
        }
        guard index < arguments.count else { return nil }
        request.file = arguments[index]
        request.arguments = Array(arguments[(index + 1)...])
        return request
    }
}
