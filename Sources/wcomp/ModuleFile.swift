import Foundation
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

    /// Reads, decodes and validates the module at `path`; errors name the file and the offset.
    static func load(_ path: String) throws(CLIError) -> Module {
        let bytes = try read(path)
        do {
            let module = try Module(decoding: bytes)
            try module.validate()
            return module
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }
}
