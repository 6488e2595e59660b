import ArgumentParser
import FoundationEssentials
import SwiftBindgen

/// `wcomp bindgen DIR --world NAME -o OUT`: Swift host bindings for a WIT world.
struct BindgenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bindgen",
        abstract: "Generate Swift host bindings for a WIT world.",
        discussion: """
            Writes Swift types for the world's WIT types, a `Host` protocol with `register(_:in:)` per \
            imported interface (its resources implemented by host objects conforming to \
            `<Resource>Object`) and an `Exports` wrapper per exported interface. The generated file \
            imports the ComponentModel and WasmRuntime libraries.
            """
    )

    @Argument(help: "A WIT directory (with deps/) or a .wit file.")
    var path: String

    @Option(help: "The world: `name` in the main package or `ns:pkg/name`. Optional when the package has one world.")
    var world: String?

    @Option(name: [.short, .customLong("output")], help: "Where to write the Swift file (standard output when absent).")
    var output: String?

    func run() throws {
        let source: String
        do {
            source = try SwiftBindgen.generate(witDirectory: path, world: world)
        } catch {
            throw CLIError("\(path): \(error)")
        }
        if let output {
            try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            print(source, terminator: "")
        }
    }
}
