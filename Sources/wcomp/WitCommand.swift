import ArgumentParser
import FoundationEssentials
import WIT
import WITComponent

/// `wcomp wit PATH`: resolves a WIT directory (with `deps/`, where `.wasm` packages are read
/// too) or a `.wit` file — or decodes a component `.wasm` (a WIT package encoded as a
/// component, or any component, described by its world) — and prints the packages as WIT,
/// or with `--json` the resolution in the layout of
/// `wasm-tools component wit --json`; with `--wasm` it writes the main package encoded as a
/// component binary (like `wasm-tools component wit --wasm`). Errors print `file:line:column` with the source line
/// and exit with status 1.
struct WitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wit",
        abstract: "Resolve WIT packages and print them as WIT or JSON."
    )

    @Argument(help: "A WIT directory (its *.wit files plus deps/), a single .wit file, or a component .wasm.")
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
        let enabled = Set(features.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty })
        var resolve = Resolve(features: enabled, allFeatures: allFeatures)
        resolve.binaryDecoder = WITBinaryPackageDecoder()
        let main: PackageID
        do {
            if path.hasSuffix(".wasm") {
                let decoded = try WITComponentDecoder.decode(try ModuleFile.read(path), into: resolve)
                resolve = decoded.resolve
                main = decoded.package
            } else {
                main = try resolve.push(path: path)
            }
        } catch let error as WITError {
            StandardError.write("error: \(error.description)\n")
            throw ExitCode(1)
        } catch let error as WITDecodingError {
            throw CLIError("\(path): \(error)")
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
