import Foundation
import PackagePlugin

/// Generates Swift host bindings for a target from WIT at build time.
///
/// The WIT is read from the target's `wit/` folder if it has one (exclude it from the target
/// in Package.swift), else from the package's `wit/` folder. The world is named by a
/// `wcomp-bindgen.json` next to that folder, `{"world": "NAME"}`; without one, the WIT
/// package must define a single world. The target must depend on the `ComponentModel` and
/// `WasmRuntime` products.
@main
struct WcompBindgenPlugin: BuildToolPlugin {
    /// Configuration read from `wcomp-bindgen.json`.
    struct Configuration: Decodable {
        /// The world to bind (`name` or `ns:pkg/name`).
        var world: String?
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let fileManager = FileManager.default
        let targetWIT = URL(fileURLWithPath: target.directory.string).appending(path: "wit")
        let packageWIT = URL(fileURLWithPath: context.package.directory.string).appending(path: "wit")
        let wit = fileManager.fileExists(atPath: targetWIT.path) ? targetWIT : packageWIT
        guard fileManager.fileExists(atPath: wit.path) else {
            throw PluginError("no wit/ folder in target `\(target.name)` or at the package root")
        }
        let configurationFile = wit.deletingLastPathComponent().appending(path: "wcomp-bindgen.json")
        var world: String?
        if let data = fileManager.contents(atPath: configurationFile.path) {
            world = try JSONDecoder().decode(Configuration.self, from: data).world
        }
        var inputs: [URL] = fileManager.fileExists(atPath: configurationFile.path) ? [configurationFile] : []
        if let files = fileManager.enumerator(at: wit, includingPropertiesForKeys: nil) {
            for case let file as URL in files where file.pathExtension == "wit" { inputs.append(file) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(target.name)Bindings.swift")
        var arguments = [wit.path, "--output", output.path]
        if let world { arguments += ["--world", world] }
        return [.buildCommand(
            displayName: "Generating WIT bindings for \(target.name)",
            executable: try context.tool(named: "BindgenTool").url,
            arguments: arguments,
            inputFiles: inputs.sorted { $0.path < $1.path },
            outputFiles: [output])]
    }
}

/// A configuration problem the plugin reports.
struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
