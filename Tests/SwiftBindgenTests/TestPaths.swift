import Foundation

/// Paths the SwiftBindgen tests read: fixtures in the repository and the compiled modules
/// of the build that runs the tests.
enum TestPaths {
    /// `Tests/SwiftBindgenTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root.
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// The end-to-end example: `wit/`, `example.wat` and `example.wasm`.
    static let example = testsDirectory.appending(path: "Fixtures/example")
    /// The committed bindings of the example world.
    static let exampleBindings = testsDirectory.appending(path: "Generated/ExampleBindings.swift")
    /// The wit-parser test cases shared by the project.
    static let witParserSuite = URL(fileURLWithPath: "/work/shared/testsuite/wit-parser")

    /// The `include` directories of the package's C targets (`Sources/*/include` with a
    /// `module.modulemap`), which the Swift modules that import them need at compile time.
    static var clangModuleDirectories: [URL] {
        let sources = repository.appending(path: "Sources")
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
        return targets.sorted().map { sources.appending(path: "\($0)/include") }.filter {
            FileManager.default.fileExists(atPath: $0.appending(path: "module.modulemap").path)
        }
    }

    /// The directory holding the `.swiftmodule`s of the build running the tests (the test
    /// binary lives in the build's products directory, next to `Modules/`).
    static var modulesDirectory: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0 ..< 4 {
            let candidate = directory.appending(path: "Modules")
            if FileManager.default.fileExists(atPath: candidate.appending(path: "ComponentModel.swiftmodule").path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}
