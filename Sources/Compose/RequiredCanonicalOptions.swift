import ComponentModel

/// The canonical options a lift, lower or `task.return` of a function needs, decided from its
/// type the way wit-component decides them (so `ComponentNew` gives the options
/// `wasm-tools component new` gives):
///
/// - values moved into the callee's memory need `memory` and `realloc`, strings also the string
///   encoding; values read from memory need `memory` (and the encoding for strings);
/// - parameters beyond the flat limit (16, or 4 for an async lowering) and results beyond one
///   flat value (any result, for an async lowering) pass through `memory`; spilled parameters
///   of an export also need `realloc`;
/// - async lowerings and liftings add `async`; an async lifting also takes what the
///   function's `task.return` needs.
struct RequiredCanonicalOptions: OptionSet {
    let rawValue: UInt8
    static let memory = RequiredCanonicalOptions(rawValue: 1 << 0)
    static let realloc = RequiredCanonicalOptions(rawValue: 1 << 1)
    static let stringEncoding = RequiredCanonicalOptions(rawValue: 1 << 2)
    static let async = RequiredCanonicalOptions(rawValue: 1 << 3)

    /// How the module meets the function.
    enum Use {
        /// An import lowered synchronously, or with the async ABI (`[async-lower]`).
        case lowered(isAsync: Bool)
        /// An export lifted synchronously, or with the async ABI (`[async-lift]`,
        /// `[async-lift-stackful]`).
        case lifted(isAsync: Bool)
    }

    private static let maximumFlatParameters = 16
    private static let maximumFlatAsyncParameters = 4

    /// The options for function type `type` used as `use`.
    static func of(_ type: TypeID, _ use: Use, in arena: TypeArena) -> RequiredCanonicalOptions {
        guard case .function(let function) = arena[type] else { return [] }
        let parameters = Contents(function.parameters.map(\.type), arena)
        let result = Contents(function.result.map { [$0] } ?? [], arena)
        let flatParameters = function.parameters.reduce(0) { $0 + flatCount($1.type, arena) }
        let flatResults = function.result.map { flatCount($0, arena) } ?? 0
        var options: RequiredCanonicalOptions = []
        switch use {
        case .lowered(let isAsync):
            options.formUnion(parameters.whenRead.union(result.whenWritten))
            let limit = isAsync ? maximumFlatAsyncParameters : maximumFlatParameters
            let resultThroughMemory = isAsync ? function.result != nil : flatResults > 1
            if flatParameters > limit || resultThroughMemory { options.insert(.memory) }
            if isAsync { options.insert(.async) }
        case .lifted(let isAsync):
            options.formUnion(parameters.whenWritten.union(result.whenRead))
            if flatParameters > maximumFlatParameters { options.formUnion([.memory, .realloc]) }
            if !isAsync && flatResults > 1 { options.insert(.memory) }
            if isAsync { options.formUnion(taskReturn(of: type, in: arena).union(.async)) }
        }
        return options
    }

    /// The options of `task.return` for an async-lifted export of type `type`: those of the
    /// function lowered synchronously, without `realloc` (which `task.return` does not take),
    /// as wit-component computes them.
    static func taskReturn(of type: TypeID, in arena: TypeArena) -> RequiredCanonicalOptions {
        of(type, .lowered(isAsync: false), in: arena).subtracting(.realloc)
    }

    /// The canonical options, in the order wit-component writes them; nil when `memory` or
    /// `realloc` is needed but the module does not export it.
    func options(encoding: CanonicalOption, memory: UInt32?, realloc: UInt32?) -> [CanonicalOption]? {
        var result: [CanonicalOption] = []
        if contains(.memory) {
            guard let memory else { return nil }
            result.append(.memory(memory))
        }
        if contains(.realloc) {
            guard let realloc else { return nil }
            result.append(.realloc(realloc))
        }
        if contains(.stringEncoding) { result.append(encoding) }
        if contains(.async) { result.append(.async) }
        return result
    }

    /// Whether the definition uses the module's memory or allocator, so it can only be made
    /// after the module is instantiated.
    var usesModuleExports: Bool { !isDisjoint(with: [.memory, .realloc]) }

    /// What a list of value types holds that matters for the options: strings, lists.
    private struct Contents {
        var hasStrings = false
        var hasLists = false

        init(_ types: [ResolvedValueType], _ arena: TypeArena) {
            for type in types { visit(type, arena) }
        }

        private mutating func visit(_ type: ResolvedValueType, _ arena: TypeArena) {
            switch type {
            case .primitive(let primitive): if primitive == .string { hasStrings = true }
            case .defined(let id):
                guard case .defined(let defined) = arena[id] else { return }
                switch defined {
                case .primitive(let primitive): if primitive == .string { hasStrings = true }
                case .list(let element):
                    hasLists = true
                    visit(element, arena)
                case .map(let key, let value):
                    hasLists = true
                    visit(key, arena)
                    visit(value, arena)
                case .record(let fields): fields.forEach { visit($0.type, arena) }
                case .variant(let cases): cases.forEach { if let payload = $0.type { visit(payload, arena) } }
                case .tuple(let elements): elements.forEach { visit($0, arena) }
                case .option(let payload), .fixedLengthList(let payload, _): visit(payload, arena)
                case .result(let ok, let error):
                    if let ok { visit(ok, arena) }
                    if let error { visit(error, arena) }
                case .flags, .enum, .own, .borrow, .stream, .future: break
                }
            }
        }

        /// What reading these values out of memory needs.
        var whenRead: RequiredCanonicalOptions {
            var options: RequiredCanonicalOptions = []
            if hasLists || hasStrings { options.insert(.memory) }
            if hasStrings { options.insert(.stringEncoding) }
            return options
        }

        /// What writing these values into the other side's memory needs.
        var whenWritten: RequiredCanonicalOptions {
            var options = whenRead
            if hasLists || hasStrings { options.insert(.realloc) }
            return options
        }
    }

    /// The number of core values `type` flattens to.
    private static func flatCount(_ type: ResolvedValueType, _ arena: TypeArena) -> Int {
        func count(_ type: ResolvedValueType) -> Int { flatCount(type, arena) }
        switch type {
        case .primitive(let primitive): return primitive == .string ? 2 : 1
        case .defined(let id):
            guard case .defined(let defined) = arena[id] else { return 1 }
            switch defined {
            case .primitive(let primitive): return primitive == .string ? 2 : 1
            case .list, .map: return 2
            case .record(let fields): return fields.reduce(0) { $0 + count($1.type) }
            case .tuple(let elements): return elements.reduce(0) { $0 + count($1) }
            case .fixedLengthList(let element, let length): return count(element) * Int(length)
            case .variant(let cases): return 1 + (cases.compactMap { $0.type.map(count) }.max() ?? 0)
            case .option(let payload): return 1 + count(payload)
            case .result(let ok, let error): return 1 + max(ok.map(count) ?? 0, error.map(count) ?? 0)
            case .flags(let names): return max(1, (names.count + 31) / 32)
            case .enum, .own, .borrow, .stream, .future: return 1
            }
        }
    }
}
