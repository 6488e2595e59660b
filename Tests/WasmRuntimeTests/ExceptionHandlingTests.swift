import Testing
import WasmCore
@testable import WasmRuntime

@Suite struct ExceptionHandlingTests {
    static let features: WasmFeatures = .exceptionHandling

    @Test func catchDeliversThePayloadAcrossFrames() throws {
        let instance = try instantiate("""
        (module
          (tag $pair (param i32 i64))
          (func $thrower (param i32)
            (if (local.get 0) (then (throw $pair (local.get 0) (i64.const 7)))))
          (func $middle (param i32) (result i32)
            (call $thrower (local.get 0))
            (i32.const -1))
          (func (export "run") (param i32) (result i32 i64)
            (block $h (result i32 i64)
              (try_table (catch $pair $h)
                (return (call $middle (local.get 0)) (i64.const 0)))
              (unreachable))))
        """, features: Self.features)
        #expect(try instance.call("run", .i32(5)) == [.i32(5), .i64(7)])
        #expect(try instance.call("run", .i32(0)) == [.i32(UInt32.max), .i64(0)])
    }

    @Test func innerHandlersWinAndCatchAllMatchesAnyTag() throws {
        let instance = try instantiate("""
        (module
          (tag $a (param i32))
          (tag $b)
          (func (export "run") (param i32) (result i32)
            (block $all
              (block $inner (result i32)
                (try_table (catch_all $all)
                  (try_table (catch $a $inner)
                    (if (i32.eqz (local.get 0)) (then (throw $b)))
                    (throw $a (local.get 0))))
                (unreachable))
              (return (i32.add (i32.const 100))))
            (i32.const 1)))
        """, features: Self.features)
        #expect(try instance.call("run", .i32(3)) == [.i32(103)])
        #expect(try instance.call("run", .i32(0)) == [.i32(1)])
    }

    @Test func catchRefAndThrowRefRethrowTheSameException() throws {
        let instance = try instantiate("""
        (module
          (tag $e (param i32))
          (func $rethrow (param i32)
            (block $h (result i32 exnref)
              (try_table (catch_ref $e $h) (throw $e (local.get 0)))
              (return))
            (throw_ref))
          (func (export "run") (param i32) (result i32)
            (block $outer (result i32)
              (try_table (catch $e $outer) (call $rethrow (local.get 0)))
              (i32.const 0)))
          (func (export "null") (throw_ref (ref.null exn))))
        """, features: Self.features)
        #expect(try instance.call("run", .i32(9)) == [.i32(9)])
        #expect(trapReason { try instance.call("null") } == .nullExceptionReference)
    }

    @Test func uncaughtExceptionsTrapWithTheException() throws {
        let instance = try instantiate("""
        (module
          (tag $e (export "e") (param f64))
          (func (export "raise") (throw $e (f64.const 2.5))))
        """, features: Self.features)
        do {
            _ = try instance.call("raise")
            Issue.record("expected an uncaught exception")
        } catch let trap as Trap {
            #expect(trap.reason == .uncaughtException)
            #expect(trap.reason.description == "uncaught exception")
            #expect(trap.exception?.payload == [.f64((2.5 as Double).bitPattern)])
            guard case .tag(let tag) = instance.export("e") else { Issue.record("no tag export"); return }
            #expect(trap.exception?.tag == tag)
        }
    }

    @Test func tagsHaveIdentityAcrossInstances() throws {
        let store = Store()
        let tags = try instantiate("(module (tag (export \"t\") (param i32)))", store: store, features: Self.features)
        var imports = Imports()
        imports.define(module: "tags", instance: tags)
        let thrower = try instantiate("""
        (module
          (import "tags" "t" (tag $t (param i32)))
          (tag $own (param i32))
          (func (export "shared") (param i32) (throw $t (local.get 0)))
          (func (export "own") (param i32) (throw $own (local.get 0))))
        """, store: store, imports: imports, features: Self.features)
        imports.define(module: "thrower", instance: thrower)
        let catcher = try instantiate("""
        (module
          (import "tags" "t" (tag $t (param i32)))
          (import "thrower" "shared" (func $shared (param i32)))
          (import "thrower" "own" (func $own (param i32)))
          (func (export "catchShared") (param i32) (result i32)
            (block $h (result i32)
              (try_table (catch $t $h) (call $shared (local.get 0)))
              (i32.const -1)))
          (func (export "catchOwn") (param i32) (result i32)
            (block $h (result i32)
              (try_table (catch $t $h) (call $own (local.get 0)))
              (i32.const -1))))
        """, store: store, imports: imports, features: Self.features)
        #expect(try catcher.call("catchShared", .i32(4)) == [.i32(4)])
        // Same type, different tag: not caught.
        #expect(trapReason { try catcher.call("catchOwn", .i32(4)) } == .uncaughtException)
    }

    @Test func hostFunctionsStopTheUnwinding() throws {
        let store = Store()
        var imports = Imports()
        let inner = try instantiate("""
        (module (tag $e) (func (export "raise") (throw $e)))
        """, store: store, features: Self.features)
        let raise = inner.function("raise")!
        imports.define(module: "host", name: "call", .function(store.makeHostFunction(type: FunctionType()) { _, _ in
            try raise.call([])
        }))
        let outer = try instantiate("""
        (module
          (import "host" "call" (func $call))
          (func (export "run") (result i32)
            (block $h
              (try_table (catch_all $h) (call $call))
              (return (i32.const 0)))
            (i32.const 1)))
        """, store: store, imports: imports, features: Self.features)
        #expect(trapReason { try outer.call("run") } == .uncaughtException)
    }

    @Test func exceptionHandlingNeedsTheFeature() throws {
        #expect(throws: WasmError.self) { try assemble("(module (tag))") }
        #expect(throws: WasmError.self) {
            try assemble("(module (tag $t (result i32)))", features: Self.features)
        }
        #expect(throws: WasmError.self) {
            try assemble("""
            (module (tag $t (param i32)) (func (block $h (try_table (catch $t $h)))))
            """, features: Self.features)
        }
    }
}
