import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

@Suite("Components")
struct ComponentServiceTests {
    @Test("upload stores a component once per SHA-256 and lists it")
    func uploadDeduplicates() async throws {
        let daemon = try await TestDaemon()
        let bytes = try TestDaemon.fixture("calculator")
        try await daemon.withClient { client in
            let first = try await client.upload(bytes, name: "calculator", chunkSize: 100)
            #expect(first.component.sha256 == ComponentCatalog.digest(bytes))
            #expect(first.component.sizeBytes == UInt64(bytes.count))
            #expect(first.component.exportCount == 4)
            #expect(first.component.importCount == 0)
            #expect(!first.deduplicated)
            let second = try await client.upload(bytes, name: "other-name")
            #expect(second.deduplicated)
            #expect(second.component.name == "calculator")
            let list = try await client.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest())
            #expect(list.components.map(\.sha256) == [first.component.sha256])
        }
        let blob = daemon.root + "/state/components/" + ComponentCatalog.digest(bytes) + ".wasm"
        #expect(FileManager.default.contents(atPath: blob).map([UInt8].init) == bytes)
        try await daemon.stop()
    }

    @Test("a bad component is rejected with INVALID_ARGUMENT saying why, and nothing is stored")
    func badComponentRejected() async throws {
        let daemon = try await TestDaemon()
        try await daemon.withClient { client in
            var garbage = try TestDaemon.fixture("calculator")
            garbage.removeLast(10)
            let error = await rpcError { _ = try await client.upload(garbage, name: "broken") }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("not a valid component") == true)
            let notWasm = await rpcError { _ = try await client.upload(Array("hello".utf8), name: "text") }
            #expect(notWasm?.code == .invalidArgument)
            let badName = await statusCode { _ = try await client.upload(try TestDaemon.fixture("calculator"), name: "../etc") }
            #expect(badName == .invalidArgument)
            let mismatch = await statusCode {
                _ = try await client.upload(try TestDaemon.fixture("calculator"), name: "c", expectedSHA256: String(repeating: "0", count: 64))
            }
            #expect(mismatch == .dataLoss)
            let list = try await client.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest())
            #expect(list.components.isEmpty)
        }
        let blobs = try FileManager.default.contentsOfDirectory(atPath: daemon.root + "/state/components")
        #expect(blobs.isEmpty)
        try await daemon.stop()
    }

    @Test("inspect shows the world's exports with WIT types")
    func inspect() async throws {
        let daemon = try await TestDaemon()
        try await daemon.withClient { client in
            let sha256 = try await client.upload(try TestDaemon.fixture("calculator"), name: "calculator").component.sha256
            var request = Wcomp_Daemon_V1_InspectComponentRequest()
            request.sha256 = sha256
            let response = try await client.components.inspectComponent(request)
            #expect(response.imports.isEmpty)
            let exports = Dictionary(uniqueKeysWithValues: response.exports.map { ($0.name, $0.type) })
            #expect(exports["add"] == "func(a: u32, b: u32) -> u32")
            #expect(exports["negate"] == "func(x: s64) -> s64")
            #expect(exports["boom"] == "func()")
            request.sha256 = String(repeating: "a", count: 64)
            #expect(await statusCode { _ = try await client.components.inspectComponent(request) } == .notFound)
            request.sha256 = "not-a-digest"
            #expect(await statusCode { _ = try await client.components.inspectComponent(request) } == .invalidArgument)
        }
        try await daemon.stop()
    }

    @Test("delete is refused while an instance uses the component, then removes it and its blob")
    func deleteRefusedWhileUsed() async throws {
        let daemon = try await TestDaemon()
        let sha256 = try await daemon.createInstance("calc", of: "calculator")
        try await daemon.withClient { client in
            var delete = Wcomp_Daemon_V1_DeleteComponentRequest()
            delete.sha256 = sha256
            let refused = await rpcError { _ = try await client.components.deleteComponent(delete) }
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.message.contains("calc") == true)
            var deleteInstance = Wcomp_Daemon_V1_DeleteInstanceRequest()
            deleteInstance.name = "calc"
            _ = try await client.instances.deleteInstance(deleteInstance)
            _ = try await client.components.deleteComponent(delete)
            let list = try await client.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest())
            #expect(list.components.isEmpty)
            #expect(await statusCode { _ = try await client.components.deleteComponent(delete) } == .notFound)
        }
        #expect(!FileManager.default.fileExists(atPath: daemon.root + "/state/components/\(sha256).wasm"))
        try await daemon.stop()
    }
}
