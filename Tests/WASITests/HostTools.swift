import Foundation

/// Host programs the differential tests run: the `wcomp` CLI built next to the test bundle,
/// and tools found on PATH (wasmtime, componentize-py).
enum HostTools {
    /// What a finished program left.
    struct Output: Equatable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The full path of `name` on PATH, nil when it is not installed.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The `wcomp` executable `swift test` built along with the tests, nil when there is none.
    static let wcomp: String? = {
        let candidates = [CommandLine.arguments.first, Bundle.main.executablePath].compactMap { $0 }.map {
            URL(fileURLWithPath: $0).deletingLastPathComponent()
        }
        return candidates.flatMap { [$0, $0.deletingLastPathComponent()] }
            .map { $0.appendingPathComponent("wcomp").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `executable` to completion with `arguments` in `directory`, `stdin` as its input;
    /// its outputs go through files, so a chatty program cannot block on a full pipe.
    static func run(_ executable: String, _ arguments: [String], stdin: String = "", in directory: String? = nil) throws -> Output {
        let scratch = try TemporaryDirectory()
        try scratch.write(stdin, to: "stdin")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = try FileHandle(forReadingFrom: scratch.url.appendingPathComponent("stdin"))
        try scratch.write("", to: "stdout")
        try scratch.write("", to: "stderr")
        process.standardOutput = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("stderr"))
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: try scratch.read("stdout"), stderr: try scratch.read("stderr"))
    }

    /// Starts `executable` in the background, its stderr going to `log`; the caller terminates it.
    static func start(_ executable: String, _ arguments: [String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try Data().write(to: URL(fileURLWithPath: log))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// The Python apps in Python/ built into WASI 0.2 components by Python/build.sh
/// (componentize-py), once per content of the app and the WIT, cached in the temporary directory.
enum PythonComponents {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Python")

    /// Whether componentize-py, wasmtime and the built wcomp CLI are all there.
    static var canRunDifferential: Bool {
        HostTools.onPath("componentize-py") != nil && HostTools.onPath("wasmtime") != nil && HostTools.wcomp != nil
    }

    private static let lock = NSLock()

    /// The path of the component built from Python/`app`/app.py (`command` or `proxy`).
    static func component(_ app: String) throws -> String {
        try lock.withLock {
            let witDirectory = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("wit")
            var inputs = try Data(contentsOf: directory.appendingPathComponent("\(app)/app.py"))
            inputs += try Data(contentsOf: directory.appendingPathComponent("build.sh"))
            for package in try FileManager.default.subpathsOfDirectory(atPath: witDirectory.path).sorted() where package.hasSuffix(".wit") {
                inputs += try Data(contentsOf: witDirectory.appendingPathComponent(package))
            }
            let cache = FileManager.default.temporaryDirectory.appendingPathComponent("wcomp-python-components")
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            let output = cache.appendingPathComponent("\(app)-\(fingerprint(inputs)).wasm").path
            if FileManager.default.fileExists(atPath: output) { return output }
            let partial = output + ".partial"
            let build = try HostTools.run("/bin/sh", [directory.appendingPathComponent("build.sh").path, app, partial])
            guard build.status == 0 else { throw BuildFailure(app: app, output: build.stderr + build.stdout) }
            try FileManager.default.moveItem(atPath: partial, toPath: output)
            return output
        }
    }

    struct BuildFailure: Error, CustomStringConvertible {
        let app: String
        let output: String
        var description: String { "building the Python \(app) app failed: \(output)" }
    }

    /// A 64-bit FNV-1a hash of `data`, in hex (a cache key, not a security measure).
    private static func fingerprint(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
