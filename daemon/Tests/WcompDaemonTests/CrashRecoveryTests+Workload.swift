import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import WcompDaemon
import WcompDaemonProto

/// The clients the crash test runs against a daemon until it is killed: uploads of large,
/// distinct components in chunks, and grant additions and revocations.
extension CrashRecoveryTests {
    typealias Client = DaemonClient<HTTP2ClientTransport.Posix>

    /// Uploads distinct components of 1 to 2 MiB in 256 KiB chunks until cancelled.
    static func uploadLoop(_ client: Client, base: [UInt8], ledger: CrashLedger) async {
        while !Task.isCancelled {
            let bytes = largeComponent(base: base, payloadBytes: Int.random(in: (1 << 20)...(2 << 20)))
            do {
                let stored = try await client.upload(bytes, name: "crash-test", chunkSize: 256 << 10).component
                await ledger.uploaded(stored.sha256, size: Int(stored.sizeBytes))
            } catch {
                await ledger.failed("upload of \(bytes.count) bytes", error)
                return
            }
        }
    }

    /// Adds environment and directory grants to `instance` and revokes some of them again,
    /// until cancelled.
    static func grantLoop(_ client: Client, instance: String, directory: String, ledger: CrashLedger) async {
        var active: [Int64] = []
        var serial = 0
        while !Task.isCancelled {
            do {
                if active.count > 2, Bool.random() {
                    let id = active.remove(at: Int.random(in: 0..<active.count))
                    await ledger.revoking(id)
                    var request = Wcomp_Daemon_V1_RevokeGrantRequest()
                    request.instance = instance
                    request.grantID = id
                    _ = try await client.grants.revokeGrant(request)
                    await ledger.revoked(id)
                } else {
                    serial += 1
                    var request = Wcomp_Daemon_V1_AddGrantRequest()
                    request.instance = instance
                    request.grant = serial % 5 == 0
                        ? .directory(directory, guestPath: "/data\(serial)", readOnly: serial % 2 == 0)
                        : .environment("VARIABLE_\(serial)", String(repeating: "v", count: serial % 100))
                    let added = try await client.grants.addGrant(request).grant
                    await ledger.granted(added)
                    active.append(added.id)
                }
            } catch {
                await ledger.failed("grant change on \(instance)", error)
                return
            }
        }
    }

    /// `base` (a component) followed by a custom section carrying `payloadBytes` random bytes:
    /// a valid component of about that size whose digest no other upload shares.
    static func largeComponent(base: [UInt8], payloadBytes: Int) -> [UInt8] {
        let name = Array("wcomp-crash-test".utf8)
        var random = SystemRandomNumberGenerator()
        var payload = [UInt8](repeating: 0, count: payloadBytes)
        payload.withUnsafeMutableBytes { buffer in
            for offset in stride(from: 0, to: buffer.count - 7, by: 8) {
                buffer.storeBytes(of: random.next() as UInt64, toByteOffset: offset, as: UInt64.self)
            }
        }
        let content = leb128(UInt32(name.count)) + name + payload
        return base + [0] + leb128(UInt32(content.count)) + content
    }

    /// The unsigned LEB128 encoding of `value`.
    static func leb128(_ value: UInt32) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            let low = UInt8(value & 0x7f)
            value >>= 7
            bytes.append(value == 0 ? low : low | 0x80)
        } while value != 0
        return bytes
    }
}
