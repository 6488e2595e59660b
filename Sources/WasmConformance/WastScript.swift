import Foundation

/// The command list `wasm-tools json-from-wast` writes for one .wast file.
///
/// Module binaries are separate files next to the JSON (`filename`); every value is a string
/// (`"-1"`, float bit patterns in decimal, `"nan:canonical"`, `"null"`).
struct WastScript: Decodable {
    var commands: [WastCommand]

    /// Reads and decodes a JSON file written by `wasm-tools json-from-wast`.
    static func load(from url: URL) throws -> WastScript {
        try JSONDecoder().decode(WastScript.self, from: Data(contentsOf: url))
    }

    /// How many commands the JSON file at `url` holds, whatever their value syntax
    /// (core and component scripts alike).
    static func commandCount(in url: URL) throws -> Int {
        struct AnyCommand: Decodable {}
        struct Commands: Decodable { var commands: [AnyCommand] }
        return try JSONDecoder().decode(Commands.self, from: Data(contentsOf: url)).commands.count
    }
}

/// One command of a .wast script. Which fields are present depends on `type`.
struct WastCommand: WastScriptCommand {
    /// `module`, `register`, `action`, `assert_return`, `assert_trap`, `assert_exhaustion`,
    /// `assert_invalid`, `assert_malformed`, `assert_unlinkable`, `assert_uninstantiable`.
    var type: String
    /// Line of the command in the .wast file.
    var line: Int
    /// Module file name, relative to the wasm directory.
    var filename: String?
    /// For text modules that wasm-tools also assembled: the binary's file name.
    var binaryFilename: String?
    /// `binary` or `text`.
    var moduleType: String?
    /// The module's `$name`, for `module`; the registered module's name, for `register`.
    var name: String?
    /// The import name a `register` command gives the module.
    var `as`: String?
    var action: WastAction?
    var expected: [WastValue]?
    /// The expected trap or error message.
    var text: String?

    enum CodingKeys: String, CodingKey {
        case type, line, filename, name, `as`, action, expected, text
        case binaryFilename = "binary_filename"
        case moduleType = "module_type"
    }
}

/// An `invoke` of an exported function or a `get` of an exported global.
struct WastAction: Decodable {
    /// `invoke` or `get`.
    var type: String
    /// The named module the export belongs to; the most recent module when absent.
    var module: String?
    /// The export name.
    var field: String
    var args: [WastValue]?
}

/// A value in a command: an argument, or an expected result (which may be a NaN pattern).
struct WastValue: Decodable {
    /// `i32`, `i64`, `f32`, `f64`, `v128`, `funcref`, `externref`.
    var type: String
    /// The value as text; for `v128`, one text per lane. Absent in result patterns that
    /// accept any non-null reference (`(ref.func)`, `(ref.extern)`).
    var value: Text?

    /// A single text, or the lanes of a `v128`.
    enum Text: Decodable {
        case scalar(String)
        case lanes([String])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let lanes = try? container.decode([String].self) {
                self = .lanes(lanes)
            } else {
                self = .scalar(try container.decode(String.self))
            }
        }
    }
}
