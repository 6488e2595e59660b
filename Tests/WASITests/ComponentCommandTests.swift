import ComponentModel
import Foundation
import Testing
import WASI
import WasmRuntime

/// The WASI 0.2 host running a real wasi:cli/command component (Components/guest.c, built by
/// Components/build.sh) that imports the interfaces directly.
@Suite struct ComponentCommandTests {
    /// The guest component, decoded and validated.
    static func loadGuest() throws -> LoadedComponent {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Components/guest.component.wasm")
        return try LoadedComponent(bytes: [UInt8](try Data(contentsOf: url)))
    }

    /// One guest instance with its host, stdout captured in a pipe.
    struct Guest {
        let grants: GrantSet
        let stdout: MemoryPipe
        let wasi: WASIComponentHost
        let instance: InstantiatedComponent

        init(_ arguments: [String], configure: (inout WASIGrants) -> Void = { _ in }) throws {
            stdout = MemoryPipe()
            var initial = WASIGrants()
            initial.arguments = ["guest"] + arguments
            initial.stdio = StdioGrants(stdout: .pipe(stdout))
            configure(&initial)
            grants = GrantSet(initial)
            let component = try ComponentCommandTests.loadGuest()
            let linker = ComponentLinker()
            wasi = WASIComponentHost(host: try WASIHost(grants: grants), store: linker.store)
            wasi.define(in: linker, for: component)
            instance = try linker.instantiate(component)
        }

        /// Runs `wasi:cli/run#run`; returns the exit code.
        func run() throws -> UInt32 { try wasi.runCommand(instance) }

        /// The lines written to stdout so far.
        var lines: [String] { stdout.text.split(separator: "\n").map(String.init) }
    }

    @Test func helloWorldPrintsAndExitsWithZero() throws {
        let guest = try Guest(["hello"])
        #expect(try guest.run() == 0)
        #expect(guest.stdout.text == "hello from a component\n")
    }

    @Test func exitWithCodePropagates() throws {
        let guest = try Guest(["exit"])
        #expect(try guest.run() == 42)
        #expect(guest.lines == ["exiting with 42"])
    }

    @Test func runReturningErrorExitsWithOne() throws {
        #expect(try Guest(["fail"]).run() == 1)
    }

    @Test func argumentsAndEnvironmentAreTheGrantedOnes() throws {
        let guest = try Guest(["env", "two words"]) { grants in
            grants.setEnvironmentVariable("GREETING", "hi")
            grants.setEnvironmentVariable("EMPTY", "")
        }
        #expect(try guest.run() == 0)
        #expect(guest.lines == ["arg: guest", "arg: env", "arg: two words", "GREETING=hi", "EMPTY="])
    }

    @Test func filesystemThroughAPreopenStaysInside() throws {
        let directory = try TemporaryDirectory()
        let sandbox = try directory.makeDirectory("sandbox")
        try directory.write("secret", to: "outside.txt")
        try FileManager.default.createSymbolicLink(atPath: sandbox + "/link-out", withDestinationPath: "/etc")
        let guest = try Guest(["fs"]) { grants in
            grants.directories = [DirectoryGrant(hostPath: sandbox, guestPath: "/data", access: .readWrite)]
        }
        #expect(try guest.run() == 0)
        // error-code 31 is `not-permitted`: `..`, absolute paths and a symlink out are refused.
        #expect(guest.lines == [
            "preopens: 1", "preopen: /data", "read back: written by the guest",
            "open ../outside.txt: error 31", "open /etc/passwd: error 31", "open link-out/passwd: error 31",
        ])
        #expect(try directory.read("sandbox/note.txt") == "written by the guest")
    }

    @Test func readOnlyPreopenRefusesCreation() throws {
        let directory = try TemporaryDirectory()
        let guest = try Guest(["fs"]) { grants in
            grants.directories = [DirectoryGrant(hostPath: directory.path, guestPath: "ro", access: .readOnly)]
        }
        #expect(try guest.run() == 0)
        // error-code 33 is `read-only`.
        #expect(guest.lines.contains("open note.txt: error 33"))
        #expect(!directory.exists("note.txt"))
    }

    @Test func blockingPollOnSeveralPollablesReturnsTheReadyOne() throws {
        let guest = try Guest(["clocks"]) { grants in
            grants.clocks = .all
            grants.random = true
        }
        let start = ContinuousClock.now
        #expect(try guest.run() == 0)
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(guest.lines == ["ready: 1", "waited at least 5 ms", "random bytes: 16"])
    }

    @Test func clockWithoutGrantTraps() throws {
        let guest = try Guest(["clocks"])
        #expect(throws: Trap.self) { try guest.run() }
    }

    @Test func guestTrapIsThrown() throws {
        let guest = try Guest(["trap"])
        let error = #expect(throws: Trap.self) { try guest.run() }
        #expect(error?.reason == .unreachable)
    }

    @Test func revokingAPreopenTakesEffectBetweenCalls() throws {
        let directory = try TemporaryDirectory()
        let guest = try Guest(["fs"]) { grants in
            grants.directories = [DirectoryGrant(hostPath: directory.path, guestPath: "d", access: .readWrite)]
        }
        #expect(try guest.run() == 0)
        #expect(guest.lines.first == "preopens: 1")
        guest.grants.update { $0.removeDirectory(guestPath: "d") }
        #expect(try guest.run() == 0)
        #expect(guest.lines.last == "preopens: 0")
    }

    @Test func outgoingHTTPReachesAGrantedLocalServer() throws {
        let upstream = try HTTPServeTests.RunningServer()
        defer { _ = upstream.stop() }
        let authority = "127.0.0.1:\(upstream.server.port)"
        let guest = try Guest(["http", authority, "/fetched?q=1"]) { grants in
            grants.http = [NetworkRule(parsing: authority)!]
        }
        #expect(try guest.run() == 0)
        #expect(guest.lines == ["status: 200", "GET /fetched?q=1"])
    }

    @Test func outgoingHTTPWithoutANetworkGrantIsDenied() throws {
        let upstream = try HTTPServeTests.RunningServer()
        defer { _ = upstream.stop() }
        let guest = try Guest(["http", "127.0.0.1:\(upstream.server.port)", "/"]) { grants in
            grants.http = [NetworkRule(parsing: "127.0.0.1:1")!]
            // A socket grant is not an HTTP grant.
            grants.network = [NetworkRule(host: .any)]
        }
        #expect(try guest.run() == 0)
        // error-code 15 is `HTTP-request-denied`.
        #expect(guest.lines == ["error: 15"])
    }

    @Test func outgoingHTTPToAClosedPortFailsWithAnErrorCode() throws {
        let guest = try Guest(["http", "127.0.0.1:1", "/"]) { grants in
            grants.http = [NetworkRule(parsing: "127.0.0.1")!]
        }
        #expect(try guest.run() == 0)
        // error-code 6 is `connection-refused`.
        #expect(guest.lines == ["error: 6"])
    }

    @Test func tcpConnectsToAGrantedAddress() throws {
        let upstream = try HTTPServeTests.RunningServer()
        defer { _ = upstream.stop() }
        let port = upstream.server.port
        let guest = try Guest(["tcp", "\(port)"]) { grants in
            grants.network = [NetworkRule(parsing: "127.0.0.1:\(port)")!]
        }
        #expect(try guest.run() == 0)
        #expect(guest.lines == ["reply: HTTP/1.1 200 OK"])
    }

    @Test func tcpConnectWithoutAGrantIsAccessDenied() throws {
        let guest = try Guest(["tcp", "9"]) { grants in
            grants.network = [NetworkRule(parsing: "127.0.0.1:10")!]
        }
        #expect(try guest.run() == 0)
        // error-code 1 is `access-denied`.
        #expect(guest.lines == ["connect error: 1"])
    }

    @Test func nameLookupNeedsItsGrant() throws {
        let denied = try Guest(["lookup", "localhost"])
        #expect(try denied.run() == 0)
        #expect(denied.lines == ["lookup error: 1"])
        let granted = try Guest(["lookup", "127.0.0.1"]) { $0.nameLookup = true }
        #expect(try granted.run() == 0)
        #expect(granted.lines == ["address: 127.0.0.1"])
    }
}
