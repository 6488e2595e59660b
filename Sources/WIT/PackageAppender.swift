/// Appends an `UnresolvedPackage` to a `Resolve`: connects its foreign references to the
/// packages already there, drops items whose feature gate is off, copies its arenas over
/// (turning resource references into `own` handles), merges world `include`s and
/// elaborates worlds.
struct PackageAppender {
    private var typeMap: [TypeID?] = []
    private var interfaceMap: [InterfaceID?] = []
    private var worldMap: [WorldID?] = []
    /// Anonymous `own<T>` handles created so far, by the referenced type.
    private var ownHandles: [TypeID: TypeID] = [:]
    private var borrowCache: [TypeID: Bool] = [:]

    /// Appends `unresolved` and returns its package id.
    mutating func append(_ unresolved: UnresolvedPackage, to resolve: inout Resolve) throws(WITDiagnostic) -> PackageID {
        let packageID = PackageID(resolve.packages.count)
        resolve.packages.append(Package(
            name: unresolved.name, docs: unresolved.docs, interfaces: OrderedDictionary(), worlds: OrderedDictionary()))
        resolve.packageNames[unresolved.name] = packageID
        try mapForeignItems(unresolved, packageID: packageID, resolve: &resolve)

        let foreignTypes = typeMap.count
        let foreignInterfaces = interfaceMap.count
        let foreignWorlds = worldMap.count

        for entry in unresolved.types.dropFirst(foreignTypes) {
            guard case .defined(var type) = entry else { continue }
            if !(try resolve.includes(type.stability, package: packageID, span: type.span)) {
                typeMap.append(nil)
                continue
            }
            try updateTypeDef(&type, resolve: &resolve)
            var newID = TypeID(resolve.types.count)
            resolve.types.append(type)
            if type.name == nil, type.owner == .none, case .handle(.own(let target)) = type.kind {
                if let existing = ownHandles[target] { newID = existing } else { ownHandles[target] = newID }
            }
            typeMap.append(newID)
        }

        for var interface in unresolved.interfaces.dropFirst(foreignInterfaces) {
            if !(try resolve.includes(interface.stability, package: packageID, span: interface.span)) {
                interfaceMap.append(nil)
                continue
            }
            interface.package = packageID
            try updateInterface(&interface, packageID: packageID, resolve: &resolve)
            interfaceMap.append(InterfaceID(resolve.interfaces.count))
            resolve.interfaces.append(interface)
        }

        for case let id? in typeMap.dropFirst(foreignTypes) {
            if case .interface(let owner) = resolve.types[id.index].owner {
                let mapped = try map(owner, in: interfaceMap, kind: "interface", span: resolve.types[id.index].span,
                                     suffix: "; this type is not gated by a feature but its interface is")
                resolve.types[id.index].owner = .interface(mapped)
            }
        }

        for var world in unresolved.worlds.dropFirst(foreignWorlds) {
            if !(try resolve.includes(world.stability, package: packageID, span: world.span)) {
                worldMap.append(nil)
                continue
            }
            try updateWorld(&world, packageID: packageID, resolve: &resolve)
            worldMap.append(WorldID(resolve.worlds.count))
            resolve.worlds.append(world)
        }

        for case let id? in typeMap.dropFirst(foreignTypes) {
            if case .world(let owner) = resolve.types[id.index].owner {
                let mapped = try map(owner, in: worldMap, kind: "world", span: resolve.types[id.index].span,
                                     suffix: "; this type is not gated by a feature but its world is")
                resolve.types[id.index].owner = .world(mapped)
            }
        }

        for case let id? in worldMap.dropFirst(foreignWorlds) {
            try mergeIncludes(into: id, packageID: packageID, resolve: &resolve)
            try resolve.elaborateWorld(id)
        }

        for case let id? in interfaceMap.dropFirst(foreignInterfaces) {
            resolve.interfaces[id.index].package = packageID
            if let name = resolve.interfaces[id.index].name {
                resolve.packages[packageID.index].interfaces[name] = id
            }
        }
        for case let id? in worldMap.dropFirst(foreignWorlds) {
            resolve.worlds[id.index].package = packageID
            resolve.packages[packageID.index].worlds[resolve.worlds[id.index].name] = id
        }
        for reference in unresolved.foreignReferences {
            let statementKept = try resolve.includes(reference.stability, package: packageID, span: unresolved.nameSpan)
            let containerKept = try resolve.includes(reference.container.stability, package: packageID, span: unresolved.nameSpan)
            if !(statementKept && containerKept) { resolve.packages[packageID.index].excludedReferences.append(reference) }
        }
        return packageID
    }

    private func map<ID>(_ id: ID, in table: [ID?], kind: String, span: Span, suffix: String = "") throws(WITDiagnostic) -> ID
    where ID: ArenaIndex {
        guard let mapped = table[id.index] else {
            throw WITDiagnostic(span, "found a reference to a \(kind) which is excluded due to its feature not being activated" + suffix)
        }
        return mapped
    }

    // MARK: foreign items

    private mutating func mapForeignItems(
        _ unresolved: UnresolvedPackage, packageID: PackageID, resolve: inout Resolve
    ) throws(WITDiagnostic) {
        var interfaceSources: [InterfaceID: (PackageName, String, Span, [Stability])] = [:]
        var worldSources: [WorldID: (PackageName, String, Span, [Stability])] = [:]
        for foreign in unresolved.foreignPackages {
            for (name, item) in foreign.items {
                switch item.item {
                case .interface(let id): interfaceSources[id] = (foreign.name, name, foreign.span, item.stabilities)
                case .world(let id): worldSources[id] = (foreign.name, name, foreign.span, item.stabilities)
                }
            }
        }
        func lookupPackage(_ name: PackageName, span: Span) throws(WITDiagnostic) -> PackageID {
            if let id = resolve.packageNames[name] { return id }
            let known = resolve.packageNames.keys.sorted().map(\.description)
            var message = "package '\(name)' not found"
            if !known.isEmpty { message += ". known packages:" + known.map { "\n    \($0)" }.joined() }
            throw WITDiagnostic(span, message)
        }
        for (index, interface) in unresolved.interfaces.enumerated() {
            guard let (packageName, name, span, stabilities) = interfaceSources[InterfaceID(index)] else { break }
            let foreignPackage = try lookupPackage(packageName, span: span)
            var enabled = false
            for stability in stabilities where try resolve.includes(stability, package: packageID, span: interface.span) {
                enabled = true
                break
            }
            if !enabled {
                interfaceMap.append(nil)
                continue
            }
            guard let id = resolve.packages[foreignPackage.index].interfaces[name] else {
                throw WITDiagnostic(interface.span, "interface '\(name)' not found in package '\(packageName)'")
            }
            interfaceMap.append(id)
        }
        for (index, world) in unresolved.worlds.enumerated() {
            guard let (packageName, name, span, stabilities) = worldSources[WorldID(index)] else { break }
            let foreignPackage = try lookupPackage(packageName, span: span)
            var enabled = false
            for stability in stabilities where try resolve.includes(stability, package: packageID, span: world.span) {
                enabled = true
                break
            }
            if !enabled {
                worldMap.append(nil)
                continue
            }
            guard let id = resolve.packages[foreignPackage.index].worlds[name] else {
                throw WITDiagnostic(world.span, "world '\(name)' not found in package '\(packageName)'")
            }
            worldMap.append(id)
        }
        for entry in unresolved.types {
            guard case .foreign(let name, let owner, let stability, let span) = entry else { break }
            if !(try resolve.includes(stability, package: packageID, span: span)) {
                typeMap.append(nil)
                continue
            }
            let interface = try map(owner, in: interfaceMap, kind: "interface", span: .unknown)
            guard let id = resolve.interfaces[interface.index].types[name] else {
                throw WITDiagnostic(span, "type `\(name)` not defined in interface")
            }
            typeMap.append(id)
        }
        for (required, span) in unresolved.requiredResourceTypes {
            guard var id = typeMap[required.index] else { continue }
            resolving: while true {
                switch resolve.types[id.index].kind {
                case .type(.id(let next)): id = next
                case .resource: break resolving
                default: throw WITDiagnostic(span, "type used in a handle must be a resource")
                }
            }
        }
    }

    // MARK: updating references

    private func mapType(_ id: TypeID, span: Span) throws(WITDiagnostic) -> TypeID {
        try map(id, in: typeMap, kind: "type", span: span)
    }

    private mutating func updateTypeDef(_ type: inout TypeDef, resolve: inout Resolve) throws(WITDiagnostic) {
        let span = type.span
        switch type.kind {
        case .handle(.own(let id)): type.kind = .handle(.own(try mapType(id, span: span)))
        case .handle(.borrow(let id)): type.kind = .handle(.borrow(try mapType(id, span: span)))
        case .resource, .flags, .enumeration, .future(nil), .stream(nil), .type:
            if case .type(.id(let id)) = type.kind { type.kind = .type(.id(try mapType(id, span: span))) }
        case .record(var fields):
            for i in fields.indices { fields[i].type = try update(fields[i].type, span: fields[i].span, resolve: &resolve) }
            type.kind = .record(fields)
        case .tuple(var elements):
            for i in elements.indices { elements[i] = try update(elements[i], span: span, resolve: &resolve) }
            type.kind = .tuple(elements)
        case .variant(var cases):
            for i in cases.indices {
                if let payload = cases[i].type { cases[i].type = try update(payload, span: span, resolve: &resolve) }
            }
            type.kind = .variant(cases)
        case .option(let t): type.kind = .option(try update(t, span: span, resolve: &resolve))
        case .list(let t): type.kind = .list(try update(t, span: span, resolve: &resolve))
        case .fixedLengthList(let t, let size): type.kind = .fixedLengthList(try update(t, span: span, resolve: &resolve), size: size)
        case .future(let t?): type.kind = .future(try update(t, span: span, resolve: &resolve))
        case .stream(let t?): type.kind = .stream(try update(t, span: span, resolve: &resolve))
        case .map(let k, let v):
            let key = try update(k, span: span, resolve: &resolve)
            type.kind = .map(key: key, value: try update(v, span: span, resolve: &resolve))
        case .result(let ok, let err):
            let newOK = try ok.map { (t) throws(WITDiagnostic) in try update(t, span: span, resolve: &resolve) }
            let newErr = try err.map { (t) throws(WITDiagnostic) in try update(t, span: span, resolve: &resolve) }
            type.kind = .result(ok: newOK, err: newErr)
        }
    }

    /// Maps a type reference; a reference to a resource becomes an `own` handle to it.
    private mutating func update(_ type: WITType, span: Span, resolve: inout Resolve) throws(WITDiagnostic) -> WITType {
        guard case .id(let original) = type else { return type }
        let id = try mapType(original, span: span)
        var current = id
        while case .type(.id(let next)) = resolve.types[current.index].kind { current = next }
        guard case .resource = resolve.types[current.index].kind else { return .id(id) }
        if let existing = ownHandles[id] { return .id(existing) }
        let handle = TypeID(resolve.types.count)
        resolve.types.append(TypeDef(
            name: nil, kind: .handle(.own(id)), owner: .none, docs: Docs(), stability: .unknown, span: .unknown))
        ownHandles[id] = handle
        return .id(handle)
    }

    private mutating func updateInterface(
        _ interface: inout Interface, packageID: PackageID, resolve: inout Resolve
    ) throws(WITDiagnostic) {
        interface.types.retain { _, id in typeMap[id.index] != nil }
        for name in interface.types.keys {
            interface.types[name] = try mapType(interface.types[name]!, span: interface.span)
        }
        var functions = OrderedDictionary<String, Function>()
        for (name, var function) in interface.functions {
            guard try resolve.includes(function.stability, package: packageID, span: function.span) else { continue }
            try updateFunction(&function, resolve: &resolve)
            functions[name] = function
        }
        interface.functions = functions
    }

    private mutating func updateFunction(_ function: inout Function, resolve: inout Resolve) throws(WITDiagnostic) {
        let span = function.span
        if let resource = function.kind.resource {
            function.kind = function.kind.withResource(try mapType(resource, span: span))
        }
        for i in function.params.indices {
            function.params[i].type = try update(function.params[i].type, span: span, resolve: &resolve)
        }
        if let result = function.result {
            function.result = try update(result, span: span, resolve: &resolve)
            if containsBorrow(function.result!, resolve: resolve) {
                throw WITDiagnostic(span, "function `\(function.name)` returns a type which contains a `borrow<T>` which is not supported")
            }
        }
    }

    private mutating func containsBorrow(_ type: WITType, resolve: Resolve) -> Bool {
        guard case .id(let id) = type else { return false }
        if let cached = borrowCache[id] { return cached }
        let result: Bool
        switch resolve.types[id.index].kind {
        case .type(let t), .list(let t), .fixedLengthList(let t, _), .option(let t), .future(let t?), .stream(let t?):
            result = containsBorrow(t, resolve: resolve)
        case .variant(let cases): result = cases.contains { $0.type.map { containsBorrow($0, resolve: resolve) } ?? false }
        case .handle(.borrow): result = true
        case .handle(.own), .resource, .flags, .enumeration, .future(nil), .stream(nil): result = false
        case .record(let fields): result = fields.contains { containsBorrow($0.type, resolve: resolve) }
        case .tuple(let elements): result = elements.contains { containsBorrow($0, resolve: resolve) }
        case .map(let k, let v): result = containsBorrow(k, resolve: resolve) || containsBorrow(v, resolve: resolve)
        case .result(let ok, let err):
            result = (ok.map { containsBorrow($0, resolve: resolve) } ?? false) || (err.map { containsBorrow($0, resolve: resolve) } ?? false)
        }
        borrowCache[id] = result
        return result
    }

    private mutating func updateWorld(_ world: inout World, packageID: PackageID, resolve: inout Resolve) throws(WITDiagnostic) {
        let entries = world.imports.map { ($0.key, $0.value, true) } + world.exports.map { ($0.key, $0.value, false) }
        world.imports = OrderedDictionary()
        world.exports = OrderedDictionary()
        for (key, original, isImport) in entries {
            var item = original
            let span = item.span
            let stability: Stability
            switch item {
            case .type(let id, let typeSpan):
                let mapped = try mapType(id, span: span)
                item = .type(id: mapped, span: typeSpan)
                stability = resolve.types[mapped.index].stability
            case .interface(_, let s, _, _): stability = s
            case .function(let f): stability = f.stability
            }
            guard try resolve.includes(stability, package: packageID, span: span) else { continue }
            var newKey = key
            if case .interface(let id) = key { newKey = .interface(try map(id, in: interfaceMap, kind: "interface", span: span)) }
            switch item {
            case .interface(let id, let s, let docs, let itemSpan):
                item = .interface(id: try map(id, in: interfaceMap, kind: "interface", span: span), stability: s, docs: docs, span: itemSpan)
            case .function(var f):
                try updateFunction(&f, resolve: &resolve)
                item = .function(f)
            case .type:
                break
            }
            if isImport { world.imports[newKey] = item } else { world.exports[newKey] = item }
        }
    }

    // MARK: includes

    private func mergeIncludes(into worldID: WorldID, packageID: PackageID, resolve: inout Resolve) throws(WITDiagnostic) {
        let includes = resolve.worlds[worldID.index].includes
        resolve.worlds[worldID.index].includes = []
        let declaredImports = Set(resolve.worlds[worldID.index].imports.keys)
        let declaredExports = Set(resolve.worlds[worldID.index].exports.keys)
        for include in includes {
            guard try resolve.includes(include.stability, package: packageID, span: include.span) else { continue }
            let includedID = try mergeInclude(include, into: worldID, packageID: packageID, resolve: &resolve)
            resolve.worlds[worldID.index].inclusions.append(WorldInclusion(
                world: includedID, renames: include.names.map { WorldInclusion.Rename(name: $0.name, alias: $0.as) },
                stability: include.stability))
        }
        let world = resolve.worlds[worldID.index]
        resolve.worlds[worldID.index].importsFromInclusions = Set(world.imports.keys).subtracting(declaredImports)
        resolve.worlds[worldID.index].exportsFromInclusions = Set(world.exports.keys).subtracting(declaredExports)
        for (items, what) in [(world.imports, "import"), (world.exports, "export")] {
            var seen: [String: String] = [:]
            for case .name(let name) in items.keys {
                let lower = name.lowercased()
                if let existing = seen[lower], existing != name {
                    let span = items[.name(name)].map(\.span).flatMap { $0.isKnown ? $0 : nil } ?? world.span
                    throw WITDiagnostic(span, "\(what) `\(name)` in world `\(world.name)` conflicts with \(what) `\(existing)` (kebab-case identifiers are case-insensitive)")
                }
                seen[lower] = name
            }
        }
    }

    /// Merges one `include` into the world and returns the included world's id.
    private func mergeInclude(
        _ include: WorldInclude, into worldID: WorldID, packageID: PackageID, resolve: inout Resolve
    ) throws(WITDiagnostic) -> WorldID {
        let includedID = try map(include.world, in: worldMap, kind: "world", span: include.span)
        let included = resolve.worlds[includedID.index]
        let isExternal = resolve.worlds[worldID.index].package != included.package
        var unmatched = include.names
        for key in included.imports.keys + included.exports.keys {
            guard case .name(let name) = key else { continue }
            unmatched.removeAll { Self.rename(name, $0) != nil }
        }
        if let first = unmatched.first {
            throw WITDiagnostic(include.span, "no import or export kebab-name `\(first.name)`. Note that an ID does not support renaming")
        }
        var cloner = WorldIncludeCloner(previousOwner: .world(includedID), newOwner: .world(worldID), package: packageID)
        for (items, isImport) in [(included.imports, true), (included.exports, false)] {
            for (key, item) in items {
                switch key {
                case .name(let original):
                    let name = include.names.lazy.compactMap { Self.rename(original, $0) }.first ?? original
                    var newItem = item
                    cloner.cloneItem(&newItem, resolve: &resolve)
                    switch newItem {
                    case .function(var f):
                        f.name = name
                        newItem = .function(f)
                    case .type(let id, _):
                        resolve.types[id.index].name = name
                    case .interface:
                        break
                    }
                    let previous = isImport
                        ? resolve.worlds[worldID.index].imports.insert(newItem, forKey: .name(name))
                        : resolve.worlds[worldID.index].exports.insert(newItem, forKey: .name(name))
                    if previous != nil {
                        let what = isImport ? "import" : "export"
                        throw WITDiagnostic(include.span, "\(what) of `\(name)` shadows previously \(what)ed items")
                    }
                case .interface:
                    let existing = (isImport ? resolve.worlds[worldID.index].imports[key] : resolve.worlds[worldID.index].exports[key]) ?? item
                    guard case .interface(let id, let existingStability, let docs, let span) = existing else { continue }
                    guard case .interface(_, let from, _, let fromSpan) = item else { continue }
                    var merged = existingStability
                    if isExternal, case .stable = from {
                        merged = .unknown
                    } else if from != merged && !from.isUnknown {
                        guard merged.isUnknown else {
                            throw WITDiagnostic(fromSpan, "mismatch in stability from '\(from)' to '\(merged)'")
                        }
                        merged = from
                    }
                    let updated = WorldItem.interface(id: id, stability: merged, docs: docs, span: span)
                    if isImport { resolve.worlds[worldID.index].imports[key] = updated } else { resolve.worlds[worldID.index].exports[key] = updated }
                }
            }
        }
        return includedID
    }

    /// The new name of `original` under `include ... with { name as alias }`, if it applies.
    /// Resource functions (`[method]r.f`) follow their resource's rename.
    private static func rename(_ original: String, _ rule: (name: String, as: String)) -> String? {
        if original == rule.name { return rule.as }
        guard let close = original.firstIndex(of: "]") else { return nil }
        let kind = original[...close]
        let rest = original[original.index(after: close)...]
        if let dot = rest.firstIndex(of: "."), rest[..<dot] == rule.name {
            return "\(kind)\(rule.as)\(rest[dot...])"
        }
        if rest == rule.name { return "\(kind)\(rule.as)" }
        return nil
    }
}

/// An arena index type, for generic id mapping.
protocol ArenaIndex { var index: Int { get } }
extension TypeID: ArenaIndex {}
extension InterfaceID: ArenaIndex {}
extension WorldID: ArenaIndex {}
