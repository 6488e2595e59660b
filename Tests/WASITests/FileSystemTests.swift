import Foundation
import Testing
import WASI
import WasmRuntime

@Suite struct FileSystemTests {
    @Test func createWriteReadListRenameAndRemove() throws {
        let sandbox = try TemporaryDirectory()
        let run = try runProbe(["files", "/data"]) { grants in
            grants.directories = [DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readWrite)]
        }
        #expect(run.exitCode == 0)
        #expect(run.lines == [
            "read after seek: world",
            "pread: HELLO",
            "tell: 12",
            "size after truncate: 3 regular: 1",
            "sub is directory: 1",
            "listing:",
            "b.txt",
            "removed: 1",
        ])
        #expect(!sandbox.exists("sub"))
    }

    @Test func filesWrittenByTheGuestAppearOnTheHost() throws {
        let sandbox = try TemporaryDirectory()
        let run = try runProbe(["write", "/data/note.txt", "written by the guest"]) { grants in
            grants.directories = [DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readWrite)]
        }
        #expect(run.lines == ["wrote /data/note.txt"])
        #expect(try sandbox.read("note.txt") == "written by the guest")
    }

    @Test func hostFilesAreReadableAndListable() throws {
        let sandbox = try TemporaryDirectory()
        try sandbox.makeDirectory("docs/inner")
        try sandbox.write("first", to: "docs/a.txt")
        try sandbox.write("second", to: "docs/b.txt")
        let grant = DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readOnly)
        let cat = try runProbe(["cat", "/data/docs/b.txt"]) { $0.directories = [grant] }
        #expect(cat.stdout == "second")
        let list = try runProbe(["ls", "/data/docs"]) { $0.directories = [grant] }
        #expect(list.lines == ["a.txt", "b.txt", "inner"])
    }

    @Test func symlinksInsideThePreopenAreFollowed() throws {
        let sandbox = try TemporaryDirectory()
        try sandbox.makeDirectory("real")
        try sandbox.write("inside", to: "real/file.txt")
        try sandbox.symlink("alias", to: "real/file.txt")
        try sandbox.symlink("real/up", to: "../real")
        let grant = DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readOnly)
        #expect(try runProbe(["cat", "/data/alias"]) { $0.directories = [grant] }.stdout == "inside")
        #expect(try runProbe(["cat", "/data/real/up/up/file.txt"]) { $0.directories = [grant] }.stdout == "inside")
        let raw = try runProbe(["raw-open", "alias", "follow"]) { $0.directories = [grant] }
        #expect(raw.lines == ["path_open alias: 0", "contents: inside"])
    }

    @Test func aFinalSymlinkIsNotFollowedWithoutTheLookupFlag() throws {
        let sandbox = try TemporaryDirectory()
        try sandbox.write("inside", to: "file.txt")
        try sandbox.symlink("alias", to: "file.txt")
        let run = try runProbe(["raw-open", "alias"]) { grants in
            grants.directories = [DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readOnly)]
        }
        #expect(run.lines == ["path_open alias: \(code(.loop))"])
    }

    @Test func theGuestSeesItsGuestPathNames() throws {
        let sandbox = try TemporaryDirectory()
        try sandbox.write("x", to: "here.txt")
        let run = try runProbe(["ls", "/mnt/work"]) { grants in
            grants.directories = [DirectoryGrant(hostPath: sandbox.path, guestPath: "/mnt/work", access: .readOnly)]
        }
        #expect(run.lines == ["here.txt"])
    }
}

@Suite struct MoreFileSystemTests {
    @Test func linksTimesFlagsRenumberingAndLongListings() throws {
        let sandbox = try TemporaryDirectory()
        let run = try runProbe(["more", "/data"]) { grants in
            grants.clocks = .monotonic
            grants.directories = [DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readWrite)]
        }
        #expect(run.exitCode == 0)
        #expect(run.lines == [
            "symlink: 0",
            "readlink: 10 target.txt",
            "stat dangling: -1 errno \(code(.noEntry))",
            "lstat is link: 1",
            "absolute symlink: -1 errno \(code(.notPermitted))",
            "wrote /data/target.txt",
            "stat through link: 0 size 10",
            "link: 0",
            "nlink: 2",
            "utimensat: 0 mtime 1200000000",
            "futimens: 0 mtime 1300000000",
            "drop append: 0 flags 0",
            "fallocate: 0 advise: 0",
            "sync: 0 datasync: 0",
            "drop write right: 0",
            // The host says ENOTCAPABLE; the C library reports that as EBADF for write().
            "write without the right: -1 errno \(code(.badDescriptor))",
            "grow rights back: \(code(.notCapable))",
            "clock_getres: 0 positive 1",
            "contents: B123456789A size 100",
            "renumber: 0",
            "old number closed: \(code(.badDescriptor))",
            "read renumbered: B12",
            "entries: 302",
            "sock_shutdown on a file: \(code(.notSocket)), on nothing: \(code(.badDescriptor))",
            "proc_raise: \(code(.noSystemCall)) sched_yield: 0",
        ])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.url.appendingPathComponent("link").path) == "target.txt")
    }

    @Test func pollWaitsForStdinAndTimesOut() throws {
        let input = MemoryPipe()
        let output = MemoryPipe()
        // The data arrives only once the guest's short poll is over (however slow the machine).
        let writer = Thread {
            let giveUp = ContinuousClock.now + .seconds(30)
            while !output.text.contains("short poll"), ContinuousClock.now < giveUp { usleep(5_000) }
            usleep(50_000)
            input.write(Array("late data".utf8))
        }
        writer.start()
        let run = try runProbe(["poll"], stdin: input, stdout: output) { $0.clocks = .monotonic }
        #expect(run.lines == ["short poll: 0", "long poll: 1 readable 1", "got: late data"])
    }

    @Test func pollTimeoutsNeedAClockGrant() throws {
        let run = try runProbe(["poll"], stdin: MemoryPipe(Array("early".utf8))) { $0.clocks = [] }
        // Without clocks the timeout fails at once; the data already there is still reported.
        #expect(run.lines == ["short poll: 1", "long poll: 1 readable 1", "got: early"])
    }

    @Test func pollSleepsAreCutByTheCallDeadline() throws {
        let start = ContinuousClock.now
        do {
            let run = try runProbe(["poll"], stdin: MemoryPipe()) { grants in
                grants.clocks = .monotonic
                grants.limits.deadlinePerCall = .milliseconds(100)
            }
            Issue.record("the guest finished: \(run.stdout)")
        } catch let trap as Trap {
            #expect(trap.reason == .deadlineExceeded)
        }
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func blockingWaitsAreCutByAnInterrupt() throws {
        let store = Store()
        let handle = store.interruptHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) { handle.interrupt() }
        let start = ContinuousClock.now
        do {
            // Polls stdin for 5 s, then blocks reading it: only the interrupt can end the run early.
            let run = try runProbe(["poll"], stdin: MemoryPipe(), store: store) { $0.clocks = .monotonic }
            Issue.record("the guest finished: \(run.stdout)")
        } catch let trap as Trap {
            #expect(trap.reason == .interrupted)
        }
        #expect(ContinuousClock.now - start < .seconds(3))
    }
}
