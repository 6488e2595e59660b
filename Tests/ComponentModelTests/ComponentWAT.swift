import ComponentModel
import Foundation

/// Compiles component text (WAT) to a binary with `wasm-tools parse`, for runtime tests.
enum ComponentWAT {
    static let wasmTools: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("wasm-tools")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    static var isAvailable: Bool { wasmTools != nil }

    struct CompileError: Error, CustomStringConvertible {
        var description: String
    }

    /// The binary of `text`.
    static func compile(_ text: String) throws -> [UInt8] {
        guard let wasmTools else { throw CompileError(description: "wasm-tools is not on PATH") }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("wcomp-cmrt-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("component.wat")
        let output = directory.appendingPathComponent("component.wasm")
        try text.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = wasmTools
        process.arguments = ["parse", input.path, "-o", output.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw CompileError(description: "wasm-tools parse failed: \(message)")
        }
        return [UInt8](try Data(contentsOf: output))
    }

    /// Compiles, loads and instantiates `text` with `linker`.
    static func instantiate(_ text: String, linker: ComponentLinker = ComponentLinker()) throws -> InstantiatedComponent {
        try linker.instantiate(LoadedComponent(bytes: compile(text)))
    }

    /// A core module fragment: one page of memory exported as "mem" and a bump allocator
    /// exported as "realloc" (it copies on growth and never frees).
    static let allocator = """
        (memory (export "mem") 1)
        (global $next (mut i32) (i32.const 1024))
        (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
          (local $result i32)
          (local.set $result (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                      (i32.sub (i32.const 0) (local.get $align))))
          (global.set $next (i32.add (local.get $result) (local.get $size)))
          (if (local.get $old) (then (memory.copy (local.get $result) (local.get $old) (local.get $old-size))))
          (local.get $result))
        """
}
