/// World elaboration: after a world's items are known, every interface its imports and
/// exports depend on is listed explicitly (dependencies first) and exports whose
/// dependencies would need both an imported and an exported copy are rejected.
extension Resolve {
    /// Printing/ordering class of a world import: interfaces, used types, other types,
    /// freestanding functions, resource functions.
    private func sortClass(_ item: WorldItem) -> Int {
        switch item {
        case .interface: return 0
        case .type(let id, _):
            let def = types[id.index]
            if case .type(.id(let target)) = def.kind, types[target.index].owner != def.owner { return 1 }
            return 2
        case .function(let f): return f.kind.resource == nil ? 3 : 4
        }
    }

    mutating func elaborateWorld(_ worldID: WorldID) throws(WITDiagnostic) {
        let world = worlds[worldID.index]
        var imports = OrderedDictionary<WorldKey, WorldItem>()
        var sortedImports = world.imports
        sortedImports.stableSort { _, item in sortClass(item) }
        for (key, item) in sortedImports {
            switch item {
            case .interface(let id, let stability, let docs, _):
                addImport(&imports, key: key, interface: id, stability: stability, docs: docs)
            case .function:
                imports[key] = item
            case .type(let id, _):
                if let dependency = interfaceDependency(of: id) {
                    addImport(&imports, key: .interface(dependency), interface: dependency, stability: types[id.index].stability, docs: Docs())
                }
                imports[key] = item
            }
        }

        var exports = OrderedDictionary<WorldKey, WorldItem>()
        var exportedInterfaces = OrderedDictionary<WorldKey, WorldItem>()
        for (key, item) in world.exports {
            if case .interface = item { exportedInterfaces[key] = item } else { exports[key] = item }
        }
        var requiredImports: Set<InterfaceID> = []
        for (key, item) in exportedInterfaces {
            if !addExport(&imports, &exports, exportedInterfaces, &requiredImports, key: key, item: item, asExport: true) {
                throw WITDiagnostic(world.span, "interface `\(name(of: key))` transitively depends on an interface in incompatible ways")
            }
        }
        imports.stableSort { _, item in sortClass(item) }
        worlds[worldID.index].imports = imports
        worlds[worldID.index].exports = exports
    }

    private func addImport(
        _ imports: inout OrderedDictionary<WorldKey, WorldItem>, key: WorldKey, interface: InterfaceID, stability: Stability, docs: Docs
    ) {
        if imports.contains(key) { return }
        for dependency in directDependencies(of: interface) {
            addImport(&imports, key: .interface(dependency), interface: dependency, stability: stability, docs: Docs())
        }
        imports[key] = .interface(id: interface, stability: stability, docs: docs, span: .unknown)
    }

    private func addExport(
        _ imports: inout OrderedDictionary<WorldKey, WorldItem>, _ exports: inout OrderedDictionary<WorldKey, WorldItem>,
        _ exportedInterfaces: OrderedDictionary<WorldKey, WorldItem>, _ requiredImports: inout Set<InterfaceID>,
        key: WorldKey, item: WorldItem, asExport: Bool
    ) -> Bool {
        if exports.contains(key) { return asExport }
        guard case .interface(let id, let stability, _, _) = item else { return true }
        if !asExport && requiredImports.contains(id) { return true }
        for dependency in directDependencies(of: id) {
            let dependencyKey = WorldKey.interface(dependency)
            let dependencyItem = WorldItem.interface(id: dependency, stability: stability, docs: Docs(), span: .unknown)
            let exportIt = asExport && exportedInterfaces.contains(dependencyKey)
            if !addExport(&imports, &exports, exportedInterfaces, &requiredImports, key: dependencyKey, item: dependencyItem, asExport: exportIt) {
                return false
            }
        }
        if asExport {
            if requiredImports.contains(id) { return false }
            exports[key] = item
        } else {
            requiredImports.insert(id)
            if !imports.contains(key) { imports[key] = item }
        }
        return true
    }
}
