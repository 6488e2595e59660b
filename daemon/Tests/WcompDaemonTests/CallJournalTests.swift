import Foundation
import GRDB
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

/// The call journal (`STATE/calls.journal`): what a restart makes of the lines a previous run
/// left, with the file edited between runs to stand for a run killed at a chosen moment.
@Suite("Call journal")
struct CallJournalTests {
    @Test("a restart counts the ended calls not folded yet once, fails the unfinished ones, ignores a torn last line")
    func replay() async throws {
        let first = try await TestDaemon()
        _ = try await first.createInstance("calc", of: "calculator")
        try await first.withClient { client in
            for _ in 0..<2 {
                let sum = try await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "add(2, 3)")).wave
                #expect(sum == "5")
            }
        }
        try await first.stop()
        let journal = first.root + "/state/calls.journal"
        #expect(try String(contentsOfFile: journal, encoding: .utf8)
            == "1 start calc\n2 end 1 idle 0 0\n3 start calc\n4 end 3 idle 0 0\n")
        // As if the run had gone on: one more call ended, one never did, one was refused, and
        // the kill cut the last write.
        let killed = "5 start calc\n6 end 5 idle 0 0\n7 start calc\n8 start calc\n9 refused 8\n10 start ca"
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(killed.utf8))
        try handle.close()
        let whole = try String(contentsOfFile: journal, encoding: .utf8)

        let second = try await TestDaemon(root: first.root)
        #expect(second.server.state.instancesWithInterruptedCalls == ["calc"])
        let counters = try await Self.counters(of: "calc", second)
        #expect(counters.calls == 4 && counters.failed == 1 && counters.state == .failed)
        try await second.stop()
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == "")

        // A crash after the start's fold was committed and before the file was replaced: the
        // file as it was then (torn line cut, the unfinished call ended as failed) is replayed
        // again and counts nothing twice.
        let beforeReplacement = whole.dropLast("10 start ca".count) + "10 end 7 failed 1 0\n"
        try beforeReplacement.write(toFile: journal, atomically: false, encoding: .utf8)
        let third = try await TestDaemon(root: first.root)
        #expect(third.server.state.instancesWithInterruptedCalls.isEmpty)
        let again = try await Self.counters(of: "calc", third)
        #expect(again.calls == 4 && again.failed == 1 && again.state == .failed)
        try await third.stop()
    }

    @Test("a journal line that is not one stops the start with DATA_LOSS naming the file and line")
    func corruptLine() async throws {
        let first = try await TestDaemon()
        try await first.stop()
        try "1 start calc\n2 end 9 idle 0 0\n".write(toFile: first.root + "/state/calls.journal", atomically: false, encoding: .utf8)
        do {
            _ = try await TestDaemon(root: first.root)
            Issue.record("the daemon started on a corrupt journal")
        } catch let error as DaemonError {
            #expect(error.code == .dataLoss)
            #expect(error.message.contains("calls.journal, line 2: call 9 ends without having started"))
        }
    }

    @Test("deleting an instance folds the journal: a new instance of the same name starts from zero, running calls stay")
    func deleteFolds() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("calc", of: "calculator")
        _ = try await daemon.createInstance("spinner", of: "calculator")
        let journal = daemon.root + "/state/calls.journal"
        var killedHere = ""
        try await daemon.withClient { client in
            for _ in 0..<3 {
                _ = try await client.instances.invokeInstance(InstanceServiceTests.invoke("calc", "add(1, 1)"))
            }
            let spinning = Task { _ = try? await client.instances.invokeInstance(InstanceServiceTests.invoke("spinner", "spin()")) }
            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = "spinner"
            let deadline = ContinuousClock.now + .seconds(20)
            while try await client.instances.getInstance(get).instance.state != .running, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            var delete = Wcomp_Daemon_V1_DeleteInstanceRequest()
            delete.name = "calc"
            _ = try await client.instances.deleteInstance(delete)
            killedHere = try String(contentsOfFile: journal, encoding: .utf8)
            var create = Wcomp_Daemon_V1_CreateInstanceRequest()
            create.name = "calc"
            create.componentSha256 = try await client.components.listComponents(.init()).components[0].sha256
            _ = try await client.instances.createInstance(create)
            var stop = Wcomp_Daemon_V1_StopInstanceRequest()
            stop.name = "spinner"
            _ = try await client.instances.stopInstance(stop)
            await spinning.value
        }
        #expect(try await Self.counters(of: "calc", daemon).calls == 0)
        try await daemon.stop()
        #expect(killedHere == "7 start spinner\n")

        // The daemon killed right after the delete: the spinner's call counts as failed, and the
        // new calc has none of the old one's calls.
        try killedHere.write(toFile: journal, atomically: false, encoding: .utf8)
        let restarted = try await TestDaemon(root: daemon.root)
        #expect(restarted.server.state.instancesWithInterruptedCalls == ["spinner"])
        let spinner = try await Self.counters(of: "spinner", restarted)
        #expect(spinner.calls == 1 && spinner.failed == 1 && spinner.state == .failed)
        #expect(try await Self.counters(of: "calc", restarted).calls == 0)
        try await restarted.stop()
    }

    @Test("a state database of version 2 counts the calls it recorded in flight as failed when migrated")
    func migrationFromInFlightColumn() async throws {
        let first = try await TestDaemon()
        _ = try await first.createInstance("calc", of: "calculator")
        try await first.stop()
        // Back to version 2 (no journal), as a run of that version killed during two calls
        // left it after five others.
        #expect(unlink(first.root + "/state/calls.journal") == 0)
        let database = try DatabaseQueue(path: first.root + "/state/state.sqlite")
        try await database.write { db in
            try db.execute(sql: """
                ALTER TABLE instances ADD COLUMN calls_in_flight INTEGER NOT NULL DEFAULT 0;
                UPDATE instances SET calls_in_flight = 2, calls = 5;
                DROP TABLE call_journal;
                DELETE FROM grdb_migrations WHERE identifier = 'v3: call journal';
                """)
        }
        try database.close()

        let second = try await TestDaemon(root: first.root)
        let counters = try await Self.counters(of: "calc", second)
        #expect(counters.calls == 7 && counters.failed == 2 && counters.state == .failed)
        try await second.stop()
    }

    /// The counters and state of instance `name`.
    static func counters(of name: String, _ daemon: TestDaemon) async throws
        -> (calls: UInt64, failed: UInt64, state: Wcomp_Daemon_V1_Instance.State) {
        try await daemon.withClient { client in
            var get = Wcomp_Daemon_V1_GetInstanceRequest()
            get.name = name
            let instance = try await client.instances.getInstance(get).instance
            return (instance.counters.calls, instance.counters.failedCalls, instance.state)
        }
    }
}
