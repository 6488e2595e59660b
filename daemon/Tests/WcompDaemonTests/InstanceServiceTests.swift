import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

@Suite("Instances", .serialized)
struct InstanceServiceTests {
    static func invoke(_ name: String, _ wave: String) -> Wcomp_Daemon_V1_InvokeInstanceRequest {
        var request = Wcomp_Daemon_V1_InvokeInstanceRequest()
        request.name = name
        request.wave = wave
        return request
    }

    @Test("invoke takes WAVE or typed arguments and returns both forms")
    func invoke() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("calc", of: "calculator")
        try await daemon.withClient { client in
            let sum = try await client.instances.invokeInstance(Self.invoke("calc", "add(1, 2)"))
            #expect(sum.wave == "3")
            #expect(sum.value.unsigned == 3)
            let positive = try await client.instances.invokeInstance(Self.invoke("calc", "negate(-7)"))
            #expect(positive.wave == "7")

            var typed = Wcomp_Daemon_V1_InvokeInstanceRequest()
            typed.name = "calc"
            var call = Wcomp_Daemon_V1_TypedCall()
            call.function = "negate"
            var argument = Wcomp_Daemon_V1_Value()
            argument.signed = 9_000_000_000
            call.arguments = [argument]
            typed.typed = call
            let negated = try await client.instances.invokeInstance(typed)
            #expect(negated.value.signed == -9_000_000_000)
            #expect(negated.wave == "-9000000000")

            call.function = "add"
            argument.unsigned = 1 << 40
            call.arguments = [argument, argument]
            typed.typed = call
            #expect(await statusCode { _ = try await client.instances.invokeInstance(typed) } == .invalidArgument)

            #expect(await statusCode { _ = try await client.instances.invokeInstance(Self.invoke("calc", "add(1")) } == .invalidArgument)
            #expect(await statusCode { _ = try await client.instances.invokeInstance(Self.invoke("calc", "add(\"x\", 2)")) } == .invalidArgument)
            #expect(await statusCode { _ = try await client.instances.invokeInstance(Self.invoke("calc", "nothing()")) } == .notFound)
            #expect(await statusCode { _ = try await client.instances.invokeInstance(Self.invoke("ghost", "add(1, 2)")) } == .notFound)

            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = "calc"
            let instance = try await client.instances.getInstance(get).instance
            #expect(instance.counters.calls == 3)
            #expect(instance.state == .idle)
        }
        try await daemon.stop()
    }

    @Test("a trap fails the call, counts it, and the next call works on a fresh instantiation")
    func trapDoesNotKillTheDaemon() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("calc", of: "calculator")
        try await daemon.withClient { client in
            let error = await rpcError { _ = try await client.instances.invokeInstance(Self.invoke("calc", "boom()")) }
            #expect(error?.code == .aborted)
            #expect(error?.message.contains("unreachable") == true)
            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = "calc"
            let instance = try await client.instances.getInstance(get).instance
            #expect(instance.state == .failed)
            #expect(instance.counters.failedCalls == 1)
            let afterTrap = try await client.instances.invokeInstance(Self.invoke("calc", "add(1, 1)"))
            #expect(afterTrap.wave == "2")
        }
        try await daemon.stop()
    }

    @Test("fuel and deadline limits end an endless loop with RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED")
    func limits() async throws {
        let daemon = try await TestDaemon()
        var fuel = Wcomp_Daemon_V1_Limits()
        fuel.fuel = 100_000
        _ = try await daemon.createInstance("fueled", of: "calculator", limits: fuel)
        var deadline = Wcomp_Daemon_V1_Limits()
        deadline.deadlineMs = 50
        _ = try await daemon.createInstance("timed", of: "calculator", limits: deadline)
        try await daemon.withClient { client in
            #expect(await statusCode { _ = try await client.instances.invokeInstance(Self.invoke("fueled", "spin()")) } == .resourceExhausted)
            #expect(await statusCode { _ = try await client.instances.invokeInstance(Self.invoke("timed", "spin()")) } == .deadlineExceeded)
            let sum = try await client.instances.invokeInstance(Self.invoke("fueled", "add(1, 2)"))
            #expect(sum.wave == "3")
            #expect(sum.fuelUsed > 0 && sum.fuelUsed < 100_000)
        }
        try await daemon.stop()
    }

    @Test("stop interrupts a running call")
    func stop() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("calc", of: "calculator")
        try await daemon.withClient { client in
            async let spinning = statusCode { _ = try await client.instances.invokeInstance(Self.invoke("calc", "spin()")) }
            var stop = Wcomp_Daemon_V1_StopInstanceRequest()
            stop.name = "calc"
            var stopped = false
            for _ in 0..<400 where !stopped {
                stopped = try await client.instances.stopInstance(stop).wasRunning
                if !stopped { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(stopped)
            #expect(await spinning == .aborted)
            let secondStop = try await client.instances.stopInstance(stop)
            #expect(secondStop.wasRunning == false)
            let afterStop = try await client.instances.invokeInstance(Self.invoke("calc", "add(2, 2)"))
            #expect(afterStop.wave == "4")
        }
        try await daemon.stop()
    }

    @Test("an RPC deadline interrupts the guest through the cancellation handler")
    func rpcDeadlineInterrupts() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("calc", of: "calculator")
        try await daemon.withClient { client in
            var options = CallOptions.defaults
            options.timeout = .milliseconds(200)
            let code = await statusCode { _ = try await client.instances.invokeInstance(Self.invoke("calc", "spin()"), options: options) }
            #expect(code == .deadlineExceeded)
            // The guest was interrupted: the instance serves the next call instead of spinning forever.
            let afterDeadline = try await client.instances.invokeInstance(Self.invoke("calc", "add(5, 5)"))
            #expect(afterDeadline.wave == "10")
        }
        try await daemon.stop()
    }

    @Test("run returns the exit code of a wasi:cli/run component and refuses non-commands")
    func run() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("ok", of: "command-ok")
        _ = try await daemon.createInstance("fails", of: "command-fails")
        _ = try await daemon.createInstance("calc", of: "calculator")
        try await daemon.withClient { client in
            var run = Wcomp_Daemon_V1_RunInstanceRequest()
            run.name = "ok"
            let succeeding = try await client.instances.runInstance(run)
            #expect(succeeding.exitCode == 0)
            run.name = "fails"
            let failing = try await client.instances.runInstance(run)
            #expect(failing.exitCode == 1)
            run.name = "calc"
            #expect(await statusCode { _ = try await client.instances.runInstance(run) } == .failedPrecondition)
            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = "ok"
            let exited = try await client.instances.getInstance(get)
            #expect(exited.instance.state == .exited)
        }
        try await daemon.stop()
    }

    @Test("get reports the linear memory the live instantiation holds next to calls and fuel")
    func memoryCounter() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("probe", of: "wasi-probe")
        try await daemon.withClient { client in
            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = "probe"
            #expect(try await client.instances.getInstance(get).instance.counters.memoryBytes == 0)
            let grow = "\"\(WASIGrantTests.probe)#grow\""
            let pages = try #require(UInt64(try await client.instances.invokeInstance(Self.invoke("probe", grow + "(0)")).wave))
            #expect(try await client.instances.getInstance(get).instance.counters.memoryBytes == pages * 65536)
            _ = try await client.instances.invokeInstance(Self.invoke("probe", grow + "(3)"))
            let counters = try await client.instances.getInstance(get).instance.counters
            #expect(counters.memoryBytes == (pages + 3) * 65536)
            #expect(counters.calls == 2)
            let listed = try await client.instances.listInstances(Wcomp_Daemon_V1_ListInstancesRequest()).instances
            #expect(listed.first?.counters.memoryBytes == (pages + 3) * 65536)
        }
        try await daemon.stop()
    }

    @Test("create validates its request; names are unique")
    func createValidation() async throws {
        let daemon = try await TestDaemon()
        let sha256 = try await daemon.createInstance("calc", of: "calculator")
        try await daemon.withClient { client in
            var request = Wcomp_Daemon_V1_CreateInstanceRequest()
            request.name = "calc"
            request.componentSha256 = sha256
            #expect(await statusCode { _ = try await client.instances.createInstance(request) } == .alreadyExists)
            request.name = "-bad"
            #expect(await statusCode { _ = try await client.instances.createInstance(request) } == .invalidArgument)
            request.name = String(repeating: "x", count: 129)
            #expect(await statusCode { _ = try await client.instances.createInstance(request) } == .invalidArgument)
            request.name = "other"
            request.componentSha256 = String(repeating: "c", count: 64)
            #expect(await statusCode { _ = try await client.instances.createInstance(request) } == .notFound)
            request.componentSha256 = sha256
            request.env = ["BAD=NAME": "x"]
            #expect(await statusCode { _ = try await client.instances.createInstance(request) } == .invalidArgument)
            let list = try await client.instances.listInstances(Wcomp_Daemon_V1_ListInstancesRequest())
            #expect(list.instances.map(\.name) == ["calc"])
        }
        try await daemon.stop()
    }
}
