import Foundation
import Testing
import WASI

@Suite struct GrantModelTests {
    @Test func nothingIsGrantedByDefault() {
        let grants = WASIGrants()
        #expect(grants.directories.isEmpty && grants.environment.isEmpty && grants.arguments.isEmpty)
        #expect(grants.clocks.isEmpty && !grants.random && grants.network.isEmpty)
        #expect(!grants.allowsOutbound(host: "example.com", port: 443))
    }

    @Test func networkRulesMatchAddressesNamesAndPorts() throws {
        var grants = WASIGrants()
        grants.network = [
            try #require(NetworkRule(parsing: "api.example.com:443")),
            try #require(NetworkRule(parsing: "*.internal.test:8000-8999")),
            try #require(NetworkRule(parsing: "10.1.0.0/16")),
            try #require(NetworkRule(parsing: "[::1]:80")),
        ]
        #expect(grants.allowsOutbound(host: "api.example.com", port: 443))
        #expect(grants.allowsOutbound(host: "API.Example.COM.", port: 443))
        #expect(!grants.allowsOutbound(host: "api.example.com", port: 80))
        #expect(!grants.allowsOutbound(host: "evil-api.example.com", port: 443))
        #expect(grants.allowsOutbound(host: "db.internal.test", port: 8080))
        #expect(!grants.allowsOutbound(host: "internal.test", port: 8080))
        #expect(!grants.allowsOutbound(host: "db.internal.test", port: 9000))
        #expect(grants.allowsOutbound(host: "10.1.200.3", port: 22))
        #expect(!grants.allowsOutbound(host: "10.2.0.1", port: 22))
        #expect(grants.allowsOutbound(host: "::1", port: 80))
        #expect(!grants.allowsOutbound(host: "::2", port: 80))
        #expect(!grants.allowsOutbound(host: "127.0.0.1", port: 80))
    }

    @Test func malformedNetworkRulesAreRejected() {
        for text in ["", "host:", "host:99999", "host:20-10", "10.0.0.0/33", "bad host", "*.", "a..b"] {
            #expect(NetworkRule(parsing: text) == nil, "\(text)")
        }
        #expect(NetworkRule(parsing: "*")?.allows(host: "anything", port: 1) == true)
    }

    @Test func environmentHelpersReplaceAndRemove() {
        var grants = WASIGrants()
        grants.setEnvironmentVariable("A", "1")
        grants.setEnvironmentVariable("B", "2")
        grants.setEnvironmentVariable("A", "3")
        #expect(grants.environment == [EnvironmentVariable(name: "A", value: "3"), EnvironmentVariable(name: "B", value: "2")])
        grants.removeEnvironmentVariable("A")
        #expect(grants.environment.map(\.name) == ["B"])
    }

    @Test func grantSetChangesAreSeenBySnapshotsTakenAfterwards() {
        let set = GrantSet()
        let before = set.current
        set.update { $0.random = true }
        #expect(!before.random)
        #expect(set.current.random)
    }

    @Test func hostErrnoMapsExactly() {
        #expect(WASIErrno(hostErrno: ENOENT) == .noEntry)
        #expect(WASIErrno(hostErrno: EACCES) == .access)
        #expect(WASIErrno(hostErrno: ELOOP) == .loop)
        #expect(WASIErrno(hostErrno: EROFS) == .readOnlyFileSystem)
        #expect(WASIErrno(hostErrno: EWOULDBLOCK) == .again)
        #expect(WASIErrno(hostErrno: EOPNOTSUPP) == .notSupported)
        #expect(WASIErrno(hostErrno: EXDEV) == .crossDevice)
        #expect(WASIErrno.notCapable.rawValue == 76 && WASIErrno.tooBig.rawValue == 1)
        #expect(WASIErrno.allCases.map(\.rawValue) == Array(0...76))
        #expect(WASIErrno.noEntry.description == "ENOENT")
    }

    @Test func aMissingPreopenDirectoryIsAHostError() {
        var grants = WASIGrants()
        grants.directories = [DirectoryGrant(hostPath: "/nonexistent/wasi-test", guestPath: "/x", access: .readOnly)]
        #expect(throws: WASIHostError.self) { try WASIHost(grants: GrantSet(grants)) }
    }
}
