import Foundation
import Testing
import WASI
import WasmRuntime
@testable import WcompDaemon

/// A store and its host functions hold each other (the WASI host holds the store); an
/// instantiation the daemon drops (a trap, the end of a run, a deleted instance) must still be
/// freed, or each one leaks its memories.
@Suite("Instance runtime release")
struct InstanceRuntimeReleaseTests {
    @Test("the store of a WASI instantiation is freed when its instance runtime goes")
    func droppedRuntimeFreesItsStore() async throws {
        var runtime: InstanceRuntime? = InstanceRuntime(
            name: "probe", bytes: try TestDaemon.fixture("wasi-probe"), limits: InstanceLimits(),
            grants: GrantSet(WASIGrants()), log: InstanceLog(capacityBytes: 4096))
        _ = try await runtime?.invoke(.wave("\"\(WASIGrantTests.probe)#grow\"(0)"))
        weak var store = await runtime?.liveStore
        #expect(store != nil)
        runtime = nil
        #expect(store == nil)
    }
}
