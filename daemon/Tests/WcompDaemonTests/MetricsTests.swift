import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The Prometheus endpoint: off by default, and when configured it counts RPCs, guest calls,
/// traps and fuel.
@Suite("Metrics")
struct MetricsTests {
    /// GETs `path` on the metrics endpoint at `port`; returns the status and the body.
    static func scrape(_ port: Int, path: String = "/metrics") async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The value of the sample line starting with `series` (name and labels as printed).
    static func value(_ series: String, in body: String) -> Double? {
        body.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last!) }
    }

    @Test("the endpoint serves RPC, call, trap and fuel counters and latency histograms")
    func scrapeCounters() async throws {
        let daemon = try await TestDaemon { $0.metrics = (host: "127.0.0.1", port: 0) }
        let port = try #require(try await daemon.server.metricsPort())
        var fuel = Wcomp_Daemon_V1_Limits()
        fuel.fuel = 1_000_000
        _ = try await daemon.createInstance("calc", of: "calculator", limits: fuel)
        try await daemon.withClient { client in
            _ = try await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "add(1, 2)"))
            _ = try await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "add(3, 4)"))
            _ = await statusCode { _ = try await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "boom()")) }
            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = "nobody"
            _ = await statusCode { _ = try await client.instances.getInstance(get) }
        }
        let (status, body) = try await Self.scrape(port)
        #expect(status == 200)
        let invoke = "method=\"wcomp.daemon.v1.InstanceService/InvokeInstance\""
        #expect(Self.value("wcompd_rpcs_total{\(invoke),code=\"ok\"}", in: body) == 2
            || Self.value("wcompd_rpcs_total{code=\"ok\",\(invoke)}", in: body) == 2)
        #expect(body.contains("code=\"notFound\""))
        #expect(Self.value("wcompd_guest_calls_total", in: body) == 3)
        #expect(Self.value("wcompd_guest_traps_total", in: body) == 1)
        #expect((Self.value("wcompd_guest_fuel_consumed_total", in: body) ?? 0) > 0)
        #expect(Self.value("wcompd_active_instances", in: body) == 0)
        #expect(body.contains("wcompd_rpc_duration_seconds_bucket{"))
        #expect(try await Self.scrape(port, path: "/other").status == 404)
        try await daemon.stop()
    }

    @Test("without configuration there is no endpoint")
    func offByDefault() async throws {
        let daemon = try await TestDaemon()
        #expect(try await daemon.server.metricsPort() == nil)
        try await daemon.stop()
    }
}
