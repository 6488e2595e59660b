import Foundation
import Testing
import WASI
import WasmRuntime

/// Grants change between two calls into the same instance and the second call sees the change.
@Suite struct GrantRevocationTests {
    /// The reactor instantiated and initialized under `grants`.
    final class Reactor {
        let grants: GrantSet
        let host: WASIHost
        let store: Store
        let instance: Instance

        init(_ grants: WASIGrants) throws {
            self.grants = GrantSet(grants)
            host = try WASIHost(grants: self.grants)
            store = Store()
            instance = try host.instantiate(try TestPrograms.module("reactor"), in: store)
            _ = try host.call(instance.function("_initialize")!, [], in: store)
        }

        func call(_ name: String) throws -> Int32 {
            let results = try host.call(instance.function(name)!, [], in: store)
            guard case .i32(let bits)? = results.first else { return 0 }
            return Int32(bitPattern: bits)
        }
    }

    @Test func revokingADirectoryTakesEffectOnTheNextCall() throws {
        let sandbox = try TemporaryDirectory()
        try sandbox.write("top secret", to: "secret.txt")
        var grants = WASIGrants()
        grants.directories = [DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readOnly)]
        let reactor = try Reactor(grants)
        #expect(try reactor.call("read_secret") == 10)
        reactor.grants.update { $0.removeDirectory(guestPath: "/data") }
        #expect(try reactor.call("read_secret") == -Int32(WASIErrno.notCapable.rawValue))
        reactor.grants.update { $0.directories = grants.directories }
        #expect(try reactor.call("read_secret") == 10)
    }

    @Test func revokingAnEnvironmentVariableHidesIt() throws {
        var grants = WASIGrants()
        grants.setEnvironmentVariable("A", "1")
        grants.setEnvironmentVariable("B", "2")
        let reactor = try Reactor(grants)
        #expect(try reactor.call("environment_count") == 2)
        reactor.grants.update { $0.removeEnvironmentVariable("A") }
        #expect(try reactor.call("environment_count") == 1)
    }

    @Test func revokingRandomTakesEffectOnTheNextCall() throws {
        var grants = WASIGrants()
        grants.random = true
        let reactor = try Reactor(grants)
        #expect(try reactor.call("random_errno") == 0)
        reactor.grants.update { $0.random = false }
        #expect(try reactor.call("random_errno") == Int32(WASIErrno.notCapable.rawValue))
    }

    @Test func reroutingStdoutTakesEffectOnTheNextCall() throws {
        let first = MemoryPipe()
        let second = MemoryPipe()
        var grants = WASIGrants()
        grants.stdio.stdout = .pipe(first)
        let reactor = try Reactor(grants)
        #expect(try reactor.call("ping") == 0)
        reactor.grants.update { $0.stdio.stdout = .pipe(second) }
        #expect(try reactor.call("ping") == 0)
        reactor.grants.update { $0.stdio.stdout = .null }
        #expect(try reactor.call("ping") == 0)
        #expect(first.text == "ping\n")
        #expect(second.text == "ping\n")
    }

    @Test func fuelLimitStopsEachCall() throws {
        var grants = WASIGrants()
        grants.limits.fuel = 100_000
        let reactor = try Reactor(grants)
        do {
            _ = try reactor.call("spin")
            Issue.record("spin returned")
        } catch let trap as Trap {
            #expect(trap.reason == .outOfFuel)
        }
        // The budget is per call: a fresh call gets it again.
        #expect(try reactor.call("environment_count") == 0)
    }

    @Test func deadlineLimitStopsACall() throws {
        var grants = WASIGrants()
        grants.limits.deadlinePerCall = .milliseconds(50)
        let reactor = try Reactor(grants)
        let start = ContinuousClock.now
        do {
            _ = try reactor.call("spin")
            Issue.record("spin returned")
        } catch let trap as Trap {
            #expect(trap.reason == .deadlineExceeded)
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func memoryLimitCapsGrowth() {
        var configuration = StoreConfiguration()
        ResourceLimits(memoryBytes: 3 * 65536 + 100).apply(to: &configuration)
        #expect(configuration.maxMemoryPages == 3)
    }
}
