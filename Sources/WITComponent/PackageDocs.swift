import ComponentModel
import Foundation
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
                  let json = try? JSONSerialization.jsonObject(with: Data(payload.dropFirst())) as? [String: Any] else { return }
            var target = package
            if let named = json["package"] as? String,
               let match = resolve.packageNames.first(where: { $0.key.description == named }) {
                target = match.value
            }
            if let docs = json["docs"] as? String {
                resolve.update(package: target) { $0.docs = Docs(docs) }
            }
            for (name, data) in json["worlds"] as? [String: Any] ?? [:] {
                guard let world = resolve[package: target].worlds[name], let data = data as? [String: Any] else { continue }
                applyWorld(data, to: world, in: &resolve)
            }
            for (name, data) in json["interfaces"] as? [String: Any] ?? [:] {
                guard let interface = resolve[package: target].interfaces[name], let data = data as? [String: Any] else { continue }
                applyInterface(data, to: interface, in: &resolve)
            }
            return
        }
    }

    private static func docs(_ data: [String: Any]) -> Docs? {
        (data["docs"] as? String).map { Docs($0) }
    }

    /// `{"stable": {"since": v, "deprecated": v}}`, `{"unstable": {"feature": f, ...}}`.
    private static func stability(_ value: Any?) -> Stability {
        guard let object = value as? [String: Any] else { return .unknown }
        func version(_ text: Any?) -> SemanticVersion? {
            guard let text = text as? String, case .success(let version) = SemanticVersion.parse(text) else { return nil }
            return version
        }
        if let stable = object["stable"] as? [String: Any], let since = version(stable["since"]) {
            return .stable(since: since, deprecated: version(stable["deprecated"]))
        }
        if let unstable = object["unstable"] as? [String: Any], let feature = unstable["feature"] as? String {
            return .unstable(feature: feature, deprecated: version(unstable["deprecated"]))
        }
        return .unknown
    }

    private static func applyInterface(_ data: [String: Any], to id: InterfaceID, in resolve: inout Resolve) {
        for (name, typeData) in data["types"] as? [String: Any] ?? [:] {
            guard let type = resolve[interface: id].types[name], let typeData = typeData as? [String: Any] else { continue }
            applyType(typeData, to: type, in: &resolve)
        }
        resolve.update(interface: id) { interface in
            for (name, functionData) in data["funcs"] as? [String: Any] ?? [:] {
                guard var function = interface.functions[name] else { continue }
                applyFunction(functionData, to: &function)
                interface.functions[name] = function
            }
            if let docs = docs(data) { interface.docs = docs }
            interface.stability = stability(data["stability"])
        }
    }

    private static func applyType(_ data: [String: Any], to id: WIT.TypeID, in resolve: inout Resolve) {
        let items = data["items"] as? [String: String] ?? [:]
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
            if let docs = docs(data) { type.docs = docs }
            type.stability = stability(data["stability"])
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

    /// A function's metadata: a plain docs string (version 0) or docs and stability.
    private static func applyFunction(_ data: Any, to function: inout Function) {
        if let text = data as? String {
            function.docs = Docs(text)
        } else if let object = data as? [String: Any] {
            function.docs = docs(object) ?? Docs()
            function.stability = stability(object["stability"])
        }
    }

    private static func applyWorld(_ data: [String: Any], to id: WorldID, in resolve: inout Resolve) {
        // Inline interfaces by plain name: imports (or exports when not imported), then exports.
        let kebabInterfaces = (data["interfaces"] as? [String: Any] ?? [:]).map { ($0.key, $0.value, false) }
            + (data["interface_exports"] as? [String: Any] ?? [:]).map { ($0.key, $0.value, true) }
        for (name, interfaceData, onlyExport) in kebabInterfaces {
            guard let interfaceData = interfaceData as? [String: Any] else { continue }
            let key = WorldKey.name(name)
            let world = resolve[world: id]
            let item = onlyExport ? world.exports[key] : (world.imports[key] ?? world.exports[key])
            guard case .interface(let interface, _, let itemDocs, let span)? = item else { continue }
            let updated = WorldItem.interface(id: interface, stability: stability(interfaceData["stability"]), docs: itemDocs, span: span)
            resolve.update(world: id) {
                if !onlyExport, $0.imports[key] != nil { $0.imports[key] = updated } else { $0.exports[key] = updated }
            }
            applyInterface(interfaceData, to: interface, in: &resolve)
        }
        for (name, typeData) in data["types"] as? [String: Any] ?? [:] {
            guard case .type(let type, _)? = resolve[world: id].imports[.name(name)], let typeData = typeData as? [String: Any] else { continue }
            applyType(typeData, to: type, in: &resolve)
        }
        let names = Dictionary((resolve[world: id].imports.keys + resolve[world: id].exports.keys).map { ($0, resolve.name(of: $0)) },
                               uniquingKeysWith: { first, _ in first })
        resolve.update(world: id) { world in
            for (stabilities, isImport) in [(data["interface_import_stability"], true), (data["interface_export_stability"], false)] {
                for (name, value) in stabilities as? [String: Any] ?? [:] {
                    let items = isImport ? world.imports : world.exports
                    guard let (key, item) = items.first(where: { names[$0.key] == name }),
                          case .interface(let interface, _, let itemDocs, let span) = item else { continue }
                    let updated = WorldItem.interface(id: interface, stability: stability(value), docs: itemDocs, span: span)
                    if isImport { world.imports[key] = updated } else { world.exports[key] = updated }
                }
            }
            let functions = (data["funcs"] as? [String: Any] ?? [:]).map { ($0.key, $0.value, false) }
                + (data["func_exports"] as? [String: Any] ?? [:]).map { ($0.key, $0.value, true) }
            for (name, functionData, onlyExport) in functions {
                let key = WorldKey.name(name)
                let inImports = !onlyExport && world.imports[key] != nil
                guard case .function(var function)? = inImports ? world.imports[key] : world.exports[key] else { continue }
                applyFunction(functionData, to: &function)
                if inImports { world.imports[key] = .function(function) } else { world.exports[key] = .function(function) }
            }
            if let docs = docs(data) { world.docs = docs }
            world.stability = stability(data["stability"])
        }
    }
}
