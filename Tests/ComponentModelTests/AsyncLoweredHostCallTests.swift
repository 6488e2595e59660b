import ComponentModel
import Testing

/// 🔀 `canon lower ... async` of host functions, which always return synchronously: the core
/// caller gets `RETURNED` and finds the result at its out-pointer, whether the host function
/// is dynamic or typed.
@Suite(.enabled(if: ComponentWAT.isAvailable, "needs wasm-tools"))
struct AsyncLoweredHostCallTests {
    /// Imports `test:host/api.describe: async func(count: u32, name: string) -> string`,
    /// lowered with `async`; `run(count, name)` calls it, traps unless the status is
    /// `RETURNED` (2), and returns the string stored at the out-pointer.
    static let caller = """
        (component
          (import "test:host/api" (instance $api
            (export "describe" (func async (param "count" u32) (param "name" string) (result string)))))
          (alias export $api "describe" (func $describe))
          (core module $libc \(ComponentWAT.allocator))
          (core instance $libc (instantiate $libc))
          (core func $describe' (canon lower (func $describe) async
            (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core module $m
            (import "" "describe" (func $describe (param i32 i32 i32 i32) (result i32)))
            (func (export "run") (param i32 i32 i32) (result i32)
              (if (i32.ne (call $describe (local.get 0) (local.get 1) (local.get 2) (i32.const 16)) (i32.const 2))
                (then unreachable))
              (i32.const 16)))
          (core instance $i (instantiate $m (with "" (instance (export "describe" (func $describe'))))))
          (func (export "run") (param "count" u32) (param "name" string) (result string)
            (canon lift (core func $i "run") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
        )
        """

    @Test func typedHostFunctionsAnswerAsyncLoweredCalls() throws {
        let linker = ComponentLinker()
        var api = HostInstance()
        api.defineTypedFunction("describe") { (count: UInt32, name: String) -> String in "\(count) × \(name)" }
        linker.defineInstance("test:host/api", api)
        let instance = try ComponentWAT.instantiate(Self.caller, linker: linker)
        #expect(try instance.call("run", [.u32(3), .string("wörld")]) == [.string("3 × wörld")])
    }

    @Test func dynamicHostFunctionsAnswerAsyncLoweredCalls() throws {
        let linker = ComponentLinker()
        var api = HostInstance()
        api.defineFunction("describe") { arguments in
            guard case .u32(let count)? = arguments.first, case .string(let name)? = arguments.last else { return [.string("?")] }
            return [.string("\(count) × \(name)")]
        }
        linker.defineInstance("test:host/api", api)
        let instance = try ComponentWAT.instantiate(Self.caller, linker: linker)
        #expect(try instance.call("run", [.u32(7), .string("ok")]) == [.string("7 × ok")])
    }
}
