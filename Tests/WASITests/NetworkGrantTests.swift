import Foundation
import Testing
import WASI

/// wasi:sockets UDP against real host sockets on 127.0.0.1, and the outbound grants cutting
/// established connections: the guest is Components/guest.c (modes `udp` and `tcp`).
@Suite struct NetworkGrantTests {
    typealias Guest = ComponentCommandTests.Guest

    /// A host UDP socket on 127.0.0.1 (port chosen by the system) that records what it gets.
    final class UDPPeer: @unchecked Sendable {
        let socket: Int32
        let port: UInt16

        init() throws {
            (socket, port) = try LoopbackHTTP.boundSocket(Int32(SOCK_DGRAM.rawValue))
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(socket) }

        /// Receives `count` datagrams (waiting at most 10 seconds for each), then answers the
        /// last sender with one datagram: "pong: " and the texts joined by "|".
        func answer(after count: Int) -> [String] {
            var texts: [String] = []
            var sender = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            var buffer = [UInt8](repeating: 0, count: 2048)
            for _ in 0..<count {
                length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let received = withUnsafeMutablePointer(to: &sender) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(socket, &buffer, buffer.count, 0, $0, &length) }
                }
                guard received >= 0 else { return texts }
                texts.append(String(decoding: buffer[..<received], as: UTF8.self))
            }
            let reply = Array("pong: \(texts.joined(separator: "|"))".utf8)
            _ = withUnsafePointer(to: &sender) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(socket, reply, reply.count, 0, $0, length) }
            }
            return texts
        }

        /// Whether a datagram arrives within `seconds`.
        func receivesAnything(within seconds: Int) -> Bool {
            var target = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            return poll(&target, 1, Int32(seconds * 1000)) > 0
        }
    }

    @Test func udpExchangesDatagramsWithAGrantedPeer() throws {
        let peer = try UDPPeer()
        let other = try UDPPeer()
        let guest = try Guest(["udp", "\(peer.port)", "\(other.port)"]) { grants in
            grants.network = [NetworkRule(parsing: "127.0.0.1:\(peer.port)")!]
        }
        let received = Reply()
        Thread.detachNewThread { received.set(peer.answer(after: 2).joined(separator: "|")) }
        #expect(try guest.run() == 0)
        #expect(received.wait() == "ping from the guest|second")
        // error-code 9 is `invalid-state`, 3 `invalid-argument`, 1 `access-denied`.
        #expect(guest.lines == [
            "unbound local-address error: 9",
            "bound to a port",
            "hop limit: 42",
            "receive buffer: positive",
            "remote port matches: yes",
            "sent: 2",
            "received: pong: ping from the guest|second from port \(peer.port)",
            "send to another port error: 3",
            "unconnected send to another port error: 1",
        ])
        #expect(!other.receivesAnything(within: 0))
    }

    @Test func udpWithoutAGrantSendsNothing() throws {
        let peer = try UDPPeer()
        let guest = try Guest(["udp", "\(peer.port)", "\(peer.port)"])
        #expect(try guest.run() == 0)
        #expect(guest.lines.suffix(2) == ["receive buffer: positive", "stream error: 1"])
        #expect(!peer.receivesAnything(within: 0))
    }

    @Test func unconnectedUDPReachesEveryGrantedPort() throws {
        let peer = try UDPPeer()
        let other = try UDPPeer()
        let guest = try Guest(["udp", "\(peer.port)", "\(other.port)"]) { grants in
            grants.network = [NetworkRule(parsing: "127.0.0.1")!]
        }
        let received = Reply()
        Thread.detachNewThread { received.set(peer.answer(after: 2).joined(separator: "|")) }
        #expect(try guest.run() == 0)
        #expect(received.wait() == "ping from the guest|second")
        #expect(guest.lines.last == "unconnected sent: 1")
        #expect(other.receivesAnything(within: 10))
    }

    @Test func revokingTheNetworkGrantCutsAnEstablishedTCPConnection() throws {
        // A server that revokes the guest's grant after reading its request, then replies.
        let (listener, port) = try LoopbackHTTP.boundSocket(Int32(SOCK_STREAM.rawValue))
        defer { close(listener) }
        #expect(listen(listener, 1) == 0)
        let guest = try Guest(["tcp", "\(port)"]) { grants in
            grants.network = [NetworkRule(parsing: "127.0.0.1:\(port)")!]
        }
        let grants = guest.grants
        let served = Reply()
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(connection, &buffer, buffer.count, 0)
            grants.update { $0.network = [] }
            let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)
            _ = send(connection, reply, reply.count, 0)
            served.set(String(decoding: buffer[..<max(count, 0)], as: UTF8.self))
            close(connection)
        }
        #expect(try guest.run() == 0)
        #expect(served.wait().hasPrefix("GET /over-tcp HTTP/1.1"))
        // The reply arrived, but the connection's grant is gone: the read fails.
        #expect(guest.lines == ["read failed"])
    }
}
