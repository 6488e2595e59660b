import Foundation

/// Runs `anchors/wasmtime_component.py` (the `wasmtime` Python package) on the same component
/// and reads its nanoseconds per operation: `instantiate`, `nop`, `echo`, `sum`.
enum WasmtimeComponentAnchor {
    static func measure(script: URL, component: URL, rounds: Int) throws -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, component.path, String(rounds)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("the wasmtime anchor exited with status \(process.terminationStatus)")
        }
        var figures: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let nanoseconds = Double(fields[1]) else {
                throw BenchmarkError("the wasmtime anchor printed an unreadable line: \(line)")
            }
            figures[String(fields[0])] = nanoseconds
        }
        return figures
    }
}
