import ArgumentParser
import ComponentModel
import Compose
import FoundationEssentials

/// `wcomp inspect FILE`: the tree of a component's nested components, core modules, instances,
/// imports and exports, with sizes.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the structure of a component: nested components, modules, instances, imports, exports."
    )

    @Argument(help: "The component .wasm file.")
    var file: String

    func run() throws {
        let bytes = try ModuleFile.read(file)
        do {
            let component = try Component(decoding: bytes)
            print(ComponentOutline(component, size: bytes.count).text, terminator: "")
        } catch {
            throw CLIError("\(file): \(error)")
        }
    }
}
