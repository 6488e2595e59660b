import WasmCore
import WasmRuntime

/// The `spectest` module every spec test script may import: print functions that accept
/// their arguments and do nothing, the 666 globals, a funcref table of 10..20 elements and a
/// memory of 1..2 pages.
enum SpecTestHost {
    /// Defines the `spectest` exports in `imports`, creating them in `store`.
    static func define(in imports: inout Imports, store: Store) throws {
        let printFunctions: [(String, [ValueType])] = [
            ("print", []),
            ("print_i32", [.i32]),
            ("print_i64", [.i64]),
            ("print_f32", [.f32]),
            ("print_f64", [.f64]),
            ("print_i32_f32", [.i32, .f32]),
            ("print_f64_f64", [.f64, .f64]),
        ]
        for (name, parameters) in printFunctions {
            let function = store.makeHostFunction(type: FunctionType(parameters: parameters), name: name) { _, _ in [] }
            imports.define(module: "spectest", name: name, .function(function))
        }

        let globals: [(String, Value)] = [
            ("global_i32", .i32(666)),
            ("global_i64", .i64(666)),
            ("global_f32", .f32(Float(666.6).bitPattern)),
            ("global_f64", .f64(Double(666.6).bitPattern)),
        ]
        for (name, value) in globals {
            let global = try store.makeGlobal(type: GlobalType(valueType: value.type, isMutable: false), value: value)
            imports.define(module: "spectest", name: name, .global(global))
        }

        let table = try store.makeTable(
            type: TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20)), initialValue: .funcRef(nil))
        imports.define(module: "spectest", name: "table", .table(table))

        let memory = try store.makeMemory(type: MemoryType(limits: Limits(min: 1, max: 2)))
        imports.define(module: "spectest", name: "memory", .memory(memory))
    }
}
