import Foundation
import Testing
import WIT
@testable import SwiftBindgen

/// Generates bindings for the project's worlds and every wit-parser success case and
/// type-checks them against this build's ComponentModel and WasmRuntime modules with
/// `swiftc -typecheck` (about half a second each).
@Suite struct GenerationTests {
    /// Worlds whose generated bindings must compile besides the wit-parser cases: the
    /// project's WASI worlds, the end-to-end example and the naming and resource fixtures.
    static let compiledWorlds: [(path: URL, world: String)] = [
        (TestPaths.repository.appending(path: "wit"), "command"),
        (TestPaths.repository.appending(path: "wit"), "host-imports"),
        (TestPaths.repository.appending(path: "wit"), "proxy"),
        (TestPaths.example.appending(path: "wit"), "example"),
        (TestPaths.testsDirectory.appending(path: "Fixtures/naming"), "names"),
        (TestPaths.testsDirectory.appending(path: "Fixtures/world-resource"), "resources"),
    ]

    @Test(arguments: 0 ..< compiledWorlds.count)
    func generatedBindingsCompile(index: Int) throws {
        let (path, worldName) = Self.compiledWorlds[index]
        let (resolve, package) = try Resolve.load(path: path)
        let source = SwiftBindgen(resolve: resolve).generate(world: try SwiftBindgen.world(named: worldName, in: resolve, package: package))
        let output = try Self.typecheck(source)
        #expect(output == nil, "bindings of world `\(worldName)` in \(path.lastPathComponent) do not compile:\n\(output ?? "")")
    }

    /// The wit-parser success cases this implementation reads (not those needing a `.wat` parser).
    static func witParserCases() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: TestPaths.witParserSuite.path).sorted().filter { name in
            name != "parse-fail" && name != "kinds-of-deps" && !name.hasSuffix(".json") && !name.hasSuffix(".wat")
        }
    }

    /// The worlds to bind for one wit-parser case: every world of its main package, plus one
    /// world importing and one exporting all of the package's interfaces, so that cases
    /// declaring only interfaces (async functions, streams, futures, error contexts) are bound
    /// too. Returns each world's bindings, named for messages.
    static func witParserBindings(_ name: String) throws -> [(name: String, source: String)] {
        let (resolve, package) = try Resolve.load(path: TestPaths.witParserSuite.appending(path: name), features: ["active"])
        var bindings = resolve[package: package].worlds.values.map { id in
            ("\(name) world \(resolve[world: id].name)", SwiftBindgen(resolve: resolve).generate(world: id))
        }
        let interfaces = resolve[package: package].interfaces.keys
        guard !interfaces.isEmpty else { return bindings }
        var printed = WITPrinter.print(resolve, main: package)
        let header = try #require(printed.firstIndex(of: "\n"))
        let imports = interfaces.map { "import %\($0);" }.joined(separator: " ")
        let exports = interfaces.map { "export %\($0);" }.joined(separator: " ")
        printed.insert(contentsOf: "\nworld bindgen-imports { \(imports) }\nworld bindgen-exports { \(exports) }\n", at: printed.index(after: header))
        let (extended, main) = try Resolve.parse(source: printed, path: name, features: ["active"])
        for world in ["bindgen-imports", "bindgen-exports"] {
            let id = try SwiftBindgen.world(named: world, in: extended, package: main)
            bindings.append(("\(name) all interfaces as \(world)", SwiftBindgen(resolve: extended).generate(world: id)))
        }
        return bindings
    }

    /// The issue's must-show: the bindings of every wit-parser success case type-check.
    @Test func everyWitParserCaseTypeChecks() async throws {
        var all: [(name: String, source: String)] = []
        let cases = try Self.witParserCases()
        for name in cases { all += try Self.witParserBindings(name) }
        #expect(cases.count == 72)
        #expect(all.count > 120)
        let failures = try await withThrowingTaskGroup(of: String?.self) { group in
            var next = 0
            var failures: [String] = []
            // Two compilers at a time.
            for _ in 0 ..< 2 where next < all.count {
                let (name, source) = all[next]
                group.addTask { try Self.typecheck(source).map { "\(name):\n\($0)" } }
                next += 1
            }
            while let result = try await group.next() {
                if let result { failures.append(result) }
                if next < all.count {
                    let (name, source) = all[next]
                    group.addTask { try Self.typecheck(source).map { "\(name):\n\($0)" } }
                    next += 1
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.count) of \(all.count) bindings do not compile:\n\(failures.joined(separator: "\n"))")
        print("bindgen: \(all.count - failures.count) of \(all.count) bindings of \(cases.count) wit-parser cases type-check without warnings")
    }

    /// Type-checks `source` against this build's modules; returns the compiler's output when
    /// it fails or warns, nil when it compiles cleanly.
    static func typecheck(_ source: String) throws -> String? {
        let modules = try #require(TestPaths.modulesDirectory, "no Modules directory next to the test binary")
        let file = FileManager.default.temporaryDirectory.appending(path: "bindgen-\(UUID().uuidString).swift")
        try Data(source.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let includes = TestPaths.clangModuleDirectories.flatMap { ["-I", $0.path] }
        let (status, output) = try run("swiftc", ["-typecheck", "-swift-version", "6", "-I", modules.path] + includes + [file.path])
        return status == 0 && !output.contains("warning:") ? nil : output
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

    @Test func importedResourcesAreBoundAsHostObjects() throws {
        let source = try SwiftBindgen.generate(witDirectory: TestPaths.repository.appending(path: "wit").path, world: "command")
        #expect(source.contains("public enum OutputStream: ComponentModel.ComponentResource"))
        #expect(source.contains("public protocol OutputStreamObject {"))
        #expect(source.contains("        func write(contents: [Swift.UInt8]) throws -> "))
        #expect(source.contains("func getStdout() throws -> any Streams.OutputStreamObject"))
        #expect(source.contains("try objects0.release(representation: representation)"))
        #expect(!source.contains("representation: Swift.UInt32"))
        // Resource `error` of interface `error` must not hide the namespace.
        #expect(source.contains("public enum ErrorType: ComponentModel.ComponentResource"))
        #expect(source.contains("func getEnvironment() throws -> [ComponentModel.TypedTuple<Swift.String, Swift.String>]"))
        #expect(!source.contains("is not generated"))
    }

    @Test func asyncFunctionsFuturesStreamsAndErrorContextsAreBound() throws {
        let asyncSource = try SwiftBindgen.generate(witDirectory: TestPaths.witParserSuite.appending(path: "async.wit").path, world: nil)
        #expect(asyncSource.contains("WIT `async func`. The runtime does not implement the async ABI yet"))
        #expect(asyncSource.contains("func x() throws"))
        let streams = try Self.witParserBindings("streams-and-futures.wit").map(\.source).joined()
        #expect(streams.contains("public typealias T1 = ComponentModel.ComponentStream<Swift.UInt8>"))
        #expect(streams.contains("public typealias T3 = ComponentModel.ComponentFuture<ComponentModel.NoPayload>"))
        #expect(streams.contains("func foo(x: ComponentModel.ComponentStream<Swift.UInt32>, y: StreamsAndFutures.T6) throws -> ComponentModel.ComponentFuture<ComponentModel.TypedResult<[Swift.String], Swift.String>>"))
        let errors = try Self.witParserBindings("error-context.wit").map(\.source).joined()
        #expect(errors.contains("public typealias T1 = ComponentModel.ComponentErrorContext"))
        let types = try Self.witParserBindings("types.wit").map(\.source).joined()
        #expect(types.contains("public typealias T51b = ComponentModel.FixedLengthList<2, ComponentModel.FixedLengthList<4, Swift.UInt32>>"))
        #expect(!(asyncSource + streams + errors + types).contains("is not generated"))
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
