import WasmCore

/// The small core modules `ComponentNew` adds around the main module. Two let lowered imports use the memory and allocator of the
/// module they are imported into, which exist only after that module is instantiated (the
/// technique wit-component uses):
///
/// - the *shim* exports one function per such import (`"0"`, `"1"`, ...) that calls slot i of
///   its table `$imports` indirectly, and is instantiated first;
/// - the *fixup*, instantiated after the main module, imports the table and the lowered
///   functions and fills the table with them by an active element segment.
///
/// The third, the *initializer*, runs a reactor's `_initialize` export as its start function
/// once everything else is instantiated.
enum AdapterModules {
    /// The initializer: imports `("", "_initialize")` and calls it on instantiation.
    static func initializer() -> [UInt8] {
        var writer = CoreModuleWriter()
        writer.types = [FunctionType(parameters: [], results: [])]
        writer.functionImports = [("", "_initialize", 0)]
        writer.startFunction = 0
        return writer.encoded()
    }

    /// The shim for functions of the given core signatures.
    static func shim(_ signatures: [FunctionType]) -> [UInt8] {
        var writer = CoreModuleWriter()
        writer.types = signatures
        writer.functions = signatures.indices.map { UInt32($0) }
        writer.tableSize = UInt32(signatures.count)
        writer.exports = signatures.indices.map { (String($0), 0x00, UInt32($0)) } + [("$imports", 0x01, 0)]
        writer.bodies = signatures.enumerated().map { index, signature in
            var body: [UInt8] = [0x00] // no locals
            for parameter in signature.parameters.indices {
                body.append(0x20) // local.get
                body += LEB128.unsigned(UInt64(parameter))
            }
            body.append(0x41) // i32.const
            body += LEB128.signed(Int64(index))
            body.append(0x11) // call_indirect type table 0
            body += LEB128.unsigned(UInt64(index))
            body.append(0x00)
            body.append(0x0B)
            return body
        }
        return writer.encoded()
    }

    /// The fixup: imports `("", "$imports")` and `("", "0")`... and places them in the table.
    static func fixup(_ signatures: [FunctionType]) -> [UInt8] {
        var writer = CoreModuleWriter()
        writer.types = signatures
        writer.functionImports = signatures.indices.map { ("", String($0), UInt32($0)) }
        writer.tableImport = ("", "$imports", UInt32(signatures.count))
        writer.elementFunctions = signatures.indices.map { UInt32($0) }
        return writer.encoded()
    }
}

/// Writes the handful of core module sections the adapter modules need.
private struct CoreModuleWriter {
    var types: [FunctionType] = []
    var functionImports: [(module: String, name: String, type: UInt32)] = []
    var tableImport: (module: String, name: String, size: UInt32)?
    var functions: [UInt32] = []
    var tableSize: UInt32?
    var startFunction: UInt32?
    var exports: [(name: String, kind: UInt8, index: UInt32)] = []
    var elementFunctions: [UInt32] = []
    var bodies: [[UInt8]] = []

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        func section(_ id: UInt8, _ items: [[UInt8]]) {
            guard !items.isEmpty else { return }
            var payload = LEB128.unsigned(UInt64(items.count))
            for item in items { payload += item }
            bytes.append(id)
            bytes += LEB128.unsigned(UInt64(payload.count))
            bytes += payload
        }
        func name(_ text: String) -> [UInt8] { LEB128.unsigned(UInt64(text.utf8.count)) + Array(text.utf8) }
        func valueTypes(_ types: [WasmCore.ValueType]) -> [UInt8] { LEB128.unsigned(UInt64(types.count)) + types.map(\.byte) }
        let funcref: UInt8 = 0x70
        section(1, types.map { [0x60] + valueTypes($0.parameters) + valueTypes($0.results) })
        var imports = functionImports.map { name($0.module) + name($0.name) + [0x00] + LEB128.unsigned(UInt64($0.type)) }
        if let table = tableImport {
            imports.append(name(table.module) + name(table.name) + [0x01, funcref, 0x00] + LEB128.unsigned(UInt64(table.size)))
        }
        section(2, imports)
        section(3, functions.map { LEB128.unsigned(UInt64($0)) })
        if let size = tableSize { section(4, [[funcref, 0x01] + LEB128.unsigned(UInt64(size)) + LEB128.unsigned(UInt64(size))]) }
        section(7, exports.map { name($0.name) + [$0.kind] + LEB128.unsigned(UInt64($0.index)) })
        if let start = startFunction {
            bytes.append(8)
            let index = LEB128.unsigned(UInt64(start))
            bytes += LEB128.unsigned(UInt64(index.count)) + index
        }
        if !elementFunctions.isEmpty {
            // Active segment for table 0 at offset 0, function indices.
            section(9, [[0x00, 0x41, 0x00, 0x0B] + LEB128.unsigned(UInt64(elementFunctions.count))
                        + elementFunctions.flatMap { LEB128.unsigned(UInt64($0)) }])
        }
        section(10, bodies.map { LEB128.unsigned(UInt64($0.count)) + $0 })
        return bytes
    }
}

/// LEB128 integer encoding.
enum LEB128 {
    static func unsigned(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value != 0
        return bytes
    }

    static func signed(_ value: Int64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while true {
            let byte = UInt8(value & 0x7F)
            value >>= 7
            let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0)
            bytes.append(done ? byte : byte | 0x80)
            if done { return bytes }
        }
    }
}
