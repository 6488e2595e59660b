import ArgumentParser
import ComponentModel
import Compose
import FoundationEssentials
import func WIT.describeFileError

/// `wcomp compose`: plugs components into each other, or wires them as a composition file says,
/// and writes one component that embeds them all.
struct ComposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Compose components into one component.",
        discussion: """
            Plug mode (default): wcomp compose SOCKET PLUG... -o OUT. Every import of the socket, \
            or of a plug in use, that another component exports under the same name (or a \
            semver-compatible interface version) with a compatible type is satisfied by an \
            instance of that component; plugs may be plugged in turn, each is instantiated once \
            and shared. Imports nobody satisfies stay imports of the result (once per name, with \
            everything the components importing it use, resources included); the socket's \
            exports are the result's. Ambiguous plugs, type mismatches, cycles and \
            plugs that satisfy nothing are errors.

            Composition file mode: wcomp compose --config app.wac -o OUT, with a subset of the \
            WAC language:

                package local:app;
                let offset = new test:offset { ... };          // `...` imports the rest
                let adder = new test:adder { offset: offset.offset };
                let app = new test:socket { adder, ...offset, ... };
                export app.run;                                // or `export x as "name";`, `export x...;`

            Arguments `name: expr`, inferred `name`, spread `...instance` and a final `...`; \
            accesses `x.iface` (an export named `iface` or ending in `/iface`) and \
            `x["exact:name/x@1.0.0"]`. Type, interface, world and import statements are not \
            supported. Packages named by `new` come from --dep ns:name=FILE, else from \
            DEPS-DIR/ns/name.wasm (--deps-dir, default: the `deps` folder next to the file).
            """
    )

    @Argument(help: "The socket component, then the plugs (plug mode).")
    var components: [String] = []

    @Option(name: .customLong("config"), help: ArgumentHelp("A composition file (WAC subset).", valueName: "file"))
    var config: String?

    @Option(name: .customLong("dep"), help: ArgumentHelp("A package for the composition file.", valueName: "ns:name=file.wasm"))
    var dependencies: [String] = []

    @Option(name: .customLong("deps-dir"), help: ArgumentHelp("Where packages are found as ns/name.wasm.", valueName: "dir"))
    var depsDirectory: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the composed component.", valueName: "file"))
    var output: String

    @Flag(name: .customLong("no-validate"),
          help: "Skip validating the result as a whole (inputs are validated and every connection is type-checked anyway).")
    var skipValidation = false

    func validate() throws {
        if config == nil && components.count < 2 {
            throw ValidationError("plug mode needs a socket and at least one plug (or use --config FILE)")
        }
        if config != nil && !components.isEmpty {
            throw ValidationError("with --config, components come from --dep and --deps-dir, not arguments")
        }
    }

    func run() throws {
        do {
            let composed: [UInt8]
            if let config {
                composed = try composeFile(config).encoded()
            } else {
                let inputs = try components.map(load)
                composed = try PlugComposer.compose(socket: inputs[0], plugs: Array(inputs.dropFirst()),
                                                    validateResult: !skipValidation).encoded()
            }
            guard FileManager.default.createFile(atPath: output, contents: Data(composed)) else {
                throw CLIError("cannot write '\(output)'")
            }
        } catch let error as ComposeError {
            throw CLIError("\(error)")
        }
    }

    private func load(_ path: String) throws -> InputComponent {
        try InputComponent(name: path, bytes: ModuleFile.read(path))
    }

    private func composeFile(_ path: String) throws -> Component {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CLIError("cannot read '\(path)': \(describeFileError(error))")
        }
        var explicit: [String: String] = [:]
        for dependency in dependencies {
            let parts = dependency.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].contains(":") else {
                throw CLIError("--dep '\(dependency)' is not of the form ns:name=file.wasm")
            }
            explicit[String(parts[0])] = String(parts[1])
        }
        let folder = depsDirectory ?? URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("deps").path
        return try WACComposer.compose(text, file: path, validateResult: !skipValidation) { package throws(ComposeError) in
            let file = explicit[package] ?? Self.packageFile(package, in: folder)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ComposeError.configuration(location: nil, message: "package \(package) not found: no file '\(file)' (give it with --dep \(package)=FILE)")
            }
            return try InputComponent(name: file, bytes: [UInt8](data))
        }
    }

    /// `folder/ns/name.wasm` for package `ns:name` (a version suffix `@x.y.z` is ignored).
    static func packageFile(_ package: String, in folder: String) -> String {
        let name = package.split(separator: "@", maxSplits: 1)[0]
        return folder + "/" + name.replacing(":", with: "/") + ".wasm"
    }
}
