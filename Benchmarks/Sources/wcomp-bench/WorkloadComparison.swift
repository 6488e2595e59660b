/// The timings of one workload on both runtimes, or why it could not be compared.
struct WorkloadComparison {
    /// The workload measured.
    var workload: Workload
    /// Median call time on wcomp, in seconds; nil when wcomp failed.
    var wcompSeconds: Double?
    /// Median call time on WasmKit, in seconds; nil when WasmKit failed.
    var wasmKitSeconds: Double?
    /// Largest relative spread (max - min) / median over the rounds, of either runtime.
    var spread: Double
    /// Wrong checksums and errors, each naming the runtime; empty when all went well.
    var problems: [String]

    /// WasmKit time / wcomp time: above 1 means wcomp is faster. Nil unless both ran correctly.
    var ratio: Double? {
        guard problems.isEmpty, let wcompSeconds, let wasmKitSeconds, wcompSeconds > 0 else { return nil }
        return wasmKitSeconds / wcompSeconds
    }

    /// Runs `workload` on both runtimes: one untimed warm-up call each (which also translates
    /// the code lazily), then `rounds` timed calls alternating wcomp, WasmKit, wcomp, WasmKit...
    /// Every result, warm-up included, is checked against the expected checksum.
    static func measure(_ workload: Workload, rounds: Int, anchor: WasmKitAnchor) -> WorkloadComparison {
        var comparison = WorkloadComparison(
            workload: workload, wcompSeconds: nil, wasmKitSeconds: nil, spread: 0, problems: [])
        var wcomp: WcompRunner?
        do {
            wcomp = try WcompRunner(workload: workload)
        } catch {
            comparison.problems.append("wcomp could not instantiate \(workload.name).wasm: \(error)")
        }
        var wcompTimes: [Double] = []
        var wasmKitTimes: [Double] = []
        for round in 0...rounds {
            let isWarmUp = round == 0
            if let runner = wcomp {
                do {
                    let measurement = try runner.run()
                    comparison.check(measurement, runtime: "wcomp")
                    if !isWarmUp { wcompTimes.append(measurement.duration.seconds) }
                } catch {
                    comparison.problems.append("wcomp failed: \(error)")
                    wcomp = nil
                }
            }
            do {
                let measurement = try anchor.run(workload)
                comparison.check(measurement, runtime: "WasmKit")
                if !isWarmUp { wasmKitTimes.append(measurement.duration.seconds) }
            } catch {
                comparison.problems.append("WasmKit failed: \(error)")
                break
            }
        }
        if wcompTimes.count == rounds { comparison.wcompSeconds = Statistics.median(wcompTimes) }
        if wasmKitTimes.count == rounds { comparison.wasmKitSeconds = Statistics.median(wasmKitTimes) }
        comparison.spread = max(relativeSpread(wcompTimes), relativeSpread(wasmKitTimes))
        return comparison
    }

    private mutating func check(_ measurement: Measurement, runtime: String) {
        guard measurement.result != workload.expectedResult else { return }
        let problem = "\(runtime) returned \(measurement.result), expected \(workload.expectedResult)"
        if !problems.contains(problem) { problems.append(problem) }
    }

    private static func relativeSpread(_ times: [Double]) -> Double {
        guard let low = times.min(), let high = times.max(), !times.isEmpty else { return 0 }
        return (high - low) / Statistics.median(times)
    }
}
