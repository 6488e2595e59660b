import Foundation
import Testing
import WIT
@testable import SwiftBindgen

/// Generates bindings for several worlds and type-checks them against this build's
/// ComponentModel and WasmRuntime modules with `swiftc -typecheck` (about a second each).
@Suite struct GenerationTests {
    /// Worlds whose generated bindings must compile: the project's WASI worlds, the end-to-end
    /// example, the naming stress case and a selection of wit-parser test cases.
    static let compiledWorlds: [(path: URL, world: String?)] = [
        (TestPaths.repository.appending(path: "wit"), "command"),
        (TestPaths.repository.appending(path: "wit"), "host-imports"),
        (TestPaths.repository.appending(path: "wit"), "proxy"),
        (TestPaths.example.appending(path: "wit"), "example"),
        (TestPaths.testsDirectory.appending(path: "Fixtures/naming"), "names"),
        (TestPaths.testsDirectory.appending(path: "Fixtures/world-resource"), "resources"),
    ] + ["maps", "shared-types", "world-top-level-funcs", "worlds-with-types", "world-same-fields4",
         "same-name-import-export", "import-export-overlap1", "kebab-name-include-with",
         "packages-nested-colliding-decl-names", "world-diamond"].map {
        (TestPaths.witParserSuite.appending(path: "\($0).wit"), nil)
    }

    @Test(arguments: 0 ..< compiledWorlds.count)
    func generatedBindingsCompile(index: Int) throws {
        let (path, worldName) = Self.compiledWorlds[index]
        let (resolve, package) = try Resolve.load(path: path)
        let names = worldName.map { [$0] } ?? resolve[package: package].worlds.keys
        let modules = try #require(TestPaths.modulesDirectory, "no Modules directory next to the test binary")
        for name in names {
            let source = SwiftBindgen(resolve: resolve).generate(world: try SwiftBindgen.world(named: name, in: resolve, package: package))
            let file = FileManager.default.temporaryDirectory.appending(path: "bindgen-\(UUID().uuidString).swift")
            try Data(source.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let (status, output) = try Self.run("swiftc", ["-typecheck", "-swift-version", "6", "-I", modules.path, file.path])
            #expect(status == 0, "bindings of world `\(name)` in \(path.lastPathComponent) do not compile:\n\(output)")
        }
    }

    @Test func everyWitParserWorldGenerates() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.witParserSuite.path)
            .filter { $0.hasSuffix(".wit") }.sorted()
        var worlds = 0
        for file in files {
            guard let (resolve, package) = try? Resolve.load(path: TestPaths.witParserSuite.appending(path: file)) else { continue }
            for id in resolve[package: package].worlds.values {
                let source = SwiftBindgen(resolve: resolve).generate(world: id)
                #expect(source.contains("public enum \(SwiftNaming.upperCamelCase(resolve[world: id].name))"), "\(file)")
                worlds += 1
            }
        }
        #expect(worlds > 30)
    }

    @Test func committedExampleBindingsAreCurrent() throws {
        let generated = try SwiftBindgen.generate(witDirectory: TestPaths.example.appending(path: "wit").path, world: "example")
        let committed = try String(contentsOf: TestPaths.exampleBindings, encoding: .utf8)
        #expect(generated == committed, "Generated/ExampleBindings.swift is stale: regenerate it with `wcomp bindgen Tests/SwiftBindgenTests/Fixtures/example/wit --world example -o Tests/SwiftBindgenTests/Generated/ExampleBindings.swift`")
    }

    @Test func docCommentsAreCarriedOver() throws {
        let source = try String(contentsOf: TestPaths.exampleBindings, encoding: .utf8)
        #expect(source.contains("    /// A point in the plane.\n    public struct Point"))
        #expect(source.contains("        /// Horizontal position.\n        public var x: Swift.Int32"))
        #expect(source.contains("/// Logs `name` at `info` and returns its length in bytes.\n        public func greet(name: Swift.String)"))
    }

    @Test func resourceFunctionsAreBoundWithHandles() throws {
        let source = try SwiftBindgen.generate(witDirectory: TestPaths.repository.appending(path: "wit").path, world: "command")
        #expect(source.contains("public enum OutputStream: ComponentModel.ComponentResource"))
        #expect(source.contains("public protocol OutputStreamHost"))
        #expect(source.contains("func outputStreamWrite(outputStream: ComponentModel.BorrowedHandle<Streams.OutputStream>, contents: [Swift.UInt8]) throws"))
        #expect(source.contains("func dropOutputStream(representation: Swift.UInt32) throws"))
        // Resource `error` of interface `error` must not hide the namespace.
        #expect(source.contains("public enum ErrorType: ComponentModel.ComponentResource"))
        #expect(source.contains("func getEnvironment() throws -> [ComponentModel.TypedTuple<Swift.String, Swift.String>]"))
        #expect(!source.contains("is not generated"))
    }

    @Test func unsupportedFunctionsAreReportedInTheOutput() throws {
        let source = try SwiftBindgen.generate(
            witDirectory: TestPaths.witParserSuite.appending(path: "async.wit").path, world: nil)
        #expect(source.contains("is not generated: SwiftBindgen does not bind async functions or future, stream and error-context types yet."))
    }

    @Test func unknownWorldIsATypedError() throws {
        let (resolve, package) = try Resolve.load(path: TestPaths.example.appending(path: "wit"))
        #expect(throws: SwiftBindgenError.self) { try SwiftBindgen.world(named: "missing", in: resolve, package: package) }
        #expect(try SwiftBindgen.world(named: "test:bindgen/example", in: resolve, package: package)
            == SwiftBindgen.world(named: nil, in: resolve, package: package))
    }

    /// Runs `tool` from PATH; returns its exit status and combined output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
