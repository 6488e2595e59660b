import Foundation
import GRPCCore
import SwiftProtobuf
import Testing
import WcompDaemon
import WcompDaemonProto

/// StreamLogs: what guests write to stdout and stderr through WASI, line by line.
@Suite("Instance logs")
struct InstanceLogsTests {
    /// Makes the probe instance `instance` print `out` to stdout and `err` to stderr.
    static func print(_ client: DaemonClient<some ClientTransport>, _ instance: String, out: String, err: String = "") async throws {
        let call = "\"\(WASIGrantTests.probe)#print\"(\(Self.waveString(out)), \(Self.waveString(err)))"
        _ = try await client.instances.invokeInstance(InstanceServiceTests.invoke(instance, call))
    }

    static func waveString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func request(_ name: String, follow: Bool = false, tail: UInt32 = 0, since: Date? = nil) -> Wcomp_Daemon_V1_StreamLogsRequest {
        var request = Wcomp_Daemon_V1_StreamLogsRequest()
        request.name = name
        request.follow = follow
        request.tail = tail
        if let since { request.since = Google_Protobuf_Timestamp(date: since) }
        return request
    }

    /// The retained lines StreamLogs (without follow) sends, as (stream, text).
    static func lines(_ client: DaemonClient<some ClientTransport>, _ request: Wcomp_Daemon_V1_StreamLogsRequest) async throws
        -> [(stream: Wcomp_Daemon_V1_LogEntry.Stream, text: String)] {
        try await client.instances.streamLogs(request) { response in
            var lines: [(Wcomp_Daemon_V1_LogEntry.Stream, String)] = []
            for try await entry in response.messages { lines.append((entry.stream, String(decoding: entry.data, as: UTF8.self))) }
            return lines
        }
    }

    @Test("stdout and stderr lines are retained in order; tail and since select; bad names are refused")
    func retained() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("talker", of: "wasi-probe")
        try await daemon.withClient { client in
            #expect(try await Self.lines(client, Self.request("talker")).isEmpty)
            try await Self.print(client, "talker", out: "one\ntwo\n", err: "oops\n")
            try await Self.print(client, "talker", out: "no newline")
            let all = try await Self.lines(client, Self.request("talker"))
            #expect(all.map(\.text) == ["one", "two", "oops", "no newline"])
            #expect(all.map(\.stream) == [.stdout, .stdout, .stderr, .stdout])
            let last = try await Self.lines(client, Self.request("talker", tail: 2))
            #expect(last.map(\.text) == ["oops", "no newline"])
            let future = try await Self.lines(client, Self.request("talker", since: Date().addingTimeInterval(60)))
            #expect(future.isEmpty)
            #expect(await statusCode { _ = try await Self.lines(client, Self.request("nobody")) } == .notFound)
            #expect(await statusCode { _ = try await Self.lines(client, Self.request("bad name")) } == .invalidArgument)
        }
        try await daemon.stop()
    }

    @Test("the ring buffer keeps the newest lines within its byte budget; sequences show the gap")
    func bounded() async throws {
        let daemon = try await TestDaemon { $0.logBytesPerInstance = 2048 }
        _ = try await daemon.createInstance("chatty", of: "wasi-probe")
        try await daemon.withClient { client in
            let text = (0..<200).map { "line \($0)\n" }.joined()
            try await Self.print(client, "chatty", out: text)
            let entries = try await client.instances.streamLogs(Self.request("chatty")) { response in
                try await response.messages.reduce(into: [Wcomp_Daemon_V1_LogEntry]()) { $0.append($1) }
            }
            #expect(entries.count > 10 && entries.count < 40)
            #expect(entries.last.map { String(decoding: $0.data, as: UTF8.self) } == "line 199")
            #expect(entries.first?.sequence == UInt64(200 - entries.count))
        }
        try await daemon.stop()
    }

    @Test("follow streams new lines as they are written until the client leaves; the daemon still shuts down")
    func follow() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("talker", of: "wasi-probe")
        try await daemon.withClient { client in
            try await Self.print(client, "talker", out: "before\n")
            let received = try await client.instances.streamLogs(Self.request("talker", follow: true, tail: 1)) { response in
                var lines: [String] = []
                for try await entry in response.messages {
                    lines.append(String(decoding: entry.data, as: UTF8.self))
                    if lines.count == 1 {
                        try await Self.print(client, "talker", out: "during 1\nduring 2\n", err: "warn\n")
                    }
                    if lines.count == 4 { break }
                }
                return lines
            }
            #expect(received == ["before", "during 1", "during 2", "warn"])
        }
        // A follower left open ends at shutdown (once the first follower has gone).
        while daemon.server.state.openStreams.count > 0 { try await Task.sleep(for: .milliseconds(5)) }
        let open = Task {
            try await daemon.withClient { client in
                try await Self.lines(client, Self.request("talker", follow: true)).count
            }
        }
        while daemon.server.state.openStreams.count == 0 { try await Task.sleep(for: .milliseconds(5)) }
        try await daemon.stop()
        #expect(try await open.value == 4)
    }

    @Test("deleting the instance ends its followers")
    func deleteEndsFollow() async throws {
        let daemon = try await TestDaemon()
        _ = try await daemon.createInstance("short", of: "wasi-probe")
        try await daemon.withClient { client in
            try await Self.print(client, "short", out: "last words\n")
            async let followed = Self.lines(client, Self.request("short", follow: true))
            while daemon.server.state.openStreams.count == 0 { try await Task.sleep(for: .milliseconds(5)) }
            var delete = Wcomp_Daemon_V1_DeleteInstanceRequest()
            delete.name = "short"
            _ = try await client.instances.deleteInstance(delete)
            #expect(try await followed.map(\.text) == ["last words"])
        }
        try await daemon.stop()
    }
}
