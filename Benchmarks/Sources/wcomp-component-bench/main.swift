// wcomp-component-bench: times the component layer on wcomp and, in the same session, on
// wasmtime (through its Python package): instantiating workloads/component.wasm, and host calls
// of its exports with a string argument and result (`echo`) and with a list<u32> of 1,000
// elements (`sum`), typed and dynamic. Prints nanoseconds per operation and the ratio
// wasmtime/wcomp (above 1: wcomp is faster). Not a test: it never fails on a time.
//
// Usage: swift run -c release wcomp-component-bench [--rounds N]
// workloads/component.wasm is built from workloads/component.wat with `wasm-tools parse`.

import Foundation

let benchmarksDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // wcomp-component-bench
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()  // Benchmarks

/// Prints `message` to stderr and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("wcomp-component-bench: \(message)\n".utf8))
    exit(1)
}

var rounds = 7
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard argument == "--rounds", let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        fail("usage: wcomp-component-bench [--rounds N]")
    }
    rounds = value
}

let componentURL = benchmarksDirectory.appendingPathComponent("workloads/component.wasm")
let anchorScript = benchmarksDirectory.appendingPathComponent("anchors/wasmtime_component.py")

do {
    let bytes = [UInt8](try Data(contentsOf: componentURL))
    let operations = try ComponentOperations(bytes: bytes)
    func time(_ count: Int, _ body: () throws -> Void) throws -> Double {
        try CPUTimer.nanosecondsPerOperation(count: count, rounds: rounds, body)
    }
    let wcomp: [(name: String, anchor: String, nanoseconds: Double)] = [
        ("instantiate", "instantiate", try time(200, operations.instantiate)),
        ("nop typed", "nop", try time(20_000, operations.nopTyped)),
        ("nop dynamic", "nop", try time(20_000, operations.nopDynamic)),
        ("echo(string) typed", "echo", try time(20_000, operations.echoTyped)),
        ("echo(string) dynamic", "echo", try time(20_000, operations.echoDynamic)),
        ("sum(list<u32> x1000) typed", "sum", try time(2_000, operations.sumTyped)),
        ("sum(list<u32> x1000) dynamic", "sum", try time(2_000, operations.sumDynamic)),
    ]
    let wasmtime = try WasmtimeComponentAnchor.measure(script: anchorScript, component: componentURL, rounds: rounds)

    func nanoseconds(_ value: Double) -> String { String(format: "%12.0f ns", value) }
    func padded(_ name: String) -> String { name + String(repeating: " ", count: max(0, 30 - name.count)) }
    print("wcomp vs wasmtime (python package), thread CPU time, median of \(rounds) rounds")
    print(padded("operation") + "         wcomp        wasmtime  wasmtime/wcomp")
    for row in wcomp {
        guard let anchor = wasmtime[row.anchor] else { fail("the wasmtime anchor did not report \(row.anchor)") }
        print(padded(row.name) + nanoseconds(row.nanoseconds) + nanoseconds(anchor)
              + String(format: "  %14.2f", anchor / row.nanoseconds))
    }
    print("\nper-call cost beyond a nop call (removes the Python wrapper's fixed cost on the wasmtime side):")
    let wcompNop = wcomp[1].nanoseconds, wasmtimeNop = wasmtime["nop"] ?? 0
    for row in wcomp where row.anchor == "echo" || row.anchor == "sum" {
        let mine = row.nanoseconds - wcompNop, theirs = (wasmtime[row.anchor] ?? 0) - wasmtimeNop
        print(padded(row.name) + nanoseconds(mine) + nanoseconds(theirs) + String(format: "  %14.2f", theirs / mine))
    }
} catch {
    fail("\(error)")
}
