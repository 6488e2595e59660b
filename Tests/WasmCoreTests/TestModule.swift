/// Builds small module binaries for tests: each field holds the encoded entries of one
/// section; `bytes` adds the vector counts and section headers in the required order.
struct TestModule {
    var types: [[UInt8]] = []
    var imports: [[UInt8]] = []
    var functions: [UInt32] = []
    var tables: [[UInt8]] = []
    var memories: [[UInt8]] = []
    var globals: [[UInt8]] = []
    var exports: [[UInt8]] = []
    var start: UInt32?
    var elements: [[UInt8]] = []
    var dataCount: UInt32?
    /// Function bodies: encoded locals declarations followed by the code (with its final `end`).
    var bodies: [[UInt8]] = []
    var data: [[UInt8]] = []

    /// A module with one function of type `params -> results` whose body is `code`
    /// (the final `end` is added) and whose declared locals are `locals`.
    static func function(
        params: [ValueTypeByte] = [], results: [ValueTypeByte] = [], locals: [ValueTypeByte] = [], code: [UInt8]
    ) -> TestModule {
        var module = TestModule()
        module.types = [functionType(params, results)]
        module.functions = [0]
        module.bodies = [localsDeclaration(locals) + code + [0x0B]]
        return module
    }

    typealias ValueTypeByte = UInt8
    static let i32: UInt8 = 0x7F, i64: UInt8 = 0x7E, f32: UInt8 = 0x7D, f64: UInt8 = 0x7C
    static let funcref: UInt8 = 0x70, externref: UInt8 = 0x6F

    static func functionType(_ params: [UInt8], _ results: [UInt8]) -> [UInt8] {
        [0x60] + leb(UInt32(params.count)) + params + leb(UInt32(results.count)) + results
    }

    static func localsDeclaration(_ locals: [UInt8]) -> [UInt8] {
        leb(UInt32(locals.count)) + locals.flatMap { [0x01, $0] }
    }

    static func name(_ text: String) -> [UInt8] { leb(UInt32(text.utf8.count)) + Array(text.utf8) }

    static func leb(_ value: UInt32) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
        return out
    }

    var bytes: [UInt8] {
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        func section(_ id: UInt8, _ contents: [UInt8]) {
            out.append(id)
            out += Self.leb(UInt32(contents.count))
            out += contents
        }
        func vector(_ id: UInt8, _ entries: [[UInt8]]) {
            if !entries.isEmpty { section(id, Self.leb(UInt32(entries.count)) + entries.flatMap { $0 }) }
        }
        vector(1, types)
        vector(2, imports)
        vector(3, functions.map { Self.leb($0) })
        vector(4, tables)
        vector(5, memories)
        vector(6, globals)
        vector(7, exports)
        if let start { section(8, Self.leb(start)) }
        vector(9, elements)
        if let dataCount { section(12, Self.leb(dataCount)) }
        vector(10, bodies.map { Self.leb(UInt32($0.count)) + $0 })
        vector(11, data)
        return out
    }
}
