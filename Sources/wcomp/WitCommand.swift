import ArgumentParser
import Foundation
import WIT

/// `wcomp wit PATH`: resolves a WIT directory (with `deps/`) or a `.wit` file and prints
/// the packages as WIT, or with `--json` the resolution in the layout of
/// `wasm-tools component wit --json`. Errors print `file:line:column` with the source line
/// and exit with status 1.
struct WitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wit",
        abstract: "Resolve WIT packages and print them as WIT or JSON."
    )

    @Argument(help: "A WIT directory (its *.wit files plus deps/) or a single .wit file.")
    var path: String

    @ArgumentParser.Flag(help: "Print the resolution as JSON (wit-parser's Resolve layout).")
    var json = false

    @Option(name: .customLong("features"), help: "Comma-separated @unstable features to enable.")
    var features: String = ""

    @ArgumentParser.Flag(name: .customLong("all-features"), help: "Enable every @unstable feature.")
    var allFeatures = false

    func run() throws {
        let enabled = Set(features.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        var resolve = Resolve(features: enabled, allFeatures: allFeatures)
        let main: PackageID
        do {
            main = try resolve.push(path: path)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        if json {
            print(ResolveJSON.text(resolve))
        } else {
            print(WITPrinter.print(resolve, main: main), terminator: "")
        }
    }
}
