import Foundation
import Testing
import WASI

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
