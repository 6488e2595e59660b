// wcomp-component-bench: times the component layer on wcomp and, in the same session, on
// wasmtime (through its Python package): instantiating workloads/component.wasm, and host calls
// of its exports with a string argument and result (`echo`) and with a list<u32> of 1,000
// elements (`sum`), typed and dynamic. Prints nanoseconds per operation and the ratio
// wasmtime/wcomp (above 1: wcomp is faster). Then composition (CompositionWorkload): composing
// two ~1 MB components, and a call across the composed boundary against a host call of the
// same function. Not a test: it never fails on a time.
//
// Usage: swift run -c release --omit-frame-pointers wcomp-component-bench [--rounds N] [--composition-only]
// workloads/component.wasm is built from workloads/component.wat with `wasm-tools parse`.

import ComponentModel
import Compose
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
var compositionOnly = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--composition-only" {
        compositionOnly = true
        continue
    }
    guard argument == "--rounds", let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        fail("usage: wcomp-component-bench [--rounds N] [--composition-only]")
    }
    rounds = value
}

let componentURL = benchmarksDirectory.appendingPathComponent("workloads/component.wasm")
let anchorScript = benchmarksDirectory.appendingPathComponent("anchors/wasmtime_component.py")

/// Composition of two ~1 MB components and the cost of a call across the composed boundary.
func measureComposition(rounds: Int) throws {
    func milliseconds(_ nanoseconds: Double) -> String { String(format: "%8.1f ms", nanoseconds / 1e6) }
    let workload = try CompositionWorkload()
    let composed = try workload.compose()
    print("\ncomposition: consumer \(workload.consumer.count / 1024) KiB + provider \(workload.provider.count / 1024) KiB -> \(composed.count / 1024) KiB (thread CPU time, median of \(rounds) rounds)")
    let total = try CPUTimer.nanosecondsPerOperation(count: 1, rounds: rounds) { _ = try workload.compose() }
    let inputs = try CPUTimer.nanosecondsPerOperation(count: 1, rounds: rounds) {
        _ = try InputComponent(name: "consumer", bytes: workload.consumer)
        _ = try InputComponent(name: "provider", bytes: workload.provider)
    }
    let result = try Component(decoding: composed)
    let fullValidation = try CPUTimer.nanosecondsPerOperation(count: 1, rounds: rounds) { try result.validate() }
    print("  read both inputs (decode + full validation)        " + milliseconds(inputs))
    print("  compose: read inputs, plug, validate result, encode" + milliseconds(total) + "   (target < 50 ms)")
    print("  validating the result in full instead (for scale)  " + milliseconds(fullValidation))

    let f = try workload.providerFunction()
    let run = try workload.composedRun()
    let calls = 1_000
    let host = try CPUTimer.nanosecondsPerOperation(count: 20_000, rounds: rounds) { _ = try f.invoke(UInt32(1), returning: UInt32.self) }
    let loop = try CPUTimer.nanosecondsPerOperation(count: 200, rounds: rounds) { _ = try run.invoke(UInt32(calls), returning: UInt32.self) }
    let empty = try CPUTimer.nanosecondsPerOperation(count: 20_000, rounds: rounds) { _ = try run.invoke(UInt32(0), returning: UInt32.self) }
    let crossing = (loop - empty) / Double(calls)
    print("\ncall of provider f(u32) -> u32, typed:")
    print("  host -> provider f                                  " + String(format: "%8.0f ns", host))
    print("  consumer -> provider f across the composed boundary " + String(format: "%8.0f ns", crossing)
          + String(format: "   ratio %.2f (target < 2)", crossing / host))
}

do {
    if compositionOnly {
        try measureComposition(rounds: rounds)
        exit(0)
    }
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
    try measureComposition(rounds: rounds)
} catch {
    fail("\(error)")
}
