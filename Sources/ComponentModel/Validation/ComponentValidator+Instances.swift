import WasmCore

/// Validation of core modules, core instances and component instances: instantiation type
/// checking and the resource and type substitution it implies.
extension ComponentValidator {
    // MARK: Core modules and instances

    /// Decodes and validates an embedded core module; `moduleOffset` is where its bytes start
    /// in the component binary, so errors can point at the offending byte.
    mutating func validateCoreModule(_ embedded: CoreModule, at moduleOffset: Int?) throws(ComponentError) -> CoreModuleType {
        if let known = reusableModules.type(of: embedded.bytes) {
            validatedModules.insert(embedded.bytes, type: known)
            return known
        }
        let module: Module
        do {
            module = try embedded.decoded()
            try module.validate()
        } catch {
            let location = error.functionIndex.map { " in function \($0)" } ?? ""
            throw ComponentError(error.kind == .malformed ? .malformed : .invalid,
                                 offset: moduleOffset.map { $0 + error.offset } ?? sectionOffset, section: sectionName,
                                 "core module: \(error.message)\(location) (at offset 0x\(String(error.offset, radix: 16)) of the module)")
        }
        let type = CoreModuleType(module)
        try checkUniqueImportNames(type)
        validatedModules.insert(embedded.bytes, type: type)
        return type
    }

    /// Two-level core import names must be unique: components mangle them into one level.
    func checkUniqueImportNames(_ module: CoreModuleType) throws(ComponentError) {
        var seen: Set<[String]> = []
        for item in module.imports where !seen.insert([item.module, item.name]).inserted {
            throw invalid("duplicate import name `\(item.module):\(item.name)`")
        }
    }

    func coreInstanceExports(_ instance: CoreInstance) throws(ComponentError) -> [String: CoreEntityType] {
        switch instance {
        case .instantiate(let moduleIndex, let arguments):
            guard Int(moduleIndex) < scope.coreModules.count else {
                throw invalid("unknown module \(moduleIndex): module index out of bounds")
            }
            let module = scope.coreModules[Int(moduleIndex)]
            var suppliers: [String: [String: CoreEntityType]] = [:]
            for argument in arguments {
                guard suppliers[argument.name] == nil else {
                    throw invalid("duplicate module instantiation argument named `\(argument.name)`")
                }
                guard Int(argument.instance) < scope.coreInstances.count else {
                    throw invalid("unknown core instance \(argument.instance): instance index out of bounds")
                }
                suppliers[argument.name] = scope.coreInstances[Int(argument.instance)]
            }
            for item in module.imports {
                guard let supplier = suppliers[item.module] else {
                    throw invalid("missing module instantiation argument named `\(item.module)`")
                }
                guard let provided = supplier[item.name] else {
                    throw invalid("module instantiation argument `\(item.module)` does not export an item named `\(item.name)`")
                }
                do { try arena.checkCoreSubtype(provided, of: item.type) } catch {
                    throw invalid("type mismatch for export `\(item.name)` of module instantiation argument `\(item.module)`: \(error.message)")
                }
            }
            return module.exports
        case .fromExports(let exports):
            var result: [String: CoreEntityType] = [:]
            for export in exports {
                guard result[export.name] == nil else {
                    throw invalid("export name `\(export.name)` already defined")
                }
                result[export.name] = try coreEntity(export.item)
            }
            return result
        }
    }

    /// The type of a core item by sort and index.
    func coreEntity(_ item: CoreSortIndex) throws(ComponentError) -> CoreEntityType {
        let index = Int(item.index)
        func bounds(_ count: Int, _ what: String) throws(ComponentError) {
            guard index < count else { throw invalid("unknown \(what) \(item.index): \(what) index out of bounds") }
        }
        switch item.sort {
        case .function:
            try bounds(scope.coreFunctions.count, "function")
            return .function(scope.coreFunctions[index])
        case .table:
            try bounds(scope.coreTables.count, "table")
            return .table(scope.coreTables[index])
        case .memory:
            try bounds(scope.coreMemories.count, "memory")
            return .memory(scope.coreMemories[index])
        case .global:
            try bounds(scope.coreGlobals.count, "global")
            return .global(scope.coreGlobals[index])
        case .tag:
            try bounds(scope.coreTags.count, "tag")
            return .tag(scope.coreTags[index])
        case .type, .module, .instance:
            throw invalid("\(item.sort) cannot be exported from a core instance")
        }
    }

    /// Adds a core item to its index space.
    mutating func pushCore(_ entity: CoreEntityType) {
        switch entity {
        case .function(let signature): scope.coreFunctions.append(signature)
        case .table(let table): scope.coreTables.append(table)
        case .memory(let memory): scope.coreMemories.append(memory)
        case .global(let global): scope.coreGlobals.append(global)
        case .tag(let signature): scope.coreTags.append(signature)
        }
    }

    // MARK: Component instances

    mutating func instanceType(_ instance: ComponentInstance) throws(ComponentError) -> TypeID {
        switch instance {
        case .instantiate(let componentIndex, let arguments):
            guard Int(componentIndex) < scope.components.count else {
                throw invalid("unknown component \(componentIndex): component index out of bounds")
            }
            guard case .component(let component) = arena[scope.components[Int(componentIndex)]] else {
                throw invalid("index \(componentIndex) is not a component")
            }
            var provided: [String: EntityType] = [:]
            for argument in arguments {
                guard provided[argument.name] == nil else {
                    throw invalid("instantiation argument `\(argument.name)` conflicts with previous argument `\(argument.name)`")
                }
                provided[argument.name] = try entity(argument.item)
            }
            return try instantiate(component, with: provided)
        case .fromExports(let exports):
            var items: [NamedEntity] = []
            var keys: [String: String] = [:]
            var resourceNames: [TypeID: String] = [:]
            for export in exports {
                try checkExternName(export.name, kind: "export", keys: &keys)
                if case .core(let sort) = export.item.sort, sort != .module {
                    throw invalid("\(sort) not valid to be used as an instance export")
                }
                var item = try entity(export.item)
                // A bag export of a resource type names it with a new type identifier (the
                // resource stays the same); other types keep their identifier.
                if case .type(let id) = item, arena.resource(id) != nil { item = .type(arena.add(arena[id])) }
                try checkImplements(export.name, entity: item)
                if case .type(let id) = item, arena.resource(id) != nil { resourceNames[id] = export.name.name }
                try checkAnnotatedName(export.name.name, entity: item, resourceNames: resourceNames)
                items.append(NamedEntity(name: export.name.name, type: item))
            }
            return arena.add(.instance(ResolvedInstanceType(exports: items, definedResources: [])))
        }
    }

    /// Type-checks an instantiation and returns the type of the resulting instance: the
    /// component's exports with imported types replaced by the supplied ones and defined
    /// resources made fresh.
    private mutating func instantiate(_ component: ResolvedComponentType,
                                      with provided: [String: EntityType]) throws(ComponentError) -> TypeID {
        var substitution = Substitution()
        let abstract = Set(component.importedResources)
        for item in component.imports {
            guard let argument = provided[item.name] else { throw invalid("missing import named `\(item.name)`") }
            // Abstract resources are bound by the first import that introduces them.
            bindResources(expected: item.type, actual: argument, abstract: abstract, into: &substitution.resources)
            let expected = arena.substitute(item.type, substitution)
            do { try arena.checkSubtype(argument, of: expected) } catch {
                throw invalid("type mismatch in import `\(item.name)`: \(error.message)")
            }
            // Later uses of an imported type refer to the supplied type from now on.
            bindTypeIdentifiers(expected: item.type, actual: argument, into: &substitution.types)
        }
        for resource in component.definedResources { substitution.resources[resource] = arena.freshResource() }
        // Substitute all exports in one pass so that a type they share stays one type.
        let unsubstituted = arena.add(.instance(ResolvedInstanceType(exports: component.exports, definedResources: [])))
        guard case .instance(let instance) = arena.substitute(.instance(unsubstituted), substitution) else {
            return unsubstituted
        }
        return instance
    }

    /// Walks an expected import type and the supplied item side by side and binds each
    /// still-unbound abstract resource of `abstract` to the resource supplied in its place.
    private func bindResources(expected: EntityType, actual: EntityType, abstract: Set<ResourceID>,
                               into map: inout [ResourceID: ResourceID]) {
        switch (expected, actual) {
        case (.type(let expectedID), .type(let actualID)):
            guard let resource = arena.resource(expectedID), abstract.contains(resource), map[resource] == nil,
                  let supplied = arena.resource(actualID) else { return }
            map[resource] = supplied
        case (.instance(let expectedID), .instance(let actualID)):
            guard case .instance(let expectedType) = arena[expectedID],
                  case .instance(let actualType) = arena[actualID] else { return }
            for item in expectedType.exports {
                guard let suppliedItem = actualType.export(named: item.name) else { continue }
                bindResources(expected: item.type, actual: suppliedItem, abstract: abstract, into: &map)
            }
        default:
            return
        }
    }

    /// Maps the type identifiers an import declares (directly, or as exports of an imported
    /// instance) to the identifiers of the types supplied for them.
    private func bindTypeIdentifiers(expected: EntityType, actual: EntityType, into map: inout [TypeID: TypeID]) {
        switch (expected, actual) {
        case (.type(let expectedID), .type(let actualID)):
            map[expectedID] = actualID
        case (.instance(let expectedID), .instance(let actualID)):
            guard case .instance(let expectedType) = arena[expectedID],
                  case .instance(let actualType) = arena[actualID] else { return }
            for item in expectedType.exports {
                guard let suppliedItem = actualType.export(named: item.name) else { continue }
                bindTypeIdentifiers(expected: item.type, actual: suppliedItem, into: &map)
            }
        default:
            return
        }
    }
}
