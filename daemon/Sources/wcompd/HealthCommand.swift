import ArgumentParser
import WcompDaemon
import WcompDaemonProto

/// `wcompd health`: asks the daemon's standard health service.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "health", abstract: "Check that the daemon serves (exit status 0 when it does).")
    @OptionGroup var client: ClientOptions
    @Option(help: "A service name (default: the whole server).") var service: String = ""

    func run() async throws {
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = service
        let response = try await client.withClient { try await $0.health.check(request) }
        print(response.status == .serving ? "SERVING" : "\(response.status)")
        guard response.status == .serving else { throw ExitCode.failure }
    }
}
