import Foundation
import WasmCore
import WasmRuntime

/// Why wcomp could not run a workload.
struct WcompRunnerError: Error, CustomStringConvertible {
    var description: String
}

/// Runs one workload on wcomp in this process. Decoding, validation and instantiation happen
/// in `init`; `run()` times only the call.
struct WcompRunner {
    private let store: Store
    private let function: Function
    private let argument: UInt32

    /// Decodes, validates and instantiates `workload`'s module on a fresh store.
    init(workload: Workload) throws {
        let bytes = try [UInt8](Data(contentsOf: workload.file))
        let module = try Module(decoding: bytes)
        try module.validate()
        store = Store()
        let instance = try store.instantiate(module: module, name: workload.name)
        guard let function = instance.function("run") else {
            throw WcompRunnerError(description: "\(workload.name).wasm exports no function 'run'")
        }
        self.function = function
        argument = workload.argument
    }

    /// Calls `run(argument)` once; returns the result as `i32:<u32>` and the call's duration
    /// (thread CPU time).
    func run() throws -> Measurement {
        let arguments: [Value] = [.i32(argument)]
        let start = threadCPUTime()
        let results = try function.call(arguments)
        let elapsed = threadCPUTime() - start
        guard results.count == 1, case .i32(let checksum) = results[0] else {
            throw WcompRunnerError(description: "expected one i32 result, got \(results)")
        }
        return Measurement(result: "i32:\(checksum)", duration: elapsed)
    }
}

/// CPU time the calling thread has used. Calls are timed with it rather than with a wall
/// clock so that other processes on a busy machine do not count against either runtime.
func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}
