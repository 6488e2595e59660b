import ComponentModel
import Foundation
import Testing

/// What generated bindings of async functions and futures do at run time, against
/// `Fixtures/async` (built from its `.wat` with `wasm-tools parse`): the typed call path the
/// generated `Exports` use works for an async func lifted synchronously and throws a clear
/// `ComponentTrap` for one lifted with the async ABI and for future values.
@Suite struct AsyncBindingTests {
    let instance: InstantiatedComponent

    init() throws {
        let bytes = try Data(contentsOf: TestPaths.testsDirectory.appending(path: "Fixtures/async/async.wasm"))
        instance = try ComponentLinker().instantiate(LoadedComponent(bytes: [UInt8](bytes)))
    }

    @Test func asyncFunctionLiftedSynchronouslyIsCalled() throws {
        let function = try TypedFunction<UInt32, UInt32>(#require(instance.function("sync-lifted")))
        #expect(try function(41) == 42)
    }

    @Test func asyncLiftedFunctionThrowsATypedCallError() throws {
        let export = try #require(instance.function("async-lifted"))
        let function = try TypedFunction<UInt32, UInt32>(export)
        do {
            _ = try function(40)
            Issue.record("an async-lifted export was called through the typed path")
        } catch let trap as ComponentTrap {
            #expect(trap.message.contains("async-lifted"), "\(trap.message)")
        }
        // The dynamic path completes it, since it calls `task.return` before returning.
        #expect(try export.call([.u32(40)]) == [.u32(42)])
    }

    @Test func futureResultsCannotBeLifted() throws {
        let function = try TypedFunction<ComponentFuture<UInt32>>(#require(instance.function("make-future")))
        let trap = #expect(throws: ComponentTrap.self) { try function() }
        #expect(trap?.message == "future<u32> values are not supported (the async ABI is not implemented)")
    }
}
