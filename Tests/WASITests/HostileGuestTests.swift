import Testing
import WASI

/// A guest passing bad pointers and lengths gets errors, never a host crash, and keeps running.
@Suite struct HostileGuestTests {
    @Test func badPointersAndLengthsGetErrors() throws {
        let sandbox = try TemporaryDirectory()
        let run = try runProbe(["hostile"]) { grants in
            grants.random = true
            grants.directories = [DirectoryGrant(hostPath: sandbox.path, guestPath: "/data", access: .readOnly)]
        }
        let fault = code(.fault), invalid = code(.invalid)
        #expect(run.exitCode == 0)
        #expect(run.lines == [
            "iovec array out of bounds: \(fault)",
            "iovec array past 4GiB: \(fault)",
            "buffer out of bounds: \(fault)",
            "huge length: \(fault)",
            "huge iovec count: \(invalid)",
            "result pointer out of bounds: \(fault)",
            "read into bad buffer: \(fault)",
            "path out of bounds: \(fault)",
            "path length huge: \(fault)",
            "random huge: \(fault)",
            "args to bad pointers: \(fault)",
            "poll huge count: \(fault)",
            "poll no subscriptions: \(invalid)",
            "prestat name bad buffer: \(fault)",
            "bad descriptor: \(code(.badDescriptor))",
            "overlapping buffers: 0 wrote \(16 << 20)",
        ])
        #expect(run.stderrBytes.count == 16 << 20)
    }
}
