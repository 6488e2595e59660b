import ComponentModel
import Foundation
import Testing
import WasmRuntime
@testable import WASI

/// A served instance, once released, frees its store and WASI host (they hold each other
/// through the store's host functions).
@Suite struct ServedInstanceReleaseTests {
    static func target() throws -> WASIHTTPTarget {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Components/proxy.component.wasm")
        let component = try LoadedComponent(bytes: [UInt8](try Data(contentsOf: url)))
        return try WASIHTTPTarget(component: component, grants: GrantSet(WASIGrants()))
    }

    @Test func aReleasedInstanceFreesItsStoreAndHost() throws {
        let target = try Self.target()
        weak var store: Store?
        weak var host: WASIComponentHost?
        weak var handler: ComponentFunction?
        do {
            let served = try target.takeInstance()
            store = served.wasi.store
            host = served.wasi
            handler = served.handler
            served.release()
        }
        #expect(handler == nil)
        #expect(host == nil)
        #expect(store == nil)
    }
}
