import ArgumentParser
import WcompDaemonProto

/// What a new instance is given: grants, guest arguments and limits (`instance create`, `deploy`).
struct InstanceSettings: ParsableArguments {
    @OptionGroup var grants: GrantOptions
    @Option(help: "Maximum linear memory in bytes.") var memory: UInt64?
    @Option(help: "Instruction budget per call.") var fuel: UInt64?
    @Option(help: "Wall-clock deadline per call, in milliseconds.") var deadlineMs: UInt64?
    @Option(name: .customLong("arg"), help: "A guest argument (repeat for more).") var arguments: [String] = []

    /// The request creating instance `name` of the stored component `componentSha256` with these settings.
    func createRequest(name: String, componentSha256: String) throws -> Wcomp_Daemon_V1_CreateInstanceRequest {
        var request = Wcomp_Daemon_V1_CreateInstanceRequest()
        request.name = name
        request.componentSha256 = componentSha256
        request.grants = try grants.grants()
        request.args = arguments
        request.limits.memoryBytes = memory ?? 0
        request.limits.fuel = fuel ?? 0
        request.limits.deadlineMs = deadlineMs ?? 0
        return request
    }
}
