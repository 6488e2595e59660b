import ComponentModel
import FoundationEssentials
import WIT

/// The `package-docs` custom section wit-component writes into an encoded WIT package: a
/// version byte (0 or 1) and JSON holding the docs and stability the binary format itself cannot
/// carry, for the package, its worlds and interfaces, their types, functions, record fields,
/// variant, enum and flag cases. Decoding applies it to the decoded package; a section in an
/// unknown version or shape is ignored, since it only adds documentation.
enum PackageDocs {
    static let sectionName = "package-docs"

    /// Applies the first `package-docs` section of `component` to `package` in `resolve`.
    static func apply(_ component: Component, to resolve: inout Resolve, package: PackageID) {
        for section in component.sections {
            guard case .custom(let name, let payload) = section.content, name == sectionName else { continue }
            guard let version = payload.first, version <= 1,
                  let contents = try? JSONDecoder().decode(Contents.self, from: Data(payload.dropFirst())) else { return }
            var target = package
            if let named = contents.package,
               let match = resolve.packageNames.first(where: { $0.key.description == named }) {
                target = match.value
            }
            if let docs = contents.docs {
                resolve.update(package: target) { $0.docs = Docs(docs) }
            }
            for (name, world) in contents.worlds ?? [:] {
                guard let id = resolve[package: target].worlds[name] else { continue }
                applyWorld(world, to: id, in: &resolve)
            }
            for (name, interface) in contents.interfaces ?? [:] {
                guard let id = resolve[package: target].interfaces[name] else { continue }
                applyInterface(interface, to: id, in: &resolve)
            }
            return
        }
    }

    private static func stability(_ contents: StabilityContents?) -> Stability {
        func version(_ text: String?) -> SemanticVersion? {
            guard let text, case .success(let version) = SemanticVersion.parse(text) else { return nil }
            return version
        }
        if let stable = contents?.stable, let since = version(stable.since) {
            return .stable(since: since, deprecated: version(stable.deprecated))
        }
        if let unstable = contents?.unstable, let feature = unstable.feature {
            return .unstable(feature: feature, deprecated: version(unstable.deprecated))
        }
        return .unknown
    }

    private static func applyInterface(_ contents: InterfaceContents, to id: InterfaceID, in resolve: inout Resolve) {
        for (name, type) in contents.types ?? [:] {
            guard let typeID = resolve[interface: id].types[name] else { continue }
            applyType(type, to: typeID, in: &resolve)
        }
        resolve.update(interface: id) { interface in
            for (name, functionContents) in contents.funcs ?? [:] {
                guard var function = interface.functions[name] else { continue }
                applyFunction(functionContents, to: &function)
                interface.functions[name] = function
            }
            if let docs = contents.docs { interface.docs = Docs(docs) }
            interface.stability = stability(contents.stability)
        }
    }

    private static func applyType(_ contents: TypeContents, to id: WIT.TypeID, in resolve: inout Resolve) {
        let items = contents.items ?? [:]
        resolve.update(type: id) { type in
            if !items.isEmpty {
                switch type.kind {
                case .record(let fields): type.kind = .record(documented(fields, items, name: \.name, docs: \.docs))
                case .variant(let cases): type.kind = .variant(documented(cases, items, name: \.name, docs: \.docs))
                case .enumeration(let cases): type.kind = .enumeration(documented(cases, items, name: \.name, docs: \.docs))
                case .flags(let flags): type.kind = .flags(documented(flags, items, name: \.name, docs: \.docs))
                default:
                    break
                }
            }
            if let docs = contents.docs { type.docs = Docs(docs) }
            type.stability = stability(contents.stability)
        }
    }

    /// `items` with the docs `texts` gives by item name.
    private static func documented<Item>(_ items: [Item], _ texts: [String: String],
                                         name: KeyPath<Item, String>, docs: WritableKeyPath<Item, Docs>) -> [Item] {
        items.map { item in
            var item = item
            if let text = texts[item[keyPath: name]] { item[keyPath: docs] = Docs(text) }
            return item
        }
    }

    private static func applyFunction(_ contents: FunctionContents, to function: inout Function) {
        if contents.isObject {
            function.docs = contents.docs.map { Docs($0) } ?? Docs()
            function.stability = stability(contents.stability)
        } else if let text = contents.docs {
            function.docs = Docs(text)
        }
    }

    private static func applyWorld(_ contents: WorldContents, to id: WorldID, in resolve: inout Resolve) {
        // Inline interfaces by plain name: imports (or exports when not imported), then exports.
        let kebabInterfaces = (contents.interfaces ?? [:]).map { ($0.key, $0.value, false) }
            + (contents.interfaceExports ?? [:]).map { ($0.key, $0.value, true) }
        for (name, interfaceContents, onlyExport) in kebabInterfaces {
            let key = WorldKey.name(name)
            let world = resolve[world: id]
            let item = onlyExport ? world.exports[key] : (world.imports[key] ?? world.exports[key])
            guard case .interface(let interface, _, let itemDocs, let span)? = item else { continue }
            let updated = WorldItem.interface(id: interface, stability: stability(interfaceContents.stability), docs: itemDocs, span: span)
            resolve.update(world: id) {
                if !onlyExport, $0.imports[key] != nil { $0.imports[key] = updated } else { $0.exports[key] = updated }
            }
            applyInterface(interfaceContents, to: interface, in: &resolve)
        }
        for (name, typeContents) in contents.types ?? [:] {
            guard case .type(let type, _)? = resolve[world: id].imports[.name(name)] else { continue }
            applyType(typeContents, to: type, in: &resolve)
        }
        let names = Dictionary((resolve[world: id].imports.keys + resolve[world: id].exports.keys).map { ($0, resolve.name(of: $0)) },
                               uniquingKeysWith: { first, _ in first })
        resolve.update(world: id) { world in
            for (stabilities, isImport) in [(contents.interfaceImportStability, true), (contents.interfaceExportStability, false)] {
                for (name, value) in stabilities ?? [:] {
                    let items = isImport ? world.imports : world.exports
                    guard let (key, item) = items.first(where: { names[$0.key] == name }),
                          case .interface(let interface, _, let itemDocs, let span) = item else { continue }
                    let updated = WorldItem.interface(id: interface, stability: stability(value), docs: itemDocs, span: span)
                    if isImport { world.imports[key] = updated } else { world.exports[key] = updated }
                }
            }
            let functions = (contents.funcs ?? [:]).map { ($0.key, $0.value, false) }
                + (contents.funcExports ?? [:]).map { ($0.key, $0.value, true) }
            for (name, functionContents, onlyExport) in functions {
                let key = WorldKey.name(name)
                let inImports = !onlyExport && world.imports[key] != nil
                guard case .function(var function)? = inImports ? world.imports[key] : world.exports[key] else { continue }
                applyFunction(functionContents, to: &function)
                if inImports { world.imports[key] = .function(function) } else { world.exports[key] = .function(function) }
            }
            if let docs = contents.docs { world.docs = Docs(docs) }
            world.stability = stability(contents.stability)
        }
    }
}
