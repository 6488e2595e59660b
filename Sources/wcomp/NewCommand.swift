import ArgumentParser
import ComponentModel
import Compose
import FoundationEssentials
import WIT
import WITComponent

/// `wcomp new core.wasm -o c.wasm`: wraps a core module built for the canonical ABI into a
/// component, using the world in its `component-type` custom section, or with
/// `--wit DIR --world W` world `W` of a WIT package.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a component from a core module that follows the canonical ABI conventions.",
        discussion: """
            The module must carry the `component-type` custom section that guest toolchains \
            write (wit-bindgen, or `wasm-tools component embed WIT module.wasm --world W`), \
            or the world is given with --wit and --world (guest strings are then UTF-8). \
            Imports are named "$root" "f" (world functions), "ns:pkg/iface" "f" and \
            "ns:pkg/iface" "[resource-drop]r"; exports "f" and "ns:pkg/iface#f", with \
            cabi_post_<export> (post-return), memory and cabi_realloc. Only what the module \
            imports becomes an import of the component. Resources of exported interfaces are \
            defined by the component: the module imports "[export]ns:pkg/iface" \
            "[resource-new]r", "[resource-rep]r" and "[resource-drop]r" and may export \
            "ns:pkg/iface#[dtor]r". A resource declared at the world's top level is imported: \
            "$root" "[constructor]r", "[method]r.m", "[static]r.s" and "[resource-drop]r". A \
            reactor's _initialize runs when the component is instantiated. Async functions \
            follow wit-component's names: "[async-lower]f" imports, "[async-lift]f" with \
            "[callback][async-lift]f" or "[async-lift-stackful]f" exports, "[export]$root" \
            (or "[export]ns:pkg/iface") "[task-return]f" and "[task-cancel]", and the "$root" \
            built-ins [backpressure-inc]/[backpressure-dec], [waitable-set-new|wait|poll|drop], \
            [waitable-join], [subtask-drop], [subtask-cancel], [thread-yield] and \
            [context-get-N]/[context-set-N]. Not supported: stream, future, error-context and \
            thread built-ins.
            """
    )

    @Argument(help: "The core module (.wasm) with a component-type custom section.")
    var module: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the component.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("A WIT directory or file holding the world to use instead of the module's custom section.", valueName: "path"))
    var wit: String?

    @Option(help: ArgumentHelp("The world of --wit's main package (optional when it has only one).", valueName: "name"))
    var world: String?

    func validate() throws {
        if world != nil && wit == nil { throw ValidationError("--world needs --wit") }
    }

    /// The package-shaped component of the world chosen with --wit/--world, if any.
    func givenWorld() throws -> Component? {
        guard let wit else { return nil }
        var resolve = Resolve()
        let main: PackageID
        do {
            main = try resolve.push(path: wit)
        } catch {
            throw CLIError(error.description)
        }
        let package = resolve[package: main]
        let worldID: WorldID
        if let world {
            guard let id = package.worlds[world] else {
                throw CLIError("\(WITEncodingError.unknownWorld(world, package: package.name.description))")
            }
            worldID = id
        } else {
            guard package.worlds.count == 1, let only = package.worlds.values.first else {
                throw CLIError("package \(package.name) has \(package.worlds.count) worlds: choose one with --world")
            }
            worldID = only
        }
        do {
            return try WITComponentEncoder.worldPackage(worldID, in: resolve)
        } catch {
            throw CLIError("cannot encode world `\(resolve[world: worldID].name)`: \(error)")
        }
    }

    func run() throws {
        let bytes = try ModuleFile.read(module)
        let world = try givenWorld()
        let component: [UInt8]
        do {
            component = try ComponentNew.component(fromCoreModule: bytes, name: module, world: world).encoded()
        } catch {
            throw CLIError("\(error)")
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(component)) else {
            throw CLIError("cannot write '\(output)'")
        }
    }
}
