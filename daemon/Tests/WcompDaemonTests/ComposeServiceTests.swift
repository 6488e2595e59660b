import Foundation
import GRPCCore
import Testing
import WcompDaemon
import WcompDaemonProto

/// ComposeComponents: stored components composed into a new stored component.
@Suite("Composition")
struct ComposeServiceTests {
    @Test("plug mode and a WAC file compose stored components into one that runs")
    func compose() async throws {
        let daemon = try await TestDaemon()
        try await daemon.withClient { client in
            let socket = try await client.upload(try TestDaemon.fixture("doubler-user"), name: "user").component.sha256
            let plug = try await client.upload(try TestDaemon.fixture("doubler"), name: "doubler").component.sha256

            var request = Wcomp_Daemon_V1_ComposeComponentsRequest()
            request.name = "composed"
            var plugMode = Wcomp_Daemon_V1_PlugComposition()
            plugMode.socketSha256 = socket
            plugMode.plugSha256 = [plug]
            request.plug = plugMode
            let composed = try await client.components.composeComponents(request)
            #expect(composed.component.name == "composed")
            #expect(composed.component.importCount == 0)
            #expect(!composed.deduplicated)
            #expect(try await client.components.composeComponents(request).deduplicated)

            var wac = Wcomp_Daemon_V1_WACComposition()
            wac.source = """
                package local:app;
                let d = new test:doubler {};
                let app = new test:user { double: d.double };
                export app.run;
                """
            wac.packages = ["test:doubler": plug, "test:user": socket]
            request.name = "from-wac"
            request.wac = wac
            let fromFile = try await client.components.composeComponents(request)
            #expect(fromFile.component.importCount == 0)

            for (instance, sha256) in [("plugged", composed.component.sha256), ("wired", fromFile.component.sha256)] {
                var create = Wcomp_Daemon_V1_CreateInstanceRequest()
                create.name = instance
                create.componentSha256 = sha256
                _ = try await client.instances.createInstance(create)
                let result = try await client.instances.invokeInstance(InstanceServiceTests.invoke(instance, "run(20)"))
                #expect(result.wave == "41")
            }
        }
        try await daemon.stop()
    }

    @Test("bad compositions fail with INVALID_ARGUMENT and the composer's message; unknown digests with NOT_FOUND")
    func errors() async throws {
        let daemon = try await TestDaemon()
        try await daemon.withClient { client in
            let socket = try await client.upload(try TestDaemon.fixture("doubler-user"), name: "user").component.sha256
            let calculator = try await client.upload(try TestDaemon.fixture("calculator"), name: "calculator").component.sha256
            var request = Wcomp_Daemon_V1_ComposeComponentsRequest()
            request.name = "composed"
            #expect(await statusCode { _ = try await client.components.composeComponents(request) } == .invalidArgument)

            var plug = Wcomp_Daemon_V1_PlugComposition()
            plug.socketSha256 = socket
            plug.plugSha256 = [calculator]
            request.plug = plug
            let unused = await rpcError { _ = try await client.components.composeComponents(request) }
            #expect(unused?.code == .invalidArgument)
            #expect(unused?.message.contains("satisfies no import") == true)

            plug.plugSha256 = [String(repeating: "0", count: 64)]
            request.plug = plug
            #expect(await statusCode { _ = try await client.components.composeComponents(request) } == .notFound)
            plug.plugSha256 = ["not-a-digest"]
            request.plug = plug
            #expect(await statusCode { _ = try await client.components.composeComponents(request) } == .invalidArgument)

            var wac = Wcomp_Daemon_V1_WACComposition()
            wac.source = "package local:app;\nlet x = new test:missing {};\nexport x.run;"
            request.wac = wac
            let missing = await rpcError { _ = try await client.components.composeComponents(request) }
            #expect(missing?.code == .invalidArgument)
            #expect(missing?.message.contains("test:missing") == true)
            wac.source = "package local:app;\nlet = ;"
            request.wac = wac
            let syntax = await rpcError { _ = try await client.components.composeComponents(request) }
            #expect(syntax?.code == .invalidArgument)
            #expect(syntax?.message.contains("wac.source:2:") == true)

            let components = try await client.components.listComponents(Wcomp_Daemon_V1_ListComponentsRequest()).components
            #expect(components.count == 2)
        }
        try await daemon.stop()
    }
}
