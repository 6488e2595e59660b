import Testing
import WasmCore
@testable import WasmRuntime

/// A store is freed with its last outside reference: its instances' exports do not hold it,
/// and `releaseHostFunctions()` lets go of host closures that do.
@Suite struct StoreReleaseTests {
    @Test func aStoreWithExportingInstancesIsFreedWithItsLastReference() throws {
        weak var released: Store?
        do {
            let store = Store()
            released = store
            let instance = try instantiate("""
            (module (memory (export "memory") 1) (global (export "g") i32 (i32.const 3))
              (func (export "seven") (result i32) (i32.const 7)))
            """, store: store)
            #expect(try instance.call("seven") == [.i32(7)])
            #expect(instance.exports.map(\.name) == ["memory", "g", "seven"])
        }
        #expect(released == nil)
    }

    @Test func releasedHostFunctionsTrapAndNoLongerKeepTheStore() throws {
        weak var released: Store?
        do {
            let store = Store()
            released = store
            // The closure holds the store: a cycle through the store's function records.
            let host = store.makeHostFunction(type: FunctionType(parameters: [], results: [.i32]), name: "fuel-left") { _, _ in
                [.i32(store.fuel == nil ? 1 : 0)]
            }
            var imports = Imports()
            imports.define(module: "host", name: "fuel-left", .function(host))
            let instance = try instantiate("""
            (module (import "host" "fuel-left" (func $f (result i32))) (func (export "run") (result i32) (call $f)))
            """, store: store, imports: imports)
            #expect(try instance.call("run") == [.i32(1)])
            store.releaseHostFunctions()
            #expect(trapReason { try instance.call("run") } == .host("host function fuel-left was released with its store"))
        }
        #expect(released == nil)
    }
}
