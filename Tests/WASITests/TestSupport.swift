import Foundation
import WASI
import WasmCore
import WasmRuntime

/// The test programs in Programs/ (C sources built to .wasm by Programs/build.sh).
enum TestPrograms {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Programs")

    /// The decoded and validated module `name`.wasm.
    static func module(_ name: String) throws -> Module {
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("\(name).wasm")))
        let module = try Module(decoding: bytes)
        try module.validate()
        return module
    }
}

/// What a run of the probe command produced.
struct ProbeRun {
    var exitCode: UInt32
    var stdout: String
    /// The bytes written to stderr.
    var stderrBytes: [UInt8]
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

    /// Stdout's lines.
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}

/// Runs `probe.wasm` with `arguments` (after the program name), capturing stdout and stderr in
/// in-memory pipes. `configure` adjusts the grants beforehand.
func runProbe(
    _ arguments: [String], stdin: MemoryPipe? = nil, stdout: MemoryPipe = MemoryPipe(), store: Store = Store(),
    configure: (inout WASIGrants) -> Void = { _ in }
) throws -> ProbeRun {
    let stderr = MemoryPipe()
    var grants = WASIGrants()
    grants.arguments = ["probe"] + arguments
    grants.stdio = StdioGrants(stdin: stdin.map(StdioRoute.pipe) ?? .null, stdout: .pipe(stdout), stderr: .pipe(stderr))
    configure(&grants)
    let host = try WASIHost(grants: GrantSet(grants))
    let instance = try host.instantiate(try TestPrograms.module("probe"), in: store)
    let code = try host.runCommand(instance, in: store)
    return ProbeRun(exitCode: code, stdout: stdout.text, stderrBytes: stderr.contents)
}

/// A temporary directory tree, removed when the value is released.
final class TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wasi-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Creates the directory `relative` (and its parents).
    @discardableResult
    func makeDirectory(_ relative: String) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        return target.path
    }

    /// Writes `text` to the file `relative`.
    func write(_ text: String, to relative: String) throws {
        try text.write(to: url.appendingPathComponent(relative), atomically: false, encoding: .utf8)
    }

    /// Reads the file `relative` as text.
    func read(_ relative: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(relative).path)
    }

    /// Creates a symlink at `relative` pointing to `target` (verbatim).
    func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(relative).path, withDestinationPath: target)
    }
}

/// The preview1 errno value of `errno` as the probe prints it.
func code(_ errno: WASIErrno) -> String { String(errno.rawValue) }
