import ComponentModel
import Foundation
import Testing
import WIT
import WITComponent

/// Decodes WIT packages encoded as components (ours and wasm-tools') and checks the resolution
/// against `wasm-tools component wit --json` of the same binary.
@Suite struct PackageDecodingTests {
    /// Our JSON of `bytes` decoded by us, or the error.
    static func ourJSON(_ bytes: [UInt8]) -> Result<String, WITDecodingError> {
        Result { () throws(WITDecodingError) in ResolveJSON.text(try WITComponentDecoder.decode(bytes).resolve) }
    }

    /// wasm-tools' JSON of the binary at `path`, without trailing newlines.
    static func referenceJSON(_ path: String) throws -> String? {
        try PackageEncodingTests.wasmTools(["component", "wit", "--json", path]).map { String($0.reversed().drop(while: \.isNewline).reversed()) }
    }

    /// Every wit-parser success case our encoder handles, encoded by us and by wasm-tools
    /// (which adds the `package-docs` section): decoding either binary gives exactly the JSON
    /// wasm-tools gives for it, docs and stability included.
    @Test func successCasesDecodeLikeWasmTools() throws {
        let cases = PackageEncodingTests.successCases()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("witdec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var failures: [String] = []
        var ours = 0
        var theirs = 0
        var encoded = 0
        for source in cases {
            var resolve = Resolve(features: ["active"])
            // Cases with empty records cannot be encoded (the binary format forbids them).
            guard let main = try? resolve.push(path: source.path),
                  let component = try? WITComponentEncoder.package(main, in: resolve),
                  (try? component.validate()) != nil else { continue }
            encoded += 1
            let name = source.lastPathComponent
            let ourFile = directory.appendingPathComponent(name + ".wasm")
            let bytes = component.encoded()
            try Data(bytes).write(to: ourFile)
            switch Self.ourJSON(bytes) {
            case .success(let json) where try json == Self.referenceJSON(ourFile.path): ours += 1
            case .success: failures.append("\(name) (our encoding): different resolution")
            case .failure(let error): failures.append("\(name) (our encoding): \(error)")
            }
            let reference = directory.appendingPathComponent(name + ".reference.wasm")
            guard try PackageEncodingTests.wasmTools(["component", "wit", "--features", "active", "--wasm", "-o", reference.path, source.path]) != nil else { continue }
            switch Self.ourJSON([UInt8](try Data(contentsOf: reference))) {
            case .success(let json) where try json == Self.referenceJSON(reference.path): theirs += 1
            case .success: failures.append("\(name) (wasm-tools' encoding): different resolution")
            case .failure(let error): failures.append("\(name) (wasm-tools' encoding): \(error)")
            }
        }
        print("WIT package decoding: \(ours)/\(encoded) of our encodings and \(theirs)/\(encoded) of wasm-tools' decode to wasm-tools' JSON")
        for failure in failures { print("  \(failure)") }
        #expect(encoded > 60)
        #expect(failures.isEmpty)
    }

    /// A WIT directory whose `deps/` holds a `.wasm` package resolves like the same directory
    /// with the dependency as `.wit`.
    @Test func directoryWithBinaryDependency() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("witdeps-\(UUID().uuidString)")
        let deps = directory.appendingPathComponent("deps")
        try FileManager.default.createDirectory(at: deps, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "package a:main;\nworld w {\n  import b:dep/types;\n  export b:dep/run;\n}\n"
            .write(to: directory.appendingPathComponent("main.wit"), atomically: true, encoding: .utf8)
        let dependency = "package b:dep;\ninterface types {\n  record point { x: u32, y: u32 }\n  resource blob { size: func() -> u64; }\n}\ninterface run {\n  use types.{point, blob};\n  go: func(p: point, b: borrow<blob>) -> list<point>;\n}\n"
        var dependencyResolve = Resolve()
        let dependencyID = try dependencyResolve.pushSource(dependency, path: "dep.wit")
        let bytes = try WITComponentEncoder.package(dependencyID, in: dependencyResolve).encoded()
        try Data(bytes).write(to: deps.appendingPathComponent("dep.wasm"))

        var fromBinary = Resolve()
        fromBinary.binaryDecoder = WITBinaryPackageDecoder()
        let main = try fromBinary.push(path: directory.path)
        #expect(fromBinary[package: main].name.description == "a:main")

        try FileManager.default.removeItem(at: deps.appendingPathComponent("dep.wasm"))
        try dependency.write(to: deps.appendingPathComponent("dep.wit"), atomically: true, encoding: .utf8)
        var fromText = Resolve()
        _ = try fromText.push(path: directory.path)
        #expect(WITPrinter.print(fromBinary, main: main) == WITPrinter.print(fromText, main: main))
    }

    /// Without a decoder, or given a component that is not a package, the loader says why.
    @Test func binaryInputErrors() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("witbin-\(UUID().uuidString).wasm")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Component(sections: []).encoded()).write(to: file)
        var plain = Resolve()
        #expect(throws: WITError.self) { _ = try plain.push(path: file.path) }
        var resolve = Resolve()
        resolve.binaryDecoder = WITBinaryPackageDecoder()
        do {
            _ = try resolve.push(path: file.path)
            Issue.record("an empty component is not a WIT package")
        } catch {
            #expect(error.description.contains(file.path))
        }
        #expect(throws: WITDecodingError.self) { _ = try WITComponentDecoder.decode([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) }
    }
}
