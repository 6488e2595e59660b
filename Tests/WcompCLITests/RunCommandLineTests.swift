import ArgumentParser
import Testing
@testable import wcomp

/// `RunCommandLine` reads `wcomp run` command lines without ArgumentParser: it must give
/// exactly ArgumentParser's result when it accepts one, leave every other form to
/// ArgumentParser, and know every option `RunCommand` declares.
struct RunCommandLineTests {
    /// The values a parsed `RunCommand` holds, comparable.
    private struct Values: Equatable, CustomStringConvertible {
        var invoke: String?
        var fuel: UInt64?
        var timeout: Duration?
        var settings: [String]
        var directories: [String]
        var readOnlyDirectories: [String]
        var listeners: [String]
        var wasiSettings: [String]
        var outbound: [String]
        var environment: [String]
        var file: String
        var arguments: [String]

        init(_ command: RunCommand) {
            invoke = command.invoke
            fuel = command.fuel
            timeout = command.timeout?.duration
            settings = command.settings
            directories = command.wasi.readWriteDirectories
            readOnlyDirectories = command.wasi.readOnlyDirectories
            listeners = command.wasi.listeners
            wasiSettings = command.wasi.settings
            outbound = command.wasi.outbound
            environment = command.wasi.environment
            file = command.file
            arguments = command.arguments
        }

        var description: String {
            "invoke \(invoke ?? "-") fuel \(fuel.map(String.init) ?? "-") timeout \(timeout.map { "\($0)" } ?? "-") "
                + "-W \(settings) dir \(directories) dir-ro \(readOnlyDirectories) tcplisten \(listeners) -S \(wasiSettings) "
                + "allow-net \(outbound) env \(environment) file \(file) arguments \(arguments)"
        }
    }

    static let acceptedCommandLines: [[String]] = [
        ["run", "hello.wasm"],
        ["run", "hello.wasm", "a", "-b", "--env", "X", "--", "--help"],
        ["run", "--invoke", "add(1, 2)", "calc.wasm"],
        ["run", "--invoke=greet(\"a=b\")", "--fuel", "1000", "--timeout", "1.5s", "app.wasm"],
        ["run", "--fuel=0", "--timeout=250ms", "-W", "max-memory-size=65536", "m.wasm"],
        ["run", "--dir", "/tmp::/data", "--dir", ".", "--dir-ro", "/etc::/config", "--dir-ro=/usr", "p.wasm", "x"],
        ["run", "--tcplisten", "127.0.0.1:8080", "-S", "inherit-network", "-S", "http", "s.wasm"],
        ["run", "--allow-net", "*.example.com:443", "--allow-net=10.0.0.0/8", "--env", "A=1", "--env=B", "--env", "C=x=y", "e.wasm"],
        ["run", "--timeout", "2m", "--timeout", "3s", "--fuel", "5", "--fuel", "7", "last-wins.wasm"],
    ]

    @Test(arguments: acceptedCommandLines)
    func agreesWithArgumentParser(_ commandLine: [String]) throws {
        let fast = try #require(RunCommandLine.command(from: commandLine), "not accepted: \(commandLine)")
        let parsed = try #require(try WcompCommand.parseAsRoot(commandLine) as? RunCommand)
        #expect(Values(fast) == Values(parsed))
    }

    static let leftToArgumentParser: [[String]] = [
        [],
        ["run"],
        ["validate", "hello.wasm"],
        ["help", "run"],
        ["run", "--help"],
        ["run", "-h"],
        ["run", "--", "hello.wasm"],
        ["run", "-Sinherit-network", "hello.wasm"],
        ["run", "--fuel"],
        ["run", "--fuel", "many", "hello.wasm"],
        ["run", "--fuel", "-1", "hello.wasm"],
        ["run", "--timeout", "soon", "hello.wasm"],
        ["run", "--env", "--dir", "hello.wasm"],
        ["run", "--verbose", "hello.wasm"],
        ["run", "--invoke", "f()"],
    ]

    @Test(arguments: leftToArgumentParser)
    func leavesOtherFormsToArgumentParser(_ commandLine: [String]) {
        #expect(RunCommandLine.command(from: commandLine) == nil)
    }

    @Test func knowsEveryOptionOfRunCommand() {
        let usage = WcompCommand.usageString(for: RunCommand.self)
        let declared = Set(usage.split(separator: "[").compactMap { part -> String? in
            guard part.hasPrefix("-") else { return nil }
            return part.split(separator: " ").first.map(String.init)
        })
        #expect(!declared.isEmpty)
        #expect(declared == RunCommandLine.knownNames, "usage: \(usage)")
    }
}
