/// Validation of type definitions: defined value types, function types, component and
/// instance types (each a scope of its own), resource types and core types.
extension ComponentValidator {
    mutating func resolveTypeDefinition(_ definition: ComponentTypeDefinition) throws(ComponentError) -> TypeID {
        let id = try resolveTypeDefinitionUnchecked(definition)
        let info = arena.info(try checkedSize(id))
        let depthLimit: UInt64
        if case .defined = definition { depthLimit = TypeArena.maximumValueTypeDepth } else { depthLimit = TypeArena.maximumTypeDepth }
        guard info.depth <= depthLimit else { throw invalid("type nesting is too deep") }
        return id
    }

    private mutating func resolveTypeDefinitionUnchecked(_ definition: ComponentTypeDefinition) throws(ComponentError) -> TypeID {
        switch definition {
        case .defined(let defined):
            let resolved = try resolveDefinedType(defined)
            let id = arena.add(.defined(resolved))
            guard arena.info(id).depth <= TypeArena.maximumValueTypeDepth, arena.info(id).size <= TypeArena.maximumTypeSize else {
                return id
            }
            if arena.elementSize(.defined(id)) >= TypeArena.maximumValueSize {
                throw invalid("type exceeds maximum byte size of \(TypeArena.maximumValueSize) bytes")
            }
            return id
        case .function(let function):
            return arena.add(.function(try resolveFunctionType(function)))
        case .component(let declarations):
            try enterScope(.componentType)
            defer { scopes.removeLast() }
            for declaration in declarations { try addTypeDeclaration(declaration) }
            return arena.add(.component(ResolvedComponentType(
                imports: scope.imports, exports: scope.exports,
                importedResources: scope.importedResources, definedResources: scope.definedResources)))
        case .instance(let declarations):
            try enterScope(.instanceType)
            defer { scopes.removeLast() }
            for declaration in declarations { try addTypeDeclaration(declaration) }
            return arena.add(.instance(ResolvedInstanceType(exports: scope.exports,
                                                            definedResources: scope.definedResources)))
        case .resource(let resource):
            guard scope.kind == .component else {
                throw invalid("resources can only be defined within a concrete component")
            }
            guard resource.representation == .i32 else { throw invalid("resources can only be represented by `i32`") }
            if let destructor = resource.destructor {
                guard Int(destructor) < scope.coreFunctions.count else {
                    throw invalid("unknown function \(destructor): function index out of bounds")
                }
                let expected = CoreFunctionSignature(parameters: [.i32], results: [])
                guard scope.coreFunctions[Int(destructor)] == expected else {
                    throw invalid("core function \(destructor) has wrong signature for a destructor")
                }
            }
            let id = arena.freshResource()
            scope.definedResources.append(id)
            scope.localResources.insert(id)
            return arena.add(.resource(id))
        }
    }

    private mutating func addTypeDeclaration(_ declaration: TypeDeclaration) throws(ComponentError) {
        switch declaration {
        case .coreType(let type):
            scope.coreTypes += try resolveCoreType(type)
        case .type(let type):
            scope.types.append(try resolveTypeDefinition(type))
        case .alias(let alias):
            switch alias {
            case .instanceExport(let sort, _, _) where sort != .type && sort != .instance:
                throw invalid("alias declarators in types may only refer to types or instances")
            case .outer(let sort, _, _) where sort != .type && sort != .core(.type):
                throw invalid("outer aliases in types may only refer to types or core types")
            case .coreInstanceExport:
                throw invalid("alias declarators in types may only refer to types or instances")
            default:
                try addAlias(alias)
            }
        case .import(let name, let type):
            try addImport(name: name, type: type)
        case .export(let name, let type):
            try addExportDeclaration(name: name, type: type)
        }
    }

    // MARK: Value types

    func resolveValueType(_ type: ValueType) throws(ComponentError) -> ResolvedValueType {
        switch type {
        case .primitive(let primitive):
            return .primitive(primitive)
        case .index(let index):
            let id = try typeID(index)
            guard case .defined = arena[id] else { throw invalid("type index \(index) is not a defined type") }
            return .defined(id)
        }
    }

    /// The type identifier at `index` of the type index space.
    func typeID(_ index: UInt32) throws(ComponentError) -> TypeID {
        guard Int(index) < scope.types.count else { throw invalid("unknown type \(index): type index out of bounds") }
        return scope.types[Int(index)]
    }

    private func resourceTypeID(_ index: UInt32) throws(ComponentError) -> TypeID {
        let id = try typeID(index)
        guard arena.resource(id) != nil else { throw invalid("type index \(index) is not a resource type") }
        return id
    }

    /// Checks that labels are non-empty, kebab-case and strongly unique.
    private func checkLabels(_ labels: [String], what: String, previous: String) throws(ComponentError) {
        var seen: [String: String] = [:]
        for label in labels {
            guard !label.isEmpty else { throw invalid("\(what) name cannot be empty") }
            guard ExternNameSyntax.isKebabCase(label) else { throw invalid("\(what) name `\(label)` is not in kebab case") }
            if let earlier = seen[label.lowercased()] {
                throw invalid("\(what) name `\(label)` conflicts with previous \(previous) name `\(earlier)`")
            }
            seen[label.lowercased()] = label
        }
    }

    private func resolveDefinedType(_ type: DefinedValueType) throws(ComponentError) -> ResolvedDefinedType {
        switch type {
        case .primitive(let primitive):
            return .primitive(primitive)
        case .record(let fields):
            guard !fields.isEmpty else { throw invalid("record type must have at least one field") }
            try checkLabels(fields.map(\.label), what: "record field", previous: "field")
            var resolved: [ResolvedField] = []
            for field in fields { resolved.append(ResolvedField(label: field.label, type: try resolveValueType(field.type))) }
            return .record(resolved)
        case .variant(let cases):
            guard !cases.isEmpty else { throw invalid("variant type must have at least one case") }
            try checkLabels(cases.map(\.label), what: "variant case", previous: "case")
            var resolved: [ResolvedCase] = []
            for variantCase in cases {
                let payload = try variantCase.type.map { type throws(ComponentError) in try resolveValueType(type) }
                resolved.append(ResolvedCase(label: variantCase.label, type: payload))
            }
            return .variant(resolved)
        case .list(let element):
            return .list(try resolveValueType(element))
        case .fixedLengthList(let element, let length):
            guard length > 0 else { throw invalid("fixed-length lists must have more than zero elements") }
            return .fixedLengthList(try resolveValueType(element), length: length)
        case .tuple(let elements):
            guard !elements.isEmpty else { throw invalid("tuple type must have at least one type") }
            var resolved: [ResolvedValueType] = []
            for element in elements { resolved.append(try resolveValueType(element)) }
            return .tuple(resolved)
        case .flags(let labels):
            guard !labels.isEmpty else { throw invalid("flags must have at least one entry") }
            guard labels.count <= 32 else { throw invalid("cannot have more than 32 flags") }
            try checkLabels(labels, what: "flag", previous: "flag")
            return .flags(labels)
        case .enum(let labels):
            guard !labels.isEmpty else { throw invalid("enum type must have at least one variant") }
            try checkLabels(labels, what: "enum tag", previous: "tag")
            return .enum(labels)
        case .option(let payload):
            return .option(try resolveValueType(payload))
        case .result(let ok, let error):
            return .result(ok: try ok.map { type throws(ComponentError) in try resolveValueType(type) },
                           error: try error.map { type throws(ComponentError) in try resolveValueType(type) })
        case .own(let index):
            return .own(try resourceTypeID(index))
        case .borrow(let index):
            return .borrow(try resourceTypeID(index))
        case .stream(let element), .future(let element):
            let resolved = try element.map { type throws(ComponentError) in try resolveValueType(type) }
            if let resolved, arena.containsBorrow(resolved) {
                throw invalid("stream and future element types cannot contain a `borrow` type")
            }
            if case .stream = type, let resolved, case .primitive(.char)? = arena.defined(resolved) {
                throw invalid("`stream<char>` is not valid at this time")
            }
            if case .stream = type { return .stream(resolved) }
            return .future(resolved)
        case .map(let key, let value):
            return .map(key: try resolveValueType(key), value: try resolveValueType(value))
        }
    }

    func resolveFunctionType(_ function: ComponentFunctionType) throws(ComponentError) -> ResolvedFunctionType {
        try checkLabels(function.parameters.map(\.label), what: "function parameter", previous: "parameter")
        var parameters: [ResolvedField] = []
        for parameter in function.parameters {
            parameters.append(ResolvedField(label: parameter.label, type: try resolveValueType(parameter.type)))
        }
        let result = try function.result.map { type throws(ComponentError) in try resolveValueType(type) }
        if let result, arena.containsBorrow(result) {
            throw invalid("function result cannot contain a `borrow` type")
        }
        return ResolvedFunctionType(isAsync: function.isAsync, parameters: parameters, result: result)
    }

    // MARK: Core types

    /// Resolves a core type definition into the entries it adds to the core type index space.
    mutating func resolveCoreType(_ type: CoreType) throws(ComponentError) -> [CoreTypeEntry] {
        switch type {
        case .recursionGroup(let subTypes, _):
            try checkTypeReferences(subTypes, in: scope.coreTypes)
            return coreTypeEntries(subTypes)
        case .module(let declarations):
            return [.module(try resolveModuleType(declarations))]
        }
    }

    /// Concrete type references of a recursion group must name an existing core type that is
    /// not a module type, or a member of the group itself.
    private func checkTypeReferences(_ subTypes: [CoreSubType], in space: [CoreTypeEntry]) throws(ComponentError) {
        let limit = space.count + subTypes.count
        func check(_ index: UInt32) throws(ComponentError) {
            guard Int(index) < limit else { throw invalid("unknown type \(index): type index out of bounds") }
            if Int(index) < space.count, case .module = space[Int(index)] {
                throw invalid("type index \(index) is a module type")
            }
        }
        func check(_ type: CoreValueType) throws(ComponentError) {
            if case .reference(let reference) = type, case .concrete(let index) = reference.heapType { try check(index) }
        }
        func check(_ field: CoreFieldType) throws(ComponentError) {
            if case .value(let type) = field.storage { try check(type) }
        }
        for subType in subTypes {
            for supertype in subType.supertypes { try check(supertype) }
            switch subType.composite {
            case .function(let parameters, let results):
                for type in parameters + results { try check(type) }
            case .struct(let fields):
                for field in fields { try check(field) }
            case .array(let field):
                try check(field)
            }
        }
    }

    /// The core type index space entries a recursion group adds, one per sub type.
    private func coreTypeEntries(_ subTypes: [CoreSubType]) -> [CoreTypeEntry] {
        subTypes.map { subType in
            if case .function(let parameters, let results) = subType.composite {
                return .function(CoreFunctionSignature(parameters: parameters, results: results))
            }
            return .other
        }
    }

    private mutating func resolveModuleType(_ declarations: [ModuleTypeDeclaration]) throws(ComponentError) -> CoreModuleType {
        var types: [CoreTypeEntry] = []
        var imports: [CoreModuleImport] = []
        var exports: [String: CoreEntityType] = [:]
        func externType(_ type: CoreExternType) throws(ComponentError) -> CoreEntityType {
            switch type {
            case .function(let index), .tag(let index):
                guard Int(index) < types.count else { throw invalid("unknown type \(index): type index out of bounds") }
                guard case .function(let signature) = types[Int(index)] else {
                    throw invalid("type index \(index) is not a function type")
                }
                if case .tag = type { return .tag(signature) }
                return .function(signature)
            case .table(let table): return .table(table)
            case .memory(let limits):
                let maximumPages: UInt64 = limits.is64 ? 1 << 48 : 1 << 16
                guard limits.minimum <= maximumPages, (limits.maximum ?? 0) <= maximumPages else {
                    throw invalid("memory size must be at most \(maximumPages) pages")
                }
                guard limits.maximum.map({ $0 >= limits.minimum }) ?? true else {
                    throw invalid("size minimum must not be greater than maximum")
                }
                return .memory(limits)
            case .global(let global): return .global(global)
            }
        }
        for declaration in declarations {
            switch declaration {
            case .import(let module, let name, let type):
                imports.append(CoreModuleImport(module: module, name: name, type: try externType(type)))
            case .type(let subTypes, _):
                try checkTypeReferences(subTypes, in: types)
                types += coreTypeEntries(subTypes)
            case .outerTypeAlias(let count, let index):
                // Count 0 is the module type itself; 1 the scope that defines it, and so on outward.
                let space: [CoreTypeEntry]
                if count == 0 {
                    space = types
                } else if Int(count) <= scopes.count {
                    space = scopes[scopes.count - Int(count)].coreTypes
                } else {
                    throw invalid("invalid outer alias count of \(count)")
                }
                guard Int(index) < space.count else { throw invalid("unknown type \(index): type index out of bounds") }
                if case .module = space[Int(index)] { throw invalid("module types cannot be aliased into module types") }
                types.append(space[Int(index)])
            case .export(let name, let type):
                guard exports[name] == nil else { throw invalid("export name `\(name)` already defined") }
                exports[name] = try externType(type)
            }
        }
        let module = CoreModuleType(imports: imports, exports: exports)
        try checkUniqueImportNames(module)
        return module
    }
}
