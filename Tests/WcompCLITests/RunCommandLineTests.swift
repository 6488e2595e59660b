import ArgumentParser
import Testing
@testable import wcomp

/// `RunCommandLine` reads `wcomp run` command lines without ArgumentParser: it must give
/// exactly ArgumentParser's result when it accepts one, leave every other form to
/// ArgumentParser, and know every option `RunCommand` declares.
struct RunCommandLineTests {
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
        let fast = try #require(RunCommandLine.request(from: commandLine), "not accepted: \(commandLine)")
        let parsed = try #require(try WcompCommand.parseAsRoot(commandLine) as? RunCommand)
        #expect(fast == parsed.request)
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
        #expect(RunCommandLine.request(from: commandLine) == nil)
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
