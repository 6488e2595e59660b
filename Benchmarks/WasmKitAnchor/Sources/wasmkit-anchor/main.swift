// wasmkit-anchor: runs benchmark workloads on WasmKit on behalf of `wcomp-bench`.
//
// Protocol, one request and one reply per line:
//   request:  <export-name> <i32-argument> <path-to-wasm>   (the path last: it may contain spaces)
//   reply:    ok <result> <nanoseconds of thread CPU time>      result as `i32:<u32>`, `i64:<u64>`, `f32:<bits>`, `f64:<bits>`
//             error <message>
// The module is parsed and instantiated once per path, outside the timed region; only the
// call itself is timed. End of input ends the process.

import Foundation
import WasmKit

/// An instantiated workload module, kept alive across requests.
struct LoadedWorkload {
    let store: Store
    let instance: Instance
}

/// The failures a request can produce, reported back as `error <message>`.
enum AnchorError: Error, CustomStringConvertible {
    case malformedRequest(String)
    case missingExport(String)
    case unsupportedResult(String)

    var description: String {
        switch self {
        case .malformedRequest(let line): "malformed request '\(line)'"
        case .missingExport(let name): "no exported function named '\(name)'"
        case .unsupportedResult(let results): "expected one numeric result, got \(results)"
        }
    }
}

/// Serves run requests, caching one instance per module path.
final class Anchor {
    private let engine = Engine()
    private var loaded: [String: LoadedWorkload] = [:]

    /// Handles one request line and returns the reply line.
    func reply(to line: String) -> String {
        do {
            return try run(line)
        } catch {
            let message = "\(error)".replacingOccurrences(of: "\n", with: " ")
            return "error \(message)"
        }
    }

    private func run(_ line: String) throws -> String {
        let fields = line.split(separator: " ", maxSplits: 2)
        guard fields.count == 3, let argument = UInt32(fields[1]) else {
            throw AnchorError.malformedRequest(line)
        }
        let exportName = String(fields[0])
        let workload = try load(path: String(fields[2]))
        guard case .function(let function) = workload.instance.export(exportName) else {
            throw AnchorError.missingExport(exportName)
        }
        let arguments: [Value] = [.i32(argument)]
        let start = threadCPUTime()
        let results = try function.invoke(arguments)
        let elapsed = threadCPUTime() - start
        guard results.count == 1, let rendered = render(results[0]) else {
            throw AnchorError.unsupportedResult("\(results)")
        }
        let nanoseconds = elapsed.components.seconds * 1_000_000_000
            + elapsed.components.attoseconds / 1_000_000_000
        return "ok \(rendered) \(nanoseconds)"
    }

    private func load(path: String) throws -> LoadedWorkload {
        if let workload = loaded[path] { return workload }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let module = try parseWasm(bytes: bytes)
        let store = Store(engine: engine)
        let instance = try module.instantiate(store: store)
        let workload = LoadedWorkload(store: store, instance: instance)
        loaded[path] = workload
        return workload
    }

    private func render(_ value: Value) -> String? {
        switch value {
        case .i32(let bits): "i32:\(bits)"
        case .i64(let bits): "i64:\(bits)"
        case .f32(let bits): "f32:\(bits)"
        case .f64(let bits): "f64:\(bits)"
        default: nil
        }
    }
}

// Replies are written unbuffered: the parent waits for each one before sending the next request.
let anchor = Anchor()
while let line = readLine() {
    FileHandle.standardOutput.write(Data((anchor.reply(to: line) + "\n").utf8))
}

/// CPU time the calling thread has used. Calls are timed with it rather than with a wall
/// clock so that other processes on a busy machine do not count against either runtime.
func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}
