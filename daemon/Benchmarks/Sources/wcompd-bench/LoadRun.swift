/// Concurrent clients calling one RPC in loops for a fixed time: the calls completed per
/// second and the distribution of their latencies.
struct LoadRun: Sendable {
    /// Calls started in the measured window and completed.
    let calls: Int
    /// Length of the measured window in seconds.
    let seconds: Double
    /// Latency of every measured call in microseconds, ascending.
    let latencies: [Double]

    /// Calls completed per second.
    var callsPerSecond: Double { Double(calls) / seconds }

    /// The latency below which `fraction` of the calls completed (nearest rank), in microseconds.
    func percentile(_ fraction: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let rank = Int((fraction * Double(latencies.count)).rounded(.up)) - 1
        return latencies[min(max(rank, 0), latencies.count - 1)]
    }

    /// Runs `clients` loops of `call` at once: `warmup` unmeasured, then `duration` measured.
    /// The first failing call ends the run with its error.
    static func measure(clients: Int, warmup: Duration, duration: Duration,
                        _ call: @escaping @Sendable (_ client: Int) async throws -> Void) async throws -> LoadRun {
        let clock = ContinuousClock()
        let start = clock.now.advanced(by: warmup)
        let end = start.advanced(by: duration)
        let perClient = try await withThrowingTaskGroup(of: [Double].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies: [Double] = []
                    while true {
                        let began = clock.now
                        guard began < end else { return latencies }
                        try await call(client)
                        if began >= start { latencies.append(Self.microseconds(began.duration(to: clock.now))) }
                    }
                }
            }
            return try await group.reduce(into: [[Double]]()) { $0.append($1) }
        }
        let latencies = perClient.flatMap { $0 }.sorted()
        return LoadRun(calls: latencies.count, seconds: Self.microseconds(duration) / 1e6, latencies: latencies)
    }

    private static func microseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }
}
