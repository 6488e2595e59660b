import ArgumentParser
import Foundation
import WIT
import WITComponent

/// `wcomp wit PATH`: resolves a WIT directory (with `deps/`) or a `.wit` file and prints
/// the packages as WIT, or with `--json` the resolution in the layout of
/// `wasm-tools component wit --json`; with `--wasm` it writes the main package encoded as a
/// component binary (like `wasm-tools component wit --wasm`). Errors print `file:line:column` with the source line
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

    @ArgumentParser.Flag(help: "Encode the main package as a component binary (requires -o).")
    var wasm = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the --wasm output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if wasm && json { throw ValidationError("--wasm and --json are exclusive") }
        if wasm && output == nil { throw ValidationError("--wasm writes a binary: give the output file with -o") }
        if !wasm && output != nil { throw ValidationError("-o is only used with --wasm") }
    }

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
        if wasm, let output {
            let bytes: [UInt8]
            do {
                bytes = try WITComponentEncoder.package(main, in: resolve).encoded()
            } catch {
                throw CLIError("cannot encode \(resolve[package: main].name): \(error)")
            }
            guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
                throw CLIError("cannot write '\(output)'")
            }
        } else if json {
            print(ResolveJSON.text(resolve))
        } else {
            print(WITPrinter.print(resolve, main: main), terminator: "")
        }
    }
}
