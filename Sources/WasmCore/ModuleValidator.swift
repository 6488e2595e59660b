extension Module {
    /// Validates the module against the WebAssembly 2.0 validation rules, extended by the
    /// proposals in `features` (those it was decoded with): every index,
    /// limit, export name, constant expression, segment and the start function, then every
    /// function body. Throws the first problem found as `WasmError(.invalid, …)` (or
    /// `.malformed` for encoding problems inside function bodies, which are decoded here).
    public func validate() throws(WasmError) {
        let context = ValidationContext(module: self)
        let validator = ModuleValidator(module: self, context: context)
        try validator.validateModuleFields()
        for bodyIndex in functionBodies.indices {
            var function = try FunctionValidator(
                context: context, functionIndex: UInt32(context.importedFunctionCount + bodyIndex))
            try function.validateBody()
        }
    }
}

/// The module-level half of validation (everything outside function bodies).
private struct ModuleValidator {
    static let maximumMemoryPages: UInt64 = 65_536

    let module: Module
    let context: ValidationContext

    func validateModuleFields() throws(WasmError) {
        // Decoding guarantees these; modules built in memory may not.
        guard module.functionTypeIndices.count == module.functionBodies.count else {
            throw WasmError(.malformed, offset: 0, "function and code section have inconsistent lengths")
        }
        if let dataCount = module.dataCount, Int(dataCount) != module.data.count {
            throw WasmError(.malformed, offset: 0, "data count and data section have inconsistent lengths")
        }
        try validateImports()
        for (index, typeIndex) in module.functionTypeIndices.enumerated() {
            try checkTypeIndex(typeIndex, offset: module.offsets.functions.offset(at: index))
        }
        for (index, table) in module.tables.enumerated() {
            try validateTable(table, offset: module.offsets.tables.offset(at: index))
        }
        for (index, memory) in module.memories.enumerated() {
            try validateMemory(memory, offset: module.offsets.memories.offset(at: index))
        }
        if context.memories.count > 1, !module.features.contains(.multiMemory) {
            throw WasmError(.invalid, offset: module.offsets.memories.offset(at: 0), "multiple memories")
        }
        for (index, tag) in module.tags.enumerated() {
            try validateTag(tag, offset: module.offsets.tags.offset(at: index))
        }
        for (index, global) in module.globals.enumerated() {
            try validateConstantExpression(
                global.initializer, type: global.type.valueType, offset: module.offsets.globals.offset(at: index))
        }
        try validateExports()
        try validateStart()
        for (index, segment) in module.elements.enumerated() {
            try validateElementSegment(segment, offset: module.offsets.elements.offset(at: index))
        }
        for (index, segment) in module.data.enumerated() {
            try validateDataSegment(segment, offset: module.offsets.data.offset(at: index))
        }
    }

    private func validateImports() throws(WasmError) {
        for (index, entry) in module.imports.enumerated() {
            let offset = module.offsets.imports.offset(at: index)
            switch entry.descriptor {
            case .function(let typeIndex): try checkTypeIndex(typeIndex, offset: offset)
            case .table(let table): try validateTable(table, offset: offset)
            case .memory(let memory): try validateMemory(memory, offset: offset)
            case .global: break
            case .tag(let tag): try validateTag(tag, offset: offset)
            }
        }
    }

    private func checkTypeIndex(_ index: UInt32, offset: Int) throws(WasmError) {
        guard Int(index) < module.types.count else { throw WasmError(.invalid, offset: offset, "unknown type \(index)") }
    }

    /// A tag's type must exist and have no results.
    private func validateTag(_ tag: TagType, offset: Int) throws(WasmError) {
        try checkTypeIndex(tag.typeIndex, offset: offset)
        guard module.types[Int(tag.typeIndex)].results.isEmpty else {
            throw WasmError(.invalid, offset: offset, "non-empty tag result type")
        }
    }

    private func validateTable(_ table: TableType, offset: Int) throws(WasmError) {
        try checkMinimumNotAboveMaximum(table.limits, offset: offset)
    }

    private func validateMemory(_ memory: MemoryType, offset: Int) throws(WasmError) {
        let limits = memory.limits
        if limits.is64 {
            throw WasmError(.invalid, offset: offset, "64-bit memories are not supported (memory64 proposal)")
        }
        if limits.isShared {
            throw WasmError(.invalid, offset: offset, "shared memories are not supported (threads proposal)")
        }
        guard limits.min <= Self.maximumMemoryPages, (limits.max ?? 0) <= Self.maximumMemoryPages else {
            throw WasmError(.invalid, offset: offset, "memory size must be at most 65536 pages (4GiB)")
        }
        try checkMinimumNotAboveMaximum(limits, offset: offset)
    }

    private func checkMinimumNotAboveMaximum(_ limits: Limits, offset: Int) throws(WasmError) {
        if let maximum = limits.max, limits.min > maximum {
            throw WasmError(.invalid, offset: offset, "size minimum must not be greater than maximum")
        }
    }

    private func validateExports() throws(WasmError) {
        // Names are compared as bytes: Swift's String equality would merge canonically
        // equivalent spellings ("\u{C5}" and "A\u{30A}"), which are distinct export names.
        var names = Set<[UInt8]>()
        for (index, export) in module.exports.enumerated() {
            let offset = module.offsets.exports.offset(at: index)
            guard names.insert(Array(export.name.utf8)).inserted else {
                throw WasmError(.invalid, offset: offset, "duplicate export name \"\(export.name)\"")
            }
            let (kind, entityIndex, count) =
                switch export.descriptor {
                case .function(let index): ("function", index, context.functionTypeIndices.count)
                case .table(let index): ("table", index, context.tables.count)
                case .memory(let index): ("memory", index, context.memories.count)
                case .global(let index): ("global", index, context.globals.count)
                case .tag(let index): ("tag", index, context.tags.count)
                }
            guard Int(entityIndex) < count else {
                throw WasmError(.invalid, offset: offset, "unknown \(kind) \(entityIndex)")
            }
        }
    }

    private func validateStart() throws(WasmError) {
        guard let start = module.start else { return }
        let offset = module.offsets.start ?? 0
        guard let type = context.functionType(ofFunction: start) else {
            throw WasmError(.invalid, offset: offset, "unknown function \(start)")
        }
        guard type.parameters.isEmpty, type.results.isEmpty else {
            throw WasmError(.invalid, offset: offset, "start function must have type [] -> []")
        }
    }

    private func validateElementSegment(_ segment: ElementSegment, offset: Int) throws(WasmError) {
        if case .active(let tableIndex, let tableOffset) = segment.mode {
            guard Int(tableIndex) < context.tables.count else {
                throw WasmError(.invalid, offset: offset, "unknown table \(tableIndex)")
            }
            guard context.tables[Int(tableIndex)].elementType == segment.type else {
                throw WasmError(.invalid, offset: offset, "type mismatch")
            }
            try validateConstantExpression(tableOffset, type: .i32, offset: offset)
        }
        for initializer in segment.initializers {
            try validateConstantExpression(initializer, type: segment.type.valueType, offset: offset)
        }
    }

    private func validateDataSegment(_ segment: DataSegment, offset: Int) throws(WasmError) {
        guard case .active(let memoryIndex, let memoryOffset) = segment.mode else { return }
        guard Int(memoryIndex) < context.memories.count else {
            throw WasmError(.invalid, offset: offset, "unknown memory \(memoryIndex)")
        }
        try validateConstantExpression(memoryOffset, type: .i32, offset: offset)
    }

    /// A constant expression must consist of constant instructions (constants, `ref.null`,
    /// `ref.func`, `global.get` of an immutable imported global, and with extended-const the
    /// integer `add`, `sub` and `mul`) and produce exactly one value of `type`.
    private func validateConstantExpression(
        _ expression: ConstantExpression, type: ValueType, offset: Int
    ) throws(WasmError) {
        var produced: [ValueType] = []
        for instruction in expression.instructions {
            switch instruction {
            case .i32Const: produced.append(.i32)
            case .i64Const: produced.append(.i64)
            case .f32Const: produced.append(.f32)
            case .f64Const: produced.append(.f64)
            case .refNull(let referenceType): produced.append(referenceType.valueType)
            case .refFunc(let index):
                guard Int(index) < context.functionTypeIndices.count else {
                    throw WasmError(.invalid, offset: offset, "unknown function \(index)")
                }
                produced.append(.funcRef)
            case .globalGet(let index):
                guard Int(index) < context.importedGlobalCount else {
                    throw WasmError(.invalid, offset: offset, "unknown global \(index)")
                }
                let global = context.globals[Int(index)]
                guard !global.isMutable else {
                    throw WasmError(.invalid, offset: offset, "constant expression required")
                }
                produced.append(global.valueType)
            case .numeric(let op) where module.features.contains(.extendedConst) && op.isExtendedConstant:
                let operand = op.shape.operand
                guard produced.count >= 2, produced.removeLast() == operand, produced.removeLast() == operand else {
                    throw WasmError(.invalid, offset: offset, "type mismatch")
                }
                produced.append(operand)
            default:
                throw WasmError(.invalid, offset: offset, "constant expression required")
            }
        }
        guard produced == [type] else { throw WasmError(.invalid, offset: offset, "type mismatch") }
    }
}
