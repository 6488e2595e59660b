import Foundation
import Testing
import WASI

/// One test per way out of a preopen; none may reach the file outside it.
@Suite struct SandboxTests {
    /// A sandbox directory `data` and, next to it, `outside/secret.txt` containing "SECRET".
    final class Layout: @unchecked Sendable {
        let root: TemporaryDirectory
        let data: String
        let secret: String

        init() throws {
            root = try TemporaryDirectory()
            data = try root.makeDirectory("data")
            try root.makeDirectory("outside")
            try root.write("SECRET", to: "outside/secret.txt")
            secret = root.url.appendingPathComponent("outside/secret.txt").path
            try root.write("inside", to: "data/inside.txt")
        }

        func grant(_ access: DirectoryGrant.Access = .readWrite) -> DirectoryGrant {
            DirectoryGrant(hostPath: data, guestPath: "/data", access: access)
        }

        func probe(_ arguments: [String], access: DirectoryGrant.Access = .readWrite) throws -> ProbeRun {
            try runProbe(arguments) { $0.directories = [grant(access)] }
        }
    }

    @Test func dotDotCannotLeave() throws {
        let layout = try Layout()
        #expect(try layout.probe(["raw-open", "../outside/secret.txt"]).lines == ["path_open ../outside/secret.txt: \(code(.notCapable))"])
        try layout.root.makeDirectory("data/sub")
        #expect(try layout.probe(["raw-open", "sub/../../outside/secret.txt"]).lines.first == "path_open sub/../../outside/secret.txt: \(code(.notCapable))")
        #expect(try layout.probe(["raw-open", "sub/../inside.txt"]).lines == ["path_open sub/../inside.txt: 0", "contents: inside"])
        #expect(!(try layout.probe(["cat", "/data/../outside/secret.txt"]).stdout.contains("SECRET")))
    }

    @Test func absolutePathsAreRefused() throws {
        let layout = try Layout()
        #expect(try layout.probe(["raw-open", layout.secret]).lines == ["path_open \(layout.secret): \(code(.notCapable))"])
        let viaLibc = try layout.probe(["cat", layout.secret])
        #expect(viaLibc.exitCode == 1)
        #expect(!viaLibc.stdout.contains("SECRET"))
    }

    @Test func relativeSymlinkToOutsideIsRefused() throws {
        let layout = try Layout()
        try layout.root.symlink("data/escape", to: "../outside/secret.txt")
        #expect(try layout.probe(["raw-open", "escape", "follow"]).lines == ["path_open escape: \(code(.notCapable))"])
        #expect(try layout.probe(["raw-open", "escape"]).lines == ["path_open escape: \(code(.loop))"])
        #expect(!(try layout.probe(["cat", "/data/escape"]).stdout.contains("SECRET")))
    }

    @Test func absoluteSymlinkToOutsideIsRefused() throws {
        let layout = try Layout()
        try layout.root.symlink("data/escape", to: layout.secret)
        #expect(try layout.probe(["raw-open", "escape", "follow"]).lines == ["path_open escape: \(code(.notCapable))"])
        #expect(!(try layout.probe(["cat", "/data/escape"]).stdout.contains("SECRET")))
    }

    @Test func symlinkedDirectoryToOutsideIsRefused() throws {
        let layout = try Layout()
        try layout.root.symlink("data/relative", to: "../outside")
        try layout.root.symlink("data/absolute", to: layout.root.url.appendingPathComponent("outside").path)
        #expect(try layout.probe(["raw-open", "relative/secret.txt"]).lines == ["path_open relative/secret.txt: \(code(.notCapable))"])
        #expect(try layout.probe(["raw-open", "absolute/secret.txt"]).lines == ["path_open absolute/secret.txt: \(code(.notCapable))"])
    }

    @Test func creatingThroughAnEscapingSymlinkIsRefused() throws {
        let layout = try Layout()
        try layout.root.symlink("data/planted", to: layout.root.url.appendingPathComponent("outside/created.txt").path)
        let run = try layout.probe(["write", "/data/planted", "pwned"])
        #expect(run.exitCode == 1)
        #expect(!layout.root.exists("outside/created.txt"))
    }

    /// The host swaps what a path names (a file, a symlink inside, a symlink outside, a
    /// symlinked directory) while the guest keeps opening it: the guest never reads the secret.
    @Test func swappingSymlinksDuringCallsNeverEscapes() throws {
        let layout = try Layout()
        try layout.root.makeDirectory("data/realdir")
        try layout.root.write("inside", to: "data/realdir/secret.txt")
        let outsideDirectory = layout.root.url.appendingPathComponent("outside").path
        let data = URL(fileURLWithPath: layout.data)
        let stop = Stop()
        let swapper = Thread {
            let manager = FileManager.default
            let finalCandidates = ["inside.txt", layout.secret, "../outside/secret.txt"]
            let directoryCandidates = ["realdir", outsideDirectory, "../outside"]
            var round = 0
            while !stop.isSet {
                for (name, targets) in [("f", finalCandidates), ("d", directoryCandidates)] {
                    let temporary = data.appendingPathComponent(".\(name).swap").path
                    try? manager.removeItem(atPath: temporary)
                    if round % 4 == 3 && name == "f" {
                        manager.createFile(atPath: temporary, contents: Data("inside".utf8))
                    } else {
                        try? manager.createSymbolicLink(atPath: temporary, withDestinationPath: targets[round % 3])
                    }
                    rename(temporary, data.appendingPathComponent(name).path)
                }
                usleep(20)
                round += 1
            }
            stop.finish()
        }
        try layout.root.symlink("data/f", to: "inside.txt")
        try layout.root.symlink("data/d", to: "realdir")
        swapper.start()
        defer { stop.set(); stop.waitUntilFinished() }
        for path in ["f", "d/secret.txt"] {
            // The swaps interleave with the opens at the scheduler's whim: run until both
            // outcomes were seen, which shows the race really happened.
            var inside = 0, failed = 0
            for _ in 0..<20 where inside == 0 || failed == 0 {
                let run = try layout.probe(["race", path, "200"])
                let counts = (run.lines.first ?? "").split(separator: " ").compactMap { Int($0) }
                #expect(counts.count == 3 && counts[1] == 0, "\(path): \(run.stdout)")
                guard counts.count == 3 else { break }
                inside += counts[0]
                failed += counts[2]
            }
            #expect(inside > 0 && failed > 0, "\(path): \(inside) reads inside, \(failed) refused")
        }
    }

    @Test func readOnlyPreopenRefusesEveryChange() throws {
        let layout = try Layout()
        try layout.root.makeDirectory("data/dir")
        let write = try layout.probe(["write", "/data/new.txt", "x"], access: .readOnly)
        #expect(write.lines == ["open /data/new.txt: errno \(code(.readOnlyFileSystem))"])
        #expect(!layout.root.exists("data/new.txt"))
        let overwrite = try layout.probe(["write", "/data/inside.txt", "changed"], access: .readOnly)
        #expect(overwrite.exitCode == 1)
        #expect(try layout.root.read("data/inside.txt") == "inside")
        #expect(try layout.probe(["raw-create", "other.txt"], access: .readOnly).lines == ["path_open other.txt: \(code(.readOnlyFileSystem))"])
        let files = try layout.probe(["files", "/data"], access: .readOnly)
        #expect(files.lines == ["mkdir /data/sub: errno \(code(.readOnlyFileSystem))"])
        #expect(try layout.probe(["cat", "/data/inside.txt"], access: .readOnly).stdout == "inside")
    }

    @Test func withoutAPreopenNothingIsReachable() throws {
        let layout = try Layout()
        let viaLibc = try runProbe(["cat", "/data/inside.txt"])
        #expect(viaLibc.exitCode == 1)
        #expect(viaLibc.lines.first?.hasPrefix("open /data/inside.txt: errno") == true)
        let raw = try runProbe(["raw-open", "inside.txt"])
        #expect(raw.lines == ["path_open inside.txt: \(code(.badDescriptor))"])
        _ = layout
    }

    @Test func specialFilesAreNotOpened() throws {
        let layout = try Layout()
        let fifo = URL(fileURLWithPath: layout.data).appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(try layout.probe(["raw-open", "fifo"]).lines == ["path_open fifo: \(code(.access))"])
    }
}

/// A flag a test sets to stop a helper thread, and the thread's completion.
final class Stop: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false

    var isSet: Bool { condition.withLock { stopped } }
    func set() { condition.withLock { stopped = true } }

    func finish() {
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }

    func waitUntilFinished() {
        condition.withLock {
            while !finished { condition.wait() }
        }
    }
}

@Suite struct CrossPreopenTests {
    /// A hard link would give write access through the read-write preopen to a file of the
    /// read-only one.
    @Test func hardLinkingOutOfAReadOnlyPreopenIsRefused() throws {
        let readOnly = try TemporaryDirectory()
        let readWrite = try TemporaryDirectory()
        try readOnly.write("protected", to: "file.txt")
        let run = try runProbe(["raw-link", "file.txt", "copy.txt"]) { grants in
            grants.directories = [
                DirectoryGrant(hostPath: readOnly.path, guestPath: "/ro", access: .readOnly),
                DirectoryGrant(hostPath: readWrite.path, guestPath: "/rw", access: .readWrite),
            ]
        }
        #expect(run.lines == ["path_link: \(code(.readOnlyFileSystem))"])
        #expect(!readWrite.exists("copy.txt"))
    }

    @Test func hardLinkingBetweenReadWritePreopensWorks() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        try first.write("shared", to: "file.txt")
        let run = try runProbe(["raw-link", "file.txt", "copy.txt"]) { grants in
            grants.directories = [
                DirectoryGrant(hostPath: first.path, guestPath: "/a", access: .readWrite),
                DirectoryGrant(hostPath: second.path, guestPath: "/b", access: .readWrite),
            ]
        }
        #expect(run.lines == ["path_link: 0"])
        #expect(try second.read("copy.txt") == "shared")
    }
}
