import Foundation
import Testing
@testable import WIT

/// The WIT shipped in `wit/` resolves, and its WASI packages resolve exactly like the
/// official WASI 0.2.12 copy in the test data.
struct ShippedWITTests {
    static let reference = TestPaths.testsuite.appendingPathComponent("wasi-wit")

    @Test func shippedWorldsResolve() throws {
        let (resolve, main) = try Resolve.load(directory: TestPaths.repository.appendingPathComponent("wit"))
        let package = resolve[package: main]
        #expect(package.name.description == "wcomp:host@0.1.0")
        #expect(package.worlds.keys == ["command", "proxy", "host-imports"])
        let command = resolve[world: package.worlds["command"]!]
        let run = resolve.packages.firstIndex { $0.name.description == "wasi:cli@0.2.12" }
            .flatMap { resolve.packages[$0].interfaces["run"] }
        #expect(run != nil && command.exports.keys == [.interface(run!)])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: reference.path)))
    func wasiPackagesMatchTheReference() throws {
        let (shipped, shippedMain) = try Resolve.load(directory: TestPaths.repository.appendingPathComponent("wit"))
        let (official, officialMain) = try Resolve.load(directory: Self.reference)
        #expect(shipped.packages.map(\.name) .filter { $0.namespace == "wasi" } == official.packages.map(\.name).filter { $0.namespace == "wasi" })
        #expect(shipped.packages.count == 8 && official.packages.count == 8)
        // The root packages come last, so every WASI item sits at the same index in both.
        #expect(shippedMain.index == 7 && officialMain.index == 7)
        // Compare the JSON form (which leaves out source positions) of every WASI item.
        let wasiInterfaceCount = official.interfaces.prefix { $0.package != officialMain }.count
        let wasiWorldCount = official.worlds.prefix { $0.package != officialMain }.count
        let wasiTypeCount = official.types.prefix { def in
            switch def.owner {
            case .interface(let id): official.interfaces[id.index].package != officialMain
            case .world(let id): official.worlds[id.index].package != officialMain
            case .none: true
            }
        }.count
        #expect(wasiInterfaceCount == 31 && wasiWorldCount == 9 && wasiTypeCount > 200)
        let shippedJSON = arenas(ResolveJSON.encode(shipped))
        let officialJSON = arenas(ResolveJSON.encode(official))
        #expect(Array(shippedJSON["interfaces"]!.prefix(wasiInterfaceCount)) == Array(officialJSON["interfaces"]!.prefix(wasiInterfaceCount)))
        #expect(Array(shippedJSON["worlds"]!.prefix(wasiWorldCount)) == Array(officialJSON["worlds"]!.prefix(wasiWorldCount)))
        #expect(Array(shippedJSON["types"]!.prefix(wasiTypeCount)) == Array(officialJSON["types"]!.prefix(wasiTypeCount)))
        #expect(Array(shippedJSON["packages"]!.prefix(7)) == Array(officialJSON["packages"]!.prefix(7)))
    }

    /// The top-level arrays of a resolve's JSON by name.
    private func arenas(_ json: JSONValue) -> [String: [JSONValue]] {
        guard case .object(let entries) = json else { return [:] }
        var result: [String: [JSONValue]] = [:]
        for (key, value) in entries {
            if case .array(let items) = value { result[key] = items }
        }
        return result
    }
}
