import Foundation
import Testing
@testable import WIT

struct DirectoryTests {
    @Test func resolvesDependenciesFromDepsFoldersAndFiles() throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestPaths.write([
            "main.wit": "package app:main;\nworld w { import dep:a/x; import dep:b/y@2.0.0; }\n",
            "deps/a/x.wit": "package dep:a;\ninterface x { use dep:b/y@2.0.0.{t}; }\n",
            "deps/b.wit": "package dep:b@2.0.0;\ninterface y { type t = string; }\n",
            "deps/notes.txt": "ignored",
        ], under: root)
        let (resolve, main) = try Resolve.load(directory: root)
        // Dependencies come first, in dependency order.
        #expect(resolve.packages.map(\.name.description) == ["dep:b@2.0.0", "dep:a", "app:main"])
        #expect(resolve[package: main].worlds.keys == ["w"])
        #expect(resolve.worlds[0].imports.keys == [.interface(InterfaceID(0)), .interface(InterfaceID(1))])
    }

    @Test func unreadableDirectoriesSayWhy() throws {
        let missing = "/nonexistent-wcomp-test/wit"
        do {
            _ = try Resolve.load(directory: URL(fileURLWithPath: missing))
            Issue.record("expected an error for a missing directory")
        } catch {
            #expect(error.message == "failed to read directory \"\(missing)\": no such file or directory")
        }
    }

    @Test func fileErrorsAreDescribedByTheirPOSIXCause() {
        #expect(describeFileError(POSIXError(.EACCES)) == "permission denied")
        #expect(describeFileError(CocoaError(.fileReadNoSuchFile, userInfo: [NSUnderlyingErrorKey: POSIXError(.ENOENT)]))
                == "no such file or directory")
        struct Other: Error {}
        #expect(describeFileError(Other()) == "Other()")
    }

    @Test func packageCyclesAreReported() throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestPaths.write([
            "main.wit": "package app:main;\ninterface m { use dep:a/x.{t}; }\n",
            "deps/a.wit": "package dep:a;\ninterface x { use dep:b/y.{t}; type s = u8; }\n",
            "deps/b.wit": "package dep:b;\ninterface y { use dep:a/x.{s}; type t = u8; }\n",
        ], under: root)
        do {
            _ = try Resolve.load(directory: root)
            Issue.record("expected a cycle error")
        } catch {
            #expect(error.message.hasSuffix("creates a dependency cycle"))
            #expect(error.location?.path.hasSuffix("deps/a.wit") == true || error.location?.path.hasSuffix("deps/b.wit") == true)
            #expect(error.context.first?.hasPrefix("failed to resolve directory while parsing WIT for path") == true)
        }
    }

    @Test func duplicatePackagesListBothLocations() throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestPaths.write([
            "main.wit": "package app:main;\n",
            "deps/one.wit": "package dep:a;\n",
            "deps/two.wit": "package dep:a;\n",
        ], under: root)
        do {
            _ = try Resolve.load(directory: root)
            Issue.record("expected a duplicate package error")
        } catch {
            #expect(error.description.contains("package `dep:a` is defined in two different locations:"))
            #expect(error.description.contains("deps/one.wit:1:9"))
            #expect(error.description.contains("deps/two.wit:1:9"))
        }
    }
}
