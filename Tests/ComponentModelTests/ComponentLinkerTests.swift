import ComponentModel
import Testing

/// Host imports through the linker: dynamic and typed host functions, interface instances,
/// link errors, and the reentrance rules at the host boundary.
@Suite(.enabled(if: ComponentWAT.isAvailable, "needs wasm-tools"))
struct ComponentLinkerTests {
    /// A component importing `test:host/api` and exporting `run`, which passes its string to
    /// the host's `greet` and returns the answer.
    static let greeter = """
        (component
          (import "test:host/api" (instance $api (export "greet" (func (param "name" string) (result string)))))
          (alias export $api "greet" (func $greet))
          (core module $libc \(ComponentWAT.allocator))
          (core instance $libc (instantiate $libc))
          (core func $greet' (canon lower (func $greet) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core module $m
            (import "" "greet" (func $greet (param i32 i32 i32)))
            (func (export "run") (param i32 i32) (result i32)
              (call $greet (local.get 0) (local.get 1) (i32.const 16))
              (i32.const 16)))
          (core instance $i (instantiate $m (with "" (instance (export "greet" (func $greet'))))))
          (func (export "run") (param "name" string) (result string)
            (canon lift (core func $i "run") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
        )
        """

    @Test func dynamicHostFunctionsReceiveAndReturnValues() throws {
        let linker = ComponentLinker()
        var api = HostInstance()
        api.defineFunction("greet") { arguments in
            guard case .string(let name)? = arguments.first else { return [.string("?")] }
            return [.string("Hello, \(name)!")]
        }
        linker.defineInstance("test:host/api", api)
        let instance = try ComponentWAT.instantiate(Self.greeter, linker: linker)
        #expect(try instance.call("run", [.string("wörld")]) == [.string("Hello, wörld!")])
        let component = instance.component
        #expect(component.imports.map(\.name) == ["test:host/api"])
        #expect(component.exports.map(\.name) == ["run"])
        #expect(component.exportedFunctionType("run")?.parameters.map(\.label) == ["name"])
    }

    @Test func typedHostFunctionsSkipDynamicValues() throws {
        let linker = ComponentLinker()
        var api = HostInstance()
        api.defineTypedFunction("greet") { (name: String) -> String in "Hi \(name)" }
        linker.defineInstance("test:host/api", api)
        let instance = try ComponentWAT.instantiate(Self.greeter, linker: linker)
        let run = try #require(instance.function("run"))
        #expect(try run.invoke("typed", returning: String.self) == "Hi typed")
        #expect(try instance.call("run", [.string("dynamic")]) == [.string("Hi dynamic")])
    }

    @Test func typedHostFunctionsMustMatchTheImportType() throws {
        let linker = ComponentLinker()
        var api = HostInstance()
        api.defineTypedFunction("greet") { (count: UInt32) -> String in "\(count)" }
        linker.defineInstance("test:host/api", api)
        #expect(throws: ComponentLinkError.self) { try ComponentWAT.instantiate(Self.greeter, linker: linker) }
    }

    @Test func missingImportsFailToLink() throws {
        #expect(throws: ComponentLinkError.self) { try ComponentWAT.instantiate(Self.greeter) }
        let linker = ComponentLinker()
        linker.defineInstance("test:host/api", HostInstance())
        #expect(throws: ComponentLinkError.self) { try ComponentWAT.instantiate(Self.greeter, linker: linker) }
    }

    @Test func hostErrorsBecomeTraps() throws {
        struct Refused: Error {}
        let linker = ComponentLinker()
        var api = HostInstance()
        api.defineFunction("greet") { _ in throw Refused() }
        linker.defineInstance("test:host/api", api)
        let instance = try ComponentWAT.instantiate(Self.greeter, linker: linker)
        do {
            _ = try instance.call("run", [.string("x")])
            Issue.record("a throwing host function did not trap the call")
        } catch {
            #expect("\(error)".contains("Refused"))
        }
    }

    /// Calling an import from `post-return` must trap: the instance may not leave then.
    @Test func postReturnMayNotCallImports() throws {
        let text = """
            (component
              (import "f" (func $f))
              (core func $f' (canon lower (func $f)))
              (core module $m
                (import "" "f" (func $f))
                (func (export "run") (result i32) (i32.const 1))
                (func (export "post") (param i32) (call $f)))
              (core instance $i (instantiate $m (with "" (instance (export "f" (func $f'))))))
              (func (export "run") (result u32) (canon lift (core func $i "run") (post-return (core func $i "post"))))
            )
            """
        let linker = ComponentLinker()
        linker.defineFunction("f") { _ in [] }
        let instance = try ComponentWAT.instantiate(text, linker: linker)
        do {
            _ = try instance.call("run", [])
            Issue.record("calling an import from post-return did not trap")
        } catch {
            #expect("\(error)".contains("cannot leave component instance"))
        }
    }

    /// A host function that calls back into the instance that called it must trap: the
    /// instance may not be entered while it is in a call.
    @Test func reentranceTraps() throws {
        let text = """
            (component
              (import "callback" (func $cb))
              (core func $cb' (canon lower (func $cb)))
              (core module $m
                (import "" "cb" (func $cb))
                (func (export "outer") (call $cb))
                (func (export "inner")))
              (core instance $i (instantiate $m (with "" (instance (export "cb" (func $cb'))))))
              (func (export "outer") (canon lift (core func $i "outer")))
              (func (export "inner") (canon lift (core func $i "inner")))
            )
            """
        final class Box { var instance: InstantiatedComponent? }
        let box = Box()
        let linker = ComponentLinker()
        linker.defineFunction("callback") { _ in try box.instance?.call("inner", []) ?? [] }
        let instance = try ComponentWAT.instantiate(text, linker: linker)
        box.instance = instance
        #expect(try instance.call("inner", []) == [])
        do {
            _ = try instance.call("outer", [])
            Issue.record("reentering the instance did not trap")
        } catch {
            #expect("\(error)".contains("cannot enter component instance"))
        }
        #expect(try instance.call("inner", []) == [])
    }
}
