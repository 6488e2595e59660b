import ArgumentParser
import ComponentModel
import FoundationEssentials

/// `wcomp validate FILE`: checks that a core module or a component is well formed and valid.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that a WebAssembly module or component is well formed and valid.",
        discussion: "Prints 'FILE: OK', or the first error with its byte offset and exits with status 1."
    )

    @Argument(help: "The .wasm file to check (a core module or a component).")
    var file: String

    func run() throws {
        do {
            let bytes = try ModuleFile.read(file)
            if ComponentInvocation.isComponent(bytes) {
                do {
                    try Component(decoding: bytes).validate()
                } catch {
                    throw CLIError("\(file): \(error)")
                }
            } else {
                _ = try ModuleFile.load(bytes, path: file)
            }
            print("\(file): OK")
        } catch {
            StandardError.write("\(error)\n")
            throw ExitCode.failure
        }
    }
}
