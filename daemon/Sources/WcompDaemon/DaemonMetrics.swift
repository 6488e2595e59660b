import CoreMetrics
import Prometheus
import Synchronization

/// The daemon's metrics, kept with swift-metrics in a Prometheus registry of its own (no global
/// bootstrap, so several daemons can live in one process): RPCs by method and status with
/// their latency, guest calls, traps, fuel, and instances with a call in progress. Exposed in
/// the Prometheus text format by `MetricsEndpoint` when configured.
public final class DaemonMetrics: Sendable {
    /// The registry the metrics live in.
    public let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let calls: CoreMetrics.Counter
    private let traps: CoreMetrics.Counter
    private let fuel: CoreMetrics.Counter
    private let activeInstances: CoreMetrics.Gauge
    /// The RPC counters (by method and code) and timers (by method) made so far: looking
    /// them up here is cheaper than through the factory on every RPC.
    private let rpcMetrics = Mutex<(counters: [String: CoreMetrics.Counter], timers: [String: CoreMetrics.Timer])>(([:], [:]))

    /// Fresh metrics, all at zero.
    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        calls = CoreMetrics.Counter(label: "wcompd_guest_calls_total", factory: factory)
        traps = CoreMetrics.Counter(label: "wcompd_guest_traps_total", factory: factory)
        fuel = CoreMetrics.Counter(label: "wcompd_guest_fuel_consumed_total", factory: factory)
        activeInstances = CoreMetrics.Gauge(label: "wcompd_active_instances", factory: factory)
    }

    /// Records one finished RPC: `wcompd_rpcs_total{method, code}` and the
    /// `wcompd_rpc_duration_seconds{method}` histogram.
    func recordRPC(method: String, code: String, duration: Duration) {
        let factory = self.factory
        let (counter, timer) = rpcMetrics.withLock { made in
            let key = method + " " + code
            let counter = made.counters[key] ?? CoreMetrics.Counter(
                label: "wcompd_rpcs_total", dimensions: [("method", method), ("code", code)], factory: factory)
            let timer = made.timers[method] ?? CoreMetrics.Timer(
                label: "wcompd_rpc_duration_seconds", dimensions: [("method", method)], factory: factory)
            made.counters[key] = counter
            made.timers[method] = timer
            return (counter, timer)
        }
        counter.increment()
        timer.recordNanoseconds(duration.nanoseconds)
    }

    /// Records one guest call (invoke or run) that reached the guest: whether it trapped and
    /// the fuel it consumed.
    func recordGuestCall(trapped: Bool, fuelUsed: UInt64) {
        calls.increment()
        if trapped { traps.increment() }
        if fuelUsed > 0 { fuel.increment(by: Int64(clamping: fuelUsed)) }
    }

    /// Sets the number of instances with a call in progress.
    func setActiveInstances(_ count: Int) {
        activeInstances.record(count)
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
