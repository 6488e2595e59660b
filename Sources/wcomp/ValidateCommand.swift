import ArgumentParser
import Foundation

/// `wcomp validate FILE`: checks that a core module is well formed and valid.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that a WebAssembly module is well formed and valid.",
        discussion: "Prints 'FILE: OK', or the first error with its byte offset and exits with status 1."
    )

    @Argument(help: "The .wasm file to check.")
    var file: String

    func run() throws {
        do {
            _ = try ModuleFile.load(file)
            print("\(file): OK")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
