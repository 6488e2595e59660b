import ComponentModel
import Foundation
import Testing

/// Realistic components: `wasm-tools component embed --dummy` + `component new` over the
/// official WASI 0.2 WIT (../shared/testsuite/wasi-wit), built at test time.
@Suite(.enabled(if: WASIComponents.built != nil, "needs wasm-tools and ../shared/testsuite/wasi-wit"))
struct WASIComponentTests {
    @Test(arguments: ["wasi:http/proxy", "wasi:cli/command"])
    func decodesRoundTripsAndValidates(world: String) throws {
        let bytes = try #require(WASIComponents.built?[world])
        let component = try Component(decoding: bytes)
        #expect(component.encoded() == bytes)
        let validated = try component.validate()
        let importNames = validated.type.imports.map(\.name)
        #expect(importNames.contains { $0.hasPrefix("wasi:io/streams@0.2") })
        for name in importNames {
            if case .interface(let interface) = try ExternNameSyntax(parsing: name) {
                #expect(interface.version?.hasPrefix("0.2.") == true, "\(name)")
            }
        }
        let exportNames = validated.type.exports.map(\.name)
        #expect(exportNames.contains(world == "wasi:http/proxy" ? "wasi:http/incoming-handler@0.2.12" : "wasi:cli/run@0.2.12"),
                "\(exportNames)")
        #expect(component.nameSection != nil)
    }
}

/// Builds the WASI world components once per test process.
enum WASIComponents {
    static let built: [String: [UInt8]]? = build()

    private static func build() -> [String: [UInt8]]? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let wasmTools = path.split(separator: ":").map({ URL(fileURLWithPath: String($0)).appendingPathComponent("wasm-tools") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else { return nil }
        let witDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/testsuite/wasi-wit")
        guard FileManager.default.fileExists(atPath: witDirectory.path) else { return nil }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("wcomp-cm-wasi-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: output) }
        var result: [String: [UInt8]] = [:]
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for world in ["wasi:http/proxy", "wasi:cli/command"] {
                let stem = world.replacingOccurrences(of: ":", with: "-").replacingOccurrences(of: "/", with: "-")
                let core = output.appendingPathComponent("\(stem)-core.wasm")
                let component = output.appendingPathComponent("\(stem).wasm")
                guard run(wasmTools, ["component", "embed", "--dummy", witDirectory.path, "--world", world, "-o", core.path]),
                      run(wasmTools, ["component", "new", core.path, "-o", component.path]) else { return nil }
                result[world] = [UInt8](try Data(contentsOf: component))
            }
        } catch {
            return nil
        }
        return result
    }

    private static func run(_ tool: URL, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
