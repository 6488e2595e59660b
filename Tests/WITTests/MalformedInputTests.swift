import Foundation
import Testing
@testable import WIT

/// Bad WIT never crashes: every wit-parser input (success and failure cases, files inside
/// case directories too) is truncated and mutated many times, deterministically, and each
/// variant must either resolve or fail with an error located at file:line:column in it.
struct MalformedInputTests {
    /// Every `.wit` file of the wit-parser suite.
    static func inputs() -> [URL] {
        let root = TestPaths.testsuite.appendingPathComponent("wit-parser")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "wit" }.sorted { $0.path < $1.path }
    }

    /// Truncation points per input.
    static let truncations = 12
    /// Random edits per input.
    static let mutations = 36

    /// Fragments inserted by mutations: punctuation, keywords, gates and awkward characters.
    static let fragments: [String] = [
        "{", "}", "<", ">", "(", ")", ";", ":", ",", "@", "%", "/", ".", "=", "->", "_", "-", "*", "\"",
        "package", "interface", "world", "use", "type", "resource", "func", "async", "static", "constructor",
        "include", "with", "as", "import", "export", "own", "borrow", "list<", "option<", "result<_, ", "tuple<",
        "future", "stream", "error-context", "record", "variant", "enum", "flags", "map<",
        "@since(version = 1.0.0)", "@unstable(feature = x)", "@deprecated(version = 0.1.0)",
        "a:b", "a:b/c@1.0.0", "%self", "0", "4294967296", "\u{0}", "\t", "\n", "é", "\u{202E}",
        "//", "/*", "*/", "///", "x-", "-x", "X",
    ]

    /// A deterministic pseudo-random sequence (SplitMix64).
    struct SplitMix {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
        }
    }

    /// The variants of one input: prefixes, then single random edits of the bytes.
    static func variants(of bytes: [UInt8], seed: UInt64) -> [[UInt8]] {
        var random = SplitMix(state: seed)
        var result: [[UInt8]] = []
        for step in 1 ... truncations { result.append(Array(bytes.prefix(bytes.count * step / (truncations + 1)))) }
        for _ in 0 ..< mutations {
            var edited = bytes
            let position = random.next(below: edited.count + 1)
            switch random.next(below: 5) {
            case 0:  // delete a few bytes
                edited.removeSubrange(position ..< min(edited.count, position + 1 + random.next(below: 4)))
            case 1:  // insert a fragment
                edited.insert(contentsOf: Array(fragments[random.next(below: fragments.count)].utf8), at: position)
            case 2:  // replace one byte with a fragment
                if position < edited.count { edited.remove(at: position) }
                edited.insert(contentsOf: Array(fragments[random.next(below: fragments.count)].utf8), at: min(position, edited.count))
            case 3:  // duplicate a slice elsewhere
                let end = min(edited.count, position + random.next(below: 40))
                edited.insert(contentsOf: edited[position ..< end], at: random.next(below: edited.count + 1))
            default:  // flip bits of one byte (may break UTF-8)
                if position < edited.count { edited[position] ^= UInt8(1 << random.next(below: 8)) }
            }
            result.append(edited)
        }
        return result
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestPaths.testsuite.path)))
    func truncatedAndMutatedInputsResolveOrFailWithALocation() throws {
        let inputs = Self.inputs()
        #expect(inputs.count > 250)
        var resolved = 0
        var located = 0
        var unlocated: [String: String] = [:]
        for (index, url) in inputs.enumerated() {
            let bytes = Array(try Data(contentsOf: url))
            for variant in Self.variants(of: bytes, seed: UInt64(index)) {
                let path = url.lastPathComponent
                do {
                    _ = try Resolve.parse(source: String(decoding: variant, as: UTF8.self), path: path, features: ["active"])
                    resolved += 1
                } catch {
                    if let location = error.location, location.path == path, location.line >= 1, location.column >= 1,
                       error.description.contains("\(path):\(location.line):\(location.column)") {
                        located += 1
                    } else {
                        unlocated[error.message] = String(decoding: variant, as: UTF8.self)
                    }
                }
            }
        }
        let total = inputs.count * (Self.truncations + Self.mutations)
        print("malformed WIT: \(inputs.count) inputs, \(total) variants: \(resolved) resolved, \(located) errors with file:line:column, \(unlocated.count) messages without")
        #expect(resolved + located == total)
        #expect(unlocated.isEmpty, "errors without a location: \(unlocated.keys.sorted())")
    }

    /// The directory cases (a package of several files, `deps/`): a copy with one file
    /// mutated is loaded as a directory, so the damage meets the resolver across files and
    /// packages. Every outcome is a resolution or an error located in one of its files.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestPaths.testsuite.path)))
    func mutatedFilesInsideDirectoryCasesResolveOrFailWithALocation() throws {
        let root = TestPaths.testsuite.appendingPathComponent("wit-parser")
        let fileManager = FileManager.default
        let directories = [root, root.appendingPathComponent("parse-fail")].flatMap { parent in
            ((try? fileManager.contentsOfDirectory(at: parent, includingPropertiesForKeys: nil)) ?? []).filter {
                // kinds-of-deps has a component dependency, which only WITComponent decodes.
                !["parse-fail", "kinds-of-deps"].contains($0.lastPathComponent)
                    && (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
            }
        }.sorted { $0.path < $1.path }
        #expect(directories.count > 30)
        let scratch = try TestPaths.temporaryDirectory()
        defer { try? fileManager.removeItem(at: scratch) }
        var variants = 0
        var unlocated: [String] = []
        for (index, directory) in directories.enumerated() {
            let copy = scratch.appendingPathComponent("case\(index)")
            try fileManager.copyItem(at: directory, to: copy)
            let files = (fileManager.enumerator(at: copy, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
                .filter { $0.pathExtension == "wit" }.sorted { $0.path < $1.path }
            for (fileIndex, file) in files.enumerated() {
                let original = Array(try Data(contentsOf: file))
                for variant in Self.variants(of: original, seed: UInt64(index * 1000 + fileIndex)).prefix(12) {
                    try Data(variant).write(to: file)
                    variants += 1
                    do {
                        _ = try Resolve.load(path: copy, features: ["active"])
                    } catch {
                        let path = error.location?.path ?? ""
                        if !(path.hasPrefix(copy.path) && error.description.contains("\(path):\(error.location!.line):")) {
                            unlocated.append("\(directory.lastPathComponent): \(error.firstLine)")
                        }
                    }
                }
                try Data(original).write(to: file)
            }
        }
        print("malformed WIT directories: \(directories.count) cases, \(variants) variants, \(unlocated.count) errors without a location")
        #expect(unlocated.isEmpty, "\(unlocated)")
    }
}
