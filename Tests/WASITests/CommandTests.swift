import Foundation
import Testing
import WASI
import WasmRuntime

@Suite struct CommandTests {
    @Test func argumentsReachTheGuestInOrder() throws {
        let run = try runProbe(["args", "one", "two words", "ünïcode"])
        #expect(run.exitCode == 0)
        #expect(run.lines == ["0: probe", "1: args", "2: one", "3: two words", "4: ünïcode"])
    }

    @Test func onlyGrantedEnvironmentVariablesAreVisible() throws {
        setenv("WASI_TEST_HOST_ONLY", "secret", 1)
        let run = try runProbe(["env"]) { grants in
            grants.setEnvironmentVariable("GREETING", "hello")
            grants.setEnvironmentVariable("EMPTY", "")
        }
        #expect(run.lines == ["GREETING=hello", "EMPTY="])
        #expect(!run.stdout.contains("WASI_TEST_HOST_ONLY"))
    }

    @Test func noEnvironmentByDefault() throws {
        let run = try runProbe(["env"])
        #expect(run.exitCode == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func stdioGoesThroughInMemoryPipes() throws {
        let input = MemoryPipe(Array("hello from stdin\nsecond line\n".utf8))
        let run = try runProbe(["stdio"], stdin: input)
        #expect(run.stdout == "HELLO FROM STDIN\nSECOND LINE\n")
        #expect(run.stderr == "this goes to stderr\n")
    }

    @Test func nullStdioDiscardsOutputAndReadsNothing() throws {
        let run = try runProbe(["stdio"]) { grants in
            grants.stdio = StdioGrants()
        }
        #expect(run.exitCode == 0)
        #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    }

    @Test func stdoutCanGoToAHostFile() throws {
        let directory = try TemporaryDirectory()
        let file = try HostFile(path: directory.url.appendingPathComponent("out.txt").path, mode: .truncate)
        let run = try runProbe(["args", "x"]) { grants in grants.stdio.stdout = .file(file) }
        #expect(run.exitCode == 0)
        #expect(try directory.read("out.txt") == "0: probe\n1: args\n2: x\n")
    }

    @Test(arguments: [0, 1, 3, 42, 255])
    func exitCodePropagates(code: Int) throws {
        let run = try runProbe(["exit", String(code)])
        #expect(run.exitCode == UInt32(code))
        #expect(run.stdout == "exiting with \(code)\n")
    }

    @Test func returningFromMainWithAStatusExits() throws {
        let run = try runProbe(["no-such-scenario"])
        #expect(run.exitCode == 2)
        #expect(run.stderr == "unknown scenario no-such-scenario\n")
    }

    @Test func aTrapIsNotAnExit() throws {
        #expect(throws: Trap.self) { try runProbe(["trap"]) }
        do {
            _ = try runProbe(["trap"])
        } catch let trap as Trap {
            #expect(trap.reason == .unreachable)
            #expect(!trap.backtrace.isEmpty)
        }
    }

    @Test func grantedClocksWork() throws {
        let run = try runProbe(["clocks"]) { $0.clocks = .all }
        #expect(run.lines == ["wall after 2020: 1", "slept at least 20ms: 1"])
    }

    @Test func clocksAreDeniedUnlessGranted() throws {
        let run = try runProbe(["clocks"])
        #expect(run.exitCode == 1)
        #expect(run.lines == ["clock_gettime realtime: errno \(code(.notCapable))"])
        let monotonicOnly = try runProbe(["clocks"]) { $0.clocks = .monotonic }
        #expect(monotonicOnly.lines == ["clock_gettime realtime: errno \(code(.notCapable))"])
    }

    @Test func randomBytesDifferBetweenRuns() throws {
        let first = try runProbe(["random"]) { $0.random = true }
        let second = try runProbe(["random"]) { $0.random = true }
        #expect(first.exitCode == 0)
        #expect(first.stdout.count == 65)
        #expect(first.stdout != second.stdout)
    }

    @Test func randomIsDeniedUnlessGranted() throws {
        let run = try runProbe(["random"])
        #expect(run.lines == ["getentropy 32: errno \(code(.notCapable))"])
    }
}
