import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct HostAndLinkingTests {
    @Test func hostFunctionsSeeTheCallerAndItsMemory() throws {
        let store = Store()
        var seen: [UInt8] = []
        let log = store.makeHostFunction(type: FunctionType(parameters: [.i32, .i32], results: [.i32])) { caller, arguments in
            guard case .i32(let address) = arguments[0], case .i32(let length) = arguments[1],
                  let memory = caller.instance?.memory("memory") else { return [.i32(0)] }
            seen = try memory.read(at: Int(address), count: Int(length))
            return [.i32(length * 2)]
        }
        var imports = Imports()
        imports.define(module: "host", name: "log", .function(log))
        let instance = try instantiate("""
        (module
          (import "host" "log" (func $log (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello")
          (func (export "run") (result i32) (call $log (i32.const 16) (i32.const 5))))
        """, store: store, imports: imports)
        #expect(try instance.call("run") == [.i32(10)])
        #expect(seen == Array("hello".utf8))
    }

    @Test func hostErrorsBecomeTrapsWithTheMessage() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused by host" } }
        let store = Store()
        let fail = store.makeHostFunction(type: FunctionType()) { _, _ in throw Refused() }
        var imports = Imports()
        imports.define(module: "host", name: "fail", .function(fail))
        let instance = try instantiate("""
        (module (import "host" "fail" (func $fail)) (func (export "run") (call $fail)))
        """, store: store, imports: imports)
        #expect(trapReason { try instance.call("run") } == .host("refused by host"))
    }

    @Test func hostCanReenterTheGuest() throws {
        let store = Store()
        var imports = Imports()
        let box = InstanceBox()
        let reenter = store.makeHostFunction(type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
            guard let instance = box.instance else { return [.i32(0)] }
            return try instance.call("twice", arguments[0])
        }
        imports.define(module: "host", name: "reenter", .function(reenter))
        let instance = try instantiate("""
        (module
          (import "host" "reenter" (func $reenter (param i32) (result i32)))
          (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
          (func (export "run") (param i32) (result i32) (i32.add (call $reenter (local.get 0)) (i32.const 1))))
        """, store: store, imports: imports)
        box.instance = instance
        #expect(try instance.call("run", .i32(20)) == [.i32(41)])
    }

    /// A guest that runs out of fuel inside a host call's nested guest run must report
    /// "all fuel consumed" and leave the fuel account at zero, not crash the host.
    @Test func fuelRunsOutInsideAReentrantGuestCall() throws {
        let store = Store()
        var imports = Imports()
        let box = InstanceBox()
        let reenter = store.makeHostFunction(type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
            guard let instance = box.instance else { return [.i32(0)] }
            return try instance.call("count", arguments[0])
        }
        imports.define(module: "host", name: "reenter", .function(reenter))
        let instance = try instantiate("""
        (module
          (import "host" "reenter" (func $reenter (param i32) (result i32)))
          (func (export "count") (param i32) (result i32)
            (local $i i32)
            (loop $next
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $next (i32.lt_u (local.get $i) (local.get 0))))
            (local.get $i))
          (func (export "run") (param i32) (result i32)
            (local $i i32)
            (loop $warm
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $warm (i32.lt_u (local.get $i) (i32.const 3))))
            (call $reenter (local.get 0))))
        """, store: store, imports: imports)
        box.instance = instance
        store.fuel = 50
        #expect(trapReason { try instance.call("run", .i32(1_000)) } == .outOfFuel)
        #expect(store.fuel == 0)
        store.fuel = 10_000
        #expect(try instance.call("run", .i32(10)) == [.i32(10)])
        #expect(store.fuel.map { $0 < 10_000 && $0 > 9_900 } == true)
    }

    @Test func linkErrors() throws {
        let store = Store()
        let module = try assemble(#"(module (import "env" "f" (func (param i32))))"#)
        #expect { try store.instantiate(module: module) } throws: { error in
            (error as? RuntimeError)?.message.hasPrefix("unknown import") == true
        }
        var imports = Imports()
        imports.define(module: "env", name: "f", .function(store.makeHostFunction(type: FunctionType()) { _, _ in [] }))
        #expect { try store.instantiate(module: module, imports: imports) } throws: { error in
            (error as? RuntimeError)?.message.hasPrefix("incompatible import type") == true
        }
    }

    @Test func importedMutableGlobalsAreShared() throws {
        let store = Store()
        let counter = try store.makeGlobal(type: GlobalType(valueType: .i64, isMutable: true), value: .i64(1))
        var imports = Imports()
        imports.define(module: "env", name: "counter", .global(counter))
        let instance = try instantiate("""
        (module
          (global $c (import "env" "counter") (mut i64))
          (func (export "bump") (global.set $c (i64.add (global.get $c) (i64.const 10)))))
        """, store: store, imports: imports)
        try instance.call("bump")
        #expect(counter.value == .i64(11))
        try counter.set(.i64(100))
        try instance.call("bump")
        #expect(counter.value == .i64(110))
    }

    @Test func registeredInstancesLinkByExports() throws {
        let store = Store()
        let provider = try instantiate(#"(module (func (export "seven") (result i32) (i32.const 7)))"#, store: store)
        var imports = Imports()
        imports.define(module: "provider", instance: provider)
        let consumer = try instantiate("""
        (module
          (import "provider" "seven" (func $seven (result i32)))
          (func (export "run") (result i32) (i32.mul (call $seven) (i32.const 6))))
        """, store: store, imports: imports)
        #expect(try consumer.call("run") == [.i32(42)])
    }
}

/// Lets a host closure reach an instance created after it.
final class InstanceBox {
    var instance: Instance?
}
