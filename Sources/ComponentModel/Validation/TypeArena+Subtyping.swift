/// Why one type is not a subtype of another; the message names the first difference.
struct TypeMismatch: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension TypeArena {
    /// Checks that an item of type `actual` can be used where `expected` is required.
    mutating func checkSubtype(_ actual: EntityType, of expected: EntityType) throws(TypeMismatch) {
        switch (actual, expected) {
        case (.coreModule(let a), .coreModule(let b)):
            try checkModuleSubtype(a, of: b)
        case (.function(let a), .function(let b)):
            try checkFunctionType(a, b)
        case (.value(let a), .value(let b)):
            try checkValueType(a, b)
        case (.type(let a), .type(let b)):
            try checkTypeEquality(a, b)
        case (.instance(let a), .instance(let b)):
            try checkInstanceSubtype(a, of: b)
        case (.component(let a), .component(let b)):
            try checkComponentSubtype(a, of: b)
        default:
            throw TypeMismatch("expected \(expected.sort), found \(actual.sort)")
        }
    }

    /// Types bound by `type` imports and exports must be equal (resources by identity).
    private mutating func checkTypeEquality(_ a: TypeID, _ b: TypeID) throws(TypeMismatch) {
        switch (self[a], self[b]) {
        case (.resource(let ra), .resource(let rb)):
            guard ra == rb else { throw TypeMismatch("resource types are not the same") }
        case (.resource, _):
            throw TypeMismatch("expected \(kindName(b)), found resource")
        case (_, .resource):
            throw TypeMismatch("expected resource, found \(kindName(a))")
        case (.defined, .defined):
            try checkValueType(.defined(a), .defined(b))
        case (.function, .function):
            try checkFunctionType(a, b)
        case (.instance, .instance):
            try checkInstanceSubtype(a, of: b)
        case (.component, .component):
            try checkComponentSubtype(a, of: b)
        default:
            throw TypeMismatch("expected \(kindName(b)), found \(kindName(a))")
        }
    }

    private func kindName(_ id: TypeID) -> String {
        switch self[id] {
        case .defined: "defined type"
        case .function: "func"
        case .component: "component"
        case .instance: "instance"
        case .resource: "resource"
        }
    }

    private func checkFunctionType(_ a: TypeID, _ b: TypeID) throws(TypeMismatch) {
        guard case .function(let fa) = self[a], case .function(let fb) = self[b] else {
            throw TypeMismatch("expected func, found \(kindName(a))")
        }
        guard fa.isAsync == fb.isAsync else { throw TypeMismatch("expected \(fb.isAsync ? "async" : "sync") function") }
        guard fa.parameters.count == fb.parameters.count else {
            throw TypeMismatch("expected \(fb.parameters.count) parameters, found \(fa.parameters.count)")
        }
        for (pa, pb) in zip(fa.parameters, fb.parameters) {
            guard pa.label == pb.label else { throw TypeMismatch("expected parameter named `\(pb.label)`, found `\(pa.label)`") }
            do { try checkValueType(pa.type, pb.type) } catch {
                throw TypeMismatch("type mismatch in function parameter `\(pa.label)`: \(error.message)")
            }
        }
        switch (fa.result, fb.result) {
        case (nil, nil): break
        case (let ra?, let rb?):
            do { try checkValueType(ra, rb) } catch { throw TypeMismatch("type mismatch with result type: \(error.message)") }
        case (nil, _?): throw TypeMismatch("expected a result, found none")
        case (_?, nil): throw TypeMismatch("expected no result, found one")
        }
    }

    /// Value types must be structurally equal; resources are compared by identity.
    func checkValueType(_ a: ResolvedValueType, _ b: ResolvedValueType) throws(TypeMismatch) {
        if a == b { return }
        guard let da = defined(a), let db = defined(b) else { throw TypeMismatch("expected a value type") }
        try checkDefinedType(da, db)
    }

    private func name(_ defined: ResolvedDefinedType) -> String {
        switch defined {
        case .primitive(let primitive): primitive.description
        case .record: "record"
        case .variant: "variant"
        case .list: "list"
        case .fixedLengthList: "fixed-length list"
        case .tuple: "tuple"
        case .flags: "flags"
        case .enum: "enum"
        case .option: "option"
        case .result: "result"
        case .own: "own"
        case .borrow: "borrow"
        case .stream: "stream"
        case .future: "future"
        case .map: "map"
        }
    }

    private func checkOptional(_ a: ResolvedValueType?, _ b: ResolvedValueType?, _ what: String) throws(TypeMismatch) {
        switch (a, b) {
        case (nil, nil): return
        case (let ta?, let tb?):
            do { try checkValueType(ta, tb) } catch { throw TypeMismatch("type mismatch in \(what): \(error.message)") }
        case (nil, _?): throw TypeMismatch("expected \(what) type, but found none")
        case (_?, nil): throw TypeMismatch("expected \(what) type to not be present")
        }
    }

    private func checkDefinedType(_ a: ResolvedDefinedType, _ b: ResolvedDefinedType) throws(TypeMismatch) {
        switch (a, b) {
        case (.primitive(let pa), .primitive(let pb)):
            guard pa == pb else { throw TypeMismatch("expected primitive `\(pb)` found primitive `\(pa)`") }
        case (.record(let fa), .record(let fb)):
            guard fa.count == fb.count else { throw TypeMismatch("expected \(fb.count) fields, found \(fa.count)") }
            for (x, y) in zip(fa, fb) {
                guard x.label == y.label else { throw TypeMismatch("expected field name `\(y.label)`, found `\(x.label)`") }
                do { try checkValueType(x.type, y.type) } catch {
                    throw TypeMismatch("type mismatch in record field `\(x.label)`: \(error.message)")
                }
            }
        case (.variant(let ca), .variant(let cb)):
            guard ca.count == cb.count else { throw TypeMismatch("expected \(cb.count) cases, found \(ca.count)") }
            for (x, y) in zip(ca, cb) {
                guard x.label == y.label else { throw TypeMismatch("expected case named `\(y.label)`, found `\(x.label)`") }
                switch (x.type, y.type) {
                case (nil, nil): break
                case (let tx?, let ty?):
                    do { try checkValueType(tx, ty) } catch {
                        throw TypeMismatch("type mismatch in variant case `\(x.label)`: \(error.message)")
                    }
                case (nil, _?): throw TypeMismatch("expected case `\(x.label)` to have a type, found none")
                case (_?, nil): throw TypeMismatch("expected case `\(x.label)` to have no type")
                }
            }
        case (.list(let ea), .list(let eb)), (.option(let ea), .option(let eb)):
            try checkValueType(ea, eb)
        case (.fixedLengthList(let ea, let la), .fixedLengthList(let eb, let lb)):
            guard la == lb else { throw TypeMismatch("expected list of length \(lb), found \(la)") }
            try checkValueType(ea, eb)
        case (.tuple(let ta), .tuple(let tb)):
            guard ta.count == tb.count else { throw TypeMismatch("expected \(tb.count) types, found \(ta.count)") }
            for (index, (x, y)) in zip(ta, tb).enumerated() {
                do { try checkValueType(x, y) } catch {
                    throw TypeMismatch("type mismatch in tuple field \(index): \(error.message)")
                }
            }
        case (.flags(let la), .flags(let lb)):
            guard la == lb else { throw TypeMismatch("mismatch in flags elements") }
        case (.enum(let la), .enum(let lb)):
            guard la == lb else { throw TypeMismatch("mismatch in enum elements") }
        case (.result(let oka, let erra), .result(let okb, let errb)):
            try checkOptional(oka, okb, "ok")
            try checkOptional(erra, errb, "err")
        case (.own(let ra), .own(let rb)), (.borrow(let ra), .borrow(let rb)):
            guard resource(ra) == resource(rb) else { throw TypeMismatch("resource types are not the same") }
        case (.stream(let ea), .stream(let eb)):
            try checkOptional(ea, eb, "stream element")
        case (.future(let ea), .future(let eb)):
            try checkOptional(ea, eb, "future element")
        case (.map(let ka, let va), .map(let kb, let vb)):
            try checkValueType(ka, kb)
            try checkValueType(va, vb)
        case (.primitive, _):
            throw TypeMismatch("expected \(name(b)), found primitive")
        default:
            throw TypeMismatch("expected \(name(b)), found \(name(a))")
        }
    }

    /// Maps the resources `actual` defines onto those `expected` defines under the same export
    /// names (also inside instances of the same name, which is where the resources of a
    /// component type's imported interfaces are), so that two independently written types can
    /// be compared.
    private func resourceCorrespondence(actual: [NamedEntity], actualResources: [ResourceID],
                                        expected: [NamedEntity], expectedResources: [ResourceID])
        -> [ResourceID: ResourceID] {
        var map: [ResourceID: ResourceID] = [:]
        let actualSet = Set(actualResources)
        let expectedSet = Set(expectedResources)
        func match(_ actual: [NamedEntity], _ expected: [NamedEntity]) {
            for item in expected {
                switch (item.type, actual.first(where: { $0.name == item.name })?.type) {
                case (.type(let expectedID), .type(let actualID)?):
                    guard let expectedResource = resource(expectedID), expectedSet.contains(expectedResource),
                          let actualResource = resource(actualID), actualSet.contains(actualResource) else { continue }
                    map[actualResource] = expectedResource
                case (.instance(let expectedID), .instance(let actualID)?):
                    guard case .instance(let expectedInstance) = self[expectedID],
                          case .instance(let actualInstance) = self[actualID] else { continue }
                    match(actualInstance.exports, expectedInstance.exports)
                default:
                    continue
                }
            }
        }
        match(actual, expected)
        return map
    }

    private mutating func checkInstanceSubtype(_ a: TypeID, of b: TypeID) throws(TypeMismatch) {
        guard case .instance(let ia) = self[a], case .instance(let ib) = self[b] else {
            throw TypeMismatch("expected instance, found \(kindName(a))")
        }
        let map = resourceCorrespondence(actual: ia.exports, actualResources: ia.definedResources,
                                         expected: ib.exports, expectedResources: ib.definedResources)
        for item in ib.exports {
            guard let found = ia.export(named: item.name) else {
                throw TypeMismatch("missing expected export `\(item.name)`")
            }
            do { try checkSubtype(substitute(found, map), of: item.type) } catch {
                throw TypeMismatch("type mismatch in instance export `\(item.name)`: \(error.message)")
            }
        }
    }

    private mutating func checkComponentSubtype(_ a: TypeID, of b: TypeID) throws(TypeMismatch) {
        guard case .component(let ca) = self[a], case .component(let cb) = self[b] else {
            throw TypeMismatch("expected component, found \(kindName(a))")
        }
        // Imports are contravariant: every import `a` needs must be provided under `b`'s type.
        let importMap = resourceCorrespondence(actual: cb.imports, actualResources: cb.importedResources,
                                               expected: ca.imports, expectedResources: ca.importedResources)
        var map = resourceCorrespondence(actual: ca.exports, actualResources: ca.definedResources,
                                         expected: cb.exports, expectedResources: cb.definedResources)
        for (from, to) in importMap { map[to] = from }
        for item in ca.imports {
            guard let provided = cb.imports.first(where: { $0.name == item.name })?.type else {
                throw TypeMismatch("missing expected import `\(item.name)`")
            }
            do { try checkSubtype(provided, of: substitute(item.type, map)) } catch {
                throw TypeMismatch("type mismatch in import `\(item.name)`: \(error.message)")
            }
        }
        for item in cb.exports {
            guard let found = ca.exports.first(where: { $0.name == item.name })?.type else {
                throw TypeMismatch("missing expected export `\(item.name)`")
            }
            do { try checkSubtype(substitute(found, map), of: item.type) } catch {
                throw TypeMismatch("type mismatch in export `\(item.name)`: \(error.message)")
            }
        }
    }

    // MARK: Core

    func checkModuleSubtype(_ a: CoreModuleType, of b: CoreModuleType) throws(TypeMismatch) {
        for item in a.imports {
            guard let provided = b.imports.first(where: { $0.module == item.module && $0.name == item.name }) else {
                throw TypeMismatch("missing expected import `\(item.module)::\(item.name)`")
            }
            do { try checkCoreSubtype(provided.type, of: item.type) } catch {
                throw TypeMismatch("type mismatch in import `\(item.module)::\(item.name)`: \(error.message)")
            }
        }
        for (name, type) in b.exports.sorted(by: { $0.key < $1.key }) {
            guard let found = a.exports[name] else { throw TypeMismatch("missing expected export `\(name)`") }
            do { try checkCoreSubtype(found, of: type) } catch {
                throw TypeMismatch("type mismatch in export `\(name)`: \(error.message)")
            }
        }
    }

    /// Core import matching: an item of type `actual` may satisfy an import of type `expected`.
    func checkCoreSubtype(_ actual: CoreEntityType, of expected: CoreEntityType) throws(TypeMismatch) {
        switch (actual, expected) {
        case (.function(let a), .function(let b)), (.tag(let a), .tag(let b)):
            guard a == b else { throw TypeMismatch("expected: \(b), found: \(a)") }
        case (.table(let a), .table(let b)):
            guard a.elementType == b.elementType else {
                throw TypeMismatch("expected table element type \(CoreValueType.reference(b.elementType).text), found \(CoreValueType.reference(a.elementType).text)")
            }
            guard a.limits.is64 == b.limits.is64, limitsMatch(a.limits, b.limits) else {
                throw TypeMismatch("mismatch in table limits")
            }
        case (.memory(let a), .memory(let b)):
            guard a.isShared == b.isShared else { throw TypeMismatch("mismatch in the shared flag for memories") }
            guard a.is64 == b.is64, a.pageSizeLog2 == b.pageSizeLog2, limitsMatch(a, b) else {
                throw TypeMismatch("mismatch in memory limits")
            }
        case (.global(let a), .global(let b)):
            guard a.isMutable == b.isMutable, a.isShared == b.isShared else { throw TypeMismatch("global types differ in mutability") }
            guard a.valueType == b.valueType else {
                throw TypeMismatch("expected global type \(b.valueType.text), found \(a.valueType.text)")
            }
        default:
            throw TypeMismatch("expected \(coreSortName(expected.sort)), found \(coreSortName(actual.sort))")
        }
    }

    private func coreSortName(_ sort: CoreSort) -> String {
        switch sort {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        case .type: "type"
        case .module: "module"
        case .instance: "instance"
        }
    }

    private func limitsMatch(_ actual: CoreLimits, _ expected: CoreLimits) -> Bool {
        guard actual.minimum >= expected.minimum else { return false }
        guard let expectedMaximum = expected.maximum else { return true }
        guard let actualMaximum = actual.maximum else { return false }
        return actualMaximum <= expectedMaximum
    }
}
