import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import WcompDaemon
import WcompDaemonProto

/// `wcompd-bench`: invoke throughput and latency against the echo anchor, both served by one
/// `DaemonServer` on its Unix socket in this process, alternating for several rounds.
@main
struct WcompdBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wcompd-bench",
        abstract: "Invoke throughput and p50/p99 latency next to an echo RPC on the same daemon server.")

    @Option(help: "Concurrent clients (each calls in a loop).")
    var clients = 64

    @Option(help: "HTTP/2 connections the clients share.")
    var connections = 1

    @Option(help: "Measured seconds per workload and round.")
    var seconds = 5.0

    @Option(help: "Unmeasured warm-up seconds before each measurement.")
    var warmup = 1.0

    @Option(help: "Rounds; each measures every workload once, the summary takes the medians.")
    var rounds = 3

    /// One thing measured: a name and the call each client makes.
    struct Workload: Sendable {
        let name: String
        let call: @Sendable (_ client: Int) async throws -> Void
    }

    func validate() throws {
        guard clients > 0, connections > 0, seconds > 0, warmup >= 0, rounds > 0 else {
            throw ValidationError("clients, connections, seconds and rounds must be positive")
        }
    }

    func run() async throws {
        var template = Array("/tmp/wcompd-bench-XXXXXX".utf8CString)
        guard let root = mkdtemp(&template).map({ String(cString: $0) }) else { throw CleanExit.message("cannot create a temporary directory") }
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try DaemonServer(configuration: DaemonConfiguration(stateDirectory: root + "/state"),
                                      additionalServices: [EchoService()])
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            let grpcClients = try (0..<connections).map { _ in
                GRPCClient(transport: try HTTP2ClientTransport.Posix(
                    target: .unixDomainSocket(path: server.configuration.socketPath), transportSecurity: .plaintext))
            }
            for client in grpcClients {
                group.addTask { try await client.runConnections() }
            }
            try await measure(grpcClients)
            grpcClients.forEach { $0.beginGracefulShutdown() }
            server.shutdown()
        }
    }

    private func measure(_ grpcClients: [GRPCClient<HTTP2ClientTransport.Posix>]) async throws {
        let daemons = grpcClients.map { DaemonClient(wrapping: $0) }
        let component = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Tests/WcompDaemonTests/Fixtures/calculator.wasm").standardizedFileURL)
        var create = Wcomp_Daemon_V1_CreateInstanceRequest()
        create.name = "bench"
        create.componentSha256 = try await daemons[0].upload([UInt8](component), name: "calculator").component.sha256
        _ = try await daemons[0].instances.createInstance(create)

        let wave = Self.invokeRequest { $0.wave = "add(1, 2)" }
        let typed = Self.invokeRequest { request in
            request.typed.function = "add"
            request.typed.arguments = [UInt64(1), 2].map { number in
                var value = Wcomp_Daemon_V1_Value()
                value.unsigned = number
                return value
            }
        }
        let connections = self.connections
        let workloads = [
            Workload(name: "echo") { client in
                let response = try await EchoService.call(wave, on: grpcClients[client % connections])
                try Self.check(response.wave == wave.wave, "echo answered \(response.wave)")
            },
            Workload(name: "invoke wave") { client in
                let response = try await daemons[client % connections].instances.invokeInstance(wave)
                try Self.check(response.wave == "3", "add(1, 2) returned \(response.wave)")
            },
            Workload(name: "invoke typed") { client in
                let response = try await daemons[client % connections].instances.invokeInstance(typed)
                try Self.check(response.value.unsigned == 3, "typed add(1, 2) returned \(response.value)")
            },
        ]

        print("wcompd-bench: \(clients) clients on \(connections) connection(s) over the Unix socket, "
              + "\(warmup) s warm-up + \(seconds) s per workload, \(rounds) round(s)")
        print(Self.row("round", "workload", "calls/s", "p50 µs", "p99 µs"))
        var runs: [String: [LoadRun]] = [:]
        for round in 1...rounds {
            for workload in workloads {
                let run = try await LoadRun.measure(clients: clients, warmup: .milliseconds(Int(warmup * 1000)),
                                                    duration: .milliseconds(Int(seconds * 1000)), workload.call)
                runs[workload.name, default: []].append(run)
                print(Self.row("\(round)", workload.name, Self.format(run.callsPerSecond, 0),
                               Self.format(run.percentile(0.5), 0), Self.format(run.percentile(0.99), 0)))
            }
        }

        print("\nmedians of \(rounds) round(s):")
        let echo = Summary(runs["echo"]!)
        for workload in workloads {
            let summary = Summary(runs[workload.name]!)
            var line = Self.row("", workload.name, Self.format(summary.callsPerSecond, 0), Self.format(summary.p50, 0), Self.format(summary.p99, 0))
            if workload.name != "echo" {
                line += "   throughput \(Self.format(summary.callsPerSecond / echo.callsPerSecond, 2))x echo (goal >= 0.80),"
                    + " p99 \(Self.format(summary.p99 / echo.p99, 2))x echo (goal <= 2.00)"
            }
            print(line)
        }
    }

    /// An invoke request for the benchmark's instance, its call set by `setCall`.
    static func invokeRequest(_ setCall: (inout Wcomp_Daemon_V1_InvokeInstanceRequest) -> Void) -> Wcomp_Daemon_V1_InvokeInstanceRequest {
        var request = Wcomp_Daemon_V1_InvokeInstanceRequest()
        request.name = "bench"
        setCall(&request)
        return request
    }

    /// The medians of a workload's rounds.
    struct Summary {
        let callsPerSecond: Double, p50: Double, p99: Double

        init(_ runs: [LoadRun]) {
            func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
            callsPerSecond = median(runs.map(\.callsPerSecond))
            p50 = median(runs.map { $0.percentile(0.5) })
            p99 = median(runs.map { $0.percentile(0.99) })
        }
    }

    /// A wrong answer from the daemon: the benchmark stops, since its figures would mean nothing.
    struct WrongResult: Error, CustomStringConvertible {
        let description: String
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        guard condition else { throw WrongResult(description: message()) }
    }

    static func row(_ round: String, _ workload: String, _ rate: String, _ p50: String, _ p99: String) -> String {
        round.padding(toLength: 6, withPad: " ", startingAt: 0) + workload.padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(repeating: " ", count: max(0, 9 - rate.count)) + rate
            + String(repeating: " ", count: max(0, 9 - p50.count)) + p50
            + String(repeating: " ", count: max(0, 9 - p99.count)) + p99
    }

    static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
