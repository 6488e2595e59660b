import ComponentModel
import Compose
import Foundation
import Testing

/// `ComponentNew` on Programs/tasks.c, a core module using the canonical ABI's async
/// conventions: an `[async-lower]` import, stackful and callback `[async-lift]` exports with
/// `[task-return]` imports, waitable-set and subtask built-ins, and an async function lifted
/// synchronously. Compared with `wasm-tools component new` (which needs its validation turned
/// off for stackful lifts, a feature wasm-tools validates only with `--features all`); run on
/// wcomp where its runtime supports the async ABI (python wasmtime does not support it).
@Suite struct AsyncNewTests {
    private func made() throws -> (Component, String) { try Programs.made("tasks", features: "all") }

    @Test func matchesWasmToolsOutput() throws {
        let (_, path) = try made()
        let reference = try Programs.reference("tasks", validate: false)
        let ours = try Tool.run("wasm-tools", ["component", "wit", path]).text
        #expect(ours == (try Tool.run("wasm-tools", ["component", "wit", reference]).text))
        #expect(ours.contains("export measure: async func(key: u32) -> u32;"))
        let shapes = try Tool.canonicalShapes(path)
        #expect(shapes == (try Tool.canonicalShapes(reference)))
        #expect(shapes.contains("async core func lift"))
        #expect(shapes.contains("async callback core func lift memory realloc string-encoding=utf8"))
        #expect(shapes.contains("memory result string string-encoding=utf8 task.return"))
        #expect(shapes.contains("memory waitable-set.wait"))
    }

    @Test func stackfulAndSynchronousExportsRunOnWcomp() throws {
        let (component, _) = try made()
        let linker = ComponentLinker()
        linker.defineFunction("fetch") { arguments in
            guard case .u32(let key)? = arguments.first else { return [] }
            return [.string(String(repeating: "ab", count: Int(key)))]
        }
        let instance = try linker.instantiate(LoadedComponent(Component(decoding: component.encoded())))
        // measure(key) = length(fetch(key)) + key = 2 * key + key, the result through task.return.
        #expect(try instance.call("measure", [.u32(3)]) == [.u32(9)])
        #expect(try instance.call("measure", [.u32(10)]) == [.u32(30)])
        #expect(try instance.call("add", [.u32(2), .u32(40)]) == [.u32(42)])
        // Callback-lifted functions are beyond wcomp's async support: a clear trap.
        #expect(throws: (any Error).self) { try instance.call("greet", [.string("you")]) }
    }

    @Test func unsupportedBuiltinsAndMissingCallbacksAreNamed() throws {
        let stream = try Tool.componentNewError("""
            (module (import "$root" "[stream-new-0]measure" (func (result i64)))
              (memory (export "memory") 1)
              (func (export "add") (param i32 i32) (result i32) (local.get 0)))
            """, world: "tasks", wit: Programs.directory.appendingPathComponent("tasks-wit").path)
        #expect(stream.contains("`[stream-new-0]measure`") && stream.contains("streams, futures"))
        let callback = try Tool.componentNewError("""
            (module (memory (export "memory") 1)
              (func (export "[async-lift]measure") (param i32) (result i32) (i32.const 0)))
            """, world: "tasks", wit: Programs.directory.appendingPathComponent("tasks-wit").path)
        #expect(callback.contains("not its callback `[callback][async-lift]measure`"))
        let taskReturn = try Tool.componentNewError("""
            (module (import "[export]$root" "[task-return]nothing" (func (param i32)))
              (memory (export "memory") 1))
            """, world: "tasks", wit: Programs.directory.appendingPathComponent("tasks-wit").path)
        #expect(taskReturn.contains("world `test:wasync/tasks` exports no function `nothing`"))
    }
}
