internal import CWasmInterpreter
import WasmCore

/// Instantiation: linking imports, allocating the module's objects, initializing segments
/// (WebAssembly 2.0 order and trapping rules) and running the start function.
extension Store {
    /// Instantiates a decoded and validated module.
    ///
    /// Throws `RuntimeError` for link errors ("unknown import", "incompatible import type")
    /// and `Trap` for traps while initializing segments or in the start function.
    public func instantiate(module: Module, imports: Imports = Imports(), name: String? = nil) throws -> Instance {
        guard !module.allMemories.contains(where: \.limits.is64) else {
            throw RuntimeError("64-bit memories are not supported")
        }
        let entity = InstanceEntity(module: module, name: name)
        try link(module: module, imports: imports, into: entity)
        entity.typeIDs = module.types.map { typeID(of: $0) }
        for memory in module.memories { entity.memories.append(try addMemory(type: memory)) }
        for table in module.tables { entity.tables.append(try addTable(type: table, initialValue: 0)) }
        let memory = entity.memories.first.map { memories[$0].record }
        for (offset, typeIndex) in module.functionTypeIndices.enumerated() {
            let index = UInt32(entity.importedFunctionCount + offset)
            entity.functions.append(addFunction(
                type: module.types[Int(typeIndex)], body: .wasm(instance: entity, index: index), memory: memory))
        }
        for tag in module.tags { entity.tags.append(addTag(type: module.types[Int(tag.typeIndex)])) }
        for global in module.globals {
            entity.globals.append(addGlobal(type: global.type, bits: try evaluate(global.initializer, in: entity)))
        }
        entity.exports = module.exports.map { export in
            let exported: ExportedEntity = switch export.descriptor {
            case .function(let index): .function(entity.functions[Int(index)])
            case .table(let index): .table(entity.tables[Int(index)])
            case .memory(let index): .memory(entity.memories[Int(index)])
            case .global(let index): .global(entity.globals[Int(index)])
            case .tag(let index): .tag(entity.tags[Int(index)])
            }
            return (export.name, exported)
        }
        for segment in module.elements {
            let references = try segment.initializers.map { expression throws(RuntimeError) in try evaluate(expression, in: entity) }
            entity.elementSegments.append(allocate(SegmentRecord(items: allocateReferences(references), count: references.count)))
        }
        for segment in module.data {
            entity.dataSegments.append(allocate(SegmentRecord(items: allocateBytes(segment.bytes), count: segment.bytes.count)))
        }
        try initializeSegments(of: entity)
        if let start = module.start {
            _ = try invoke(functionIndex: entity.functions[Int(start)], arguments: [])
        }
        return Instance(store: self, entity: entity)
    }

    /// Resolves every import and checks its type.
    private func link(module: Module, imports: Imports, into entity: InstanceEntity) throws(RuntimeError) {
        for entry in module.imports {
            let label = "\"\(entry.module)\" \"\(entry.name)\""
            guard let value = imports.lookup(module: entry.module, name: entry.name) else {
                throw RuntimeError("unknown import \(label)")
            }
            let incompatible = RuntimeError("incompatible import type for \(label)")
            switch (entry.descriptor, value) {
            case (.function(let typeIndex), .function(let function)):
                guard function.store === self, Int(typeIndex) < module.types.count,
                      function.type == module.types[Int(typeIndex)] else { throw incompatible }
                entity.functions.append(function.index)
            case (.table(let expected), .table(let table)):
                guard table.store === self, table.type.elementType == expected.elementType,
                      limits(current: UInt64(table.size), max: table.type.limits.max, match: expected.limits)
                else { throw incompatible }
                entity.tables.append(table.index)
            case (.memory(let expected), .memory(let memory)):
                guard memory.store === self,
                      limits(current: UInt64(memory.byteCount >> 16), max: memory.type.limits.max, match: expected.limits)
                else { throw incompatible }
                entity.memories.append(memory.index)
            case (.global(let expected), .global(let global)):
                guard global.store === self, global.type == expected else { throw incompatible }
                entity.globals.append(global.index)
            case (.tag(let expected), .tag(let tag)):
                guard tag.store === self, Int(expected.typeIndex) < module.types.count,
                      tag.type == module.types[Int(expected.typeIndex)] else { throw incompatible }
                entity.tags.append(tag.index)
            default:
                throw incompatible
            }
        }
    }

    /// Limits subtyping: the provided object is at least as large and at most as growable.
    private func limits(current: UInt64, max: UInt64?, match expected: Limits) -> Bool {
        guard current >= expected.min else { return false }
        guard let expectedMax = expected.max else { return true }
        guard let max else { return false }
        return max <= expectedMax
    }

    /// Active element segments then active data segments, in order; declarative segments are dropped.
    private func initializeSegments(of entity: InstanceEntity) throws {
        for (index, segment) in entity.module.elements.enumerated() {
            let record = entity.elementSegments[index]
            switch segment.mode {
            case .passive: continue
            case .declarative: break
            case .active(let tableIndex, let offsetExpression):
                let offset = UInt64(UInt32(truncatingIfNeeded: try evaluate(offsetExpression, in: entity)))
                let table = tables[entity.tables[Int(tableIndex)]].record
                let count = record.pointee.count
                guard offset + UInt64(count) <= UInt64(table.pointee.count) else { throw Trap(.outOfBoundsTableAccess) }
                if count > 0 {
                    (table.pointee.elements! + Int(offset)).update(
                        from: record.pointee.items!.assumingMemoryBound(to: UInt64.self), count: count)
                }
            }
            record.pointee.count = 0
        }
        for (index, segment) in entity.module.data.enumerated() {
            guard case .active(let memoryIndex, let offsetExpression) = segment.mode else { continue }
            let record = entity.dataSegments[index]
            let offset = UInt64(UInt32(truncatingIfNeeded: try evaluate(offsetExpression, in: entity)))
            let memory = memories[entity.memories[Int(memoryIndex)]].record
            let count = record.pointee.count
            guard offset + UInt64(count) <= memory.pointee.byteCount else { throw Trap(.outOfBoundsMemoryAccess) }
            if count > 0 { (memory.pointee.base! + Int(offset)).copyMemory(from: record.pointee.items!, byteCount: count) }
            record.pointee.count = 0
        }
    }

    /// The slot bits of a constant expression's value.
    private func evaluate(_ expression: ConstantExpression, in entity: InstanceEntity) throws(RuntimeError) -> UInt64 {
        var stack: [UInt64] = []
        for instruction in expression.instructions {
            switch instruction {
            case .i32Const(let value): stack.append(UInt64(UInt32(bitPattern: value)))
            case .i64Const(let value): stack.append(UInt64(bitPattern: value))
            case .f32Const(let bits): stack.append(UInt64(bits))
            case .f64Const(let bits): stack.append(bits)
            case .refNull: stack.append(0)
            case .refFunc(let index) where Int(index) < entity.functions.count:
                stack.append(encodeFunction(entity.functions[Int(index)]))
            case .globalGet(let index) where Int(index) < entity.globals.count:
                stack.append(globals[entity.globals[Int(index)]].cell.pointee)
            case .numeric(let op) where stack.count >= 2:
                let b = stack.removeLast(), a = stack.removeLast()
                switch op {
                case .i32Add: stack.append(UInt64(UInt32(truncatingIfNeeded: a &+ b)))
                case .i32Sub: stack.append(UInt64(UInt32(truncatingIfNeeded: a &- b)))
                case .i32Mul: stack.append(UInt64(UInt32(truncatingIfNeeded: a &* b)))
                case .i64Add: stack.append(a &+ b)
                case .i64Sub: stack.append(a &- b)
                case .i64Mul: stack.append(a &* b)
                default: throw RuntimeError("constant expression uses \(op)")
                }
            default:
                throw RuntimeError("constant expression uses \(instruction)")
            }
        }
        guard let value = stack.last else { throw RuntimeError("empty constant expression") }
        return value
    }
}
