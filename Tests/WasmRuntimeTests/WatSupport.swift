import Foundation
import WasmCore
@testable import WasmRuntime

/// Errors of the test helpers.
struct WatError: Error, CustomStringConvertible {
    var description: String
}

/// Assembles WebAssembly text with `wasm-tools parse` (or `wat2wasm`), then decodes (with
/// `features`) and validates it.
func assemble(_ text: String, features: WasmFeatures = .webAssembly2) throws -> Module {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wcomp-rt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("module.wat")
    let output = directory.appendingPathComponent("module.wasm")
    try text.write(to: input, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["wasm-tools", "parse", input.path, "-o", output.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        throw WatError(description: "wasm-tools parse failed: \(message)")
    }
    let module = try Module(decoding: [UInt8](try Data(contentsOf: output)), features: features)
    try module.validate()
    return module
}

/// Instantiates WebAssembly text in a fresh store (or `store`), decoded with `features`.
func instantiate(
    _ text: String, store: Store = Store(), imports: Imports = Imports(), features: WasmFeatures = .webAssembly2
) throws -> Instance {
    try store.instantiate(module: try assemble(text, features: features), imports: imports)
}

extension Instance {
    /// Calls the exported function `name`.
    func call(_ name: String, _ arguments: Value...) throws -> [Value] {
        guard let function = function(name) else { throw WatError(description: "no export \(name)") }
        return try function.call(arguments)
    }
}

/// The trap reason `body` throws, or nil.
func trapReason(_ body: () throws -> Any) -> TrapReason? {
    do {
        _ = try body()
        return nil
    } catch let trap as Trap {
        return trap.reason
    } catch {
        return nil
    }
}
