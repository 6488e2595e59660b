import ArgumentParser
import Compose
import Foundation

/// `wcomp new core.wasm -o c.wasm`: wraps a core module built for the canonical ABI into a
/// component, using the world in its `component-type` custom section.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a component from a core module that follows the canonical ABI conventions.",
        discussion: """
            The module must carry the `component-type` custom section that guest toolchains \
            write (wit-bindgen, or `wasm-tools component embed WIT module.wasm --world W`). \
            Imports are named "$root" "f" (world functions), "ns:pkg/iface" "f" and \
            "ns:pkg/iface" "[resource-drop]r"; exports "f" and "ns:pkg/iface#f", with \
            cabi_post_<export> (post-return), memory and cabi_realloc. Only what the module \
            imports becomes an import of the component. Exported resources are not supported yet.
            """
    )

    @Argument(help: "The core module (.wasm) with a component-type custom section.")
    var module: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the component.", valueName: "file"))
    var output: String

    func run() throws {
        let bytes = try ModuleFile.read(module)
        let component: [UInt8]
        do {
            component = try ComponentNew.component(fromCoreModule: bytes, name: module).encoded()
        } catch {
            throw CLIError("\(error)")
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(component)) else {
            throw CLIError("cannot write '\(output)'")
        }
    }
}
