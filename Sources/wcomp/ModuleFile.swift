import FoundationEssentials
import WasmCore

/// Loading a core module from a file for the CLI commands.
enum ModuleFile {
    /// Reads the file at `path`.
    static func read(_ path: String) throws(CLIError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "it does not exist"
            throw CLIError("cannot open '\(path)': \(reason)")
        }
        return [UInt8](data)
    }

    /// Decodes and validates `bytes`, read from `path`; errors name the file and the offset.
    static func load(_ bytes: [UInt8], path: String) throws(CLIError) -> Module {
        do {
            let module = try Module(decoding: bytes)
            try module.validate()
            return module
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }
}
