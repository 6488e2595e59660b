/// Resolves the names inside one package (all its files together) into an
/// `UnresolvedPackage`: interfaces and worlds in dependency order, types in dependency
/// order with anonymous types shared, functions, world items and includes.
struct PackageResolver {
    private enum TypeOrItem: Hashable {
        case type(TypeID)
        case item(String)
    }

    private struct LookupEntry: Hashable {
        var item: TypeOrItem
        var span: Span
    }

    /// Identity of an anonymous type, so that `list<u8>` is defined once per package.
    private enum AnonymousKey: Hashable {
        case variant([String], [WITType?])
        case borrow(TypeID)
        case record([String], [WITType])
        case flags([String])
        case tuple([WITType])
        case enumeration([String])
        case list(WITType)
        case map(WITType, WITType)
        case fixedLengthList(WITType, UInt32)
        case option(WITType)
        case result(WITType?, WITType?)
        case future(WITType?)
        case stream(WITType?)
    }

    /// The kind of item a path is expected to name.
    private enum PathKind { case world, interface, unknown }

    /// One occurrence of a path naming an interface or world.
    private struct PathUse {
        var owner: WITIdentifier?
        var attributes: [WITAttribute]
        var path: WITUsePath
        var names: [(name: WITIdentifier, alias: WITIdentifier?)]?
        var kind: PathKind
        /// The interface or world the statement is written in (`nil` at top level).
        var container: ExcludedReference.Container?
        /// The statement as WIT text.
        var statement: String
    }

    private var packageName: (PackageName, Span)?
    private var packageDocs = Docs()
    /// Where the first file added starts: errors about the package as a whole point there.
    private var firstFileStart: Span?
    private var files: [[WITTopLevelItem]] = []

    private var types: [UnresolvedPackage.TypeEntry] = []
    private var interfaces: [Interface] = []
    private var worlds: [World] = []
    private var anonymousTypes: [AnonymousKey: TypeID] = [:]

    private var currentFile = 0
    private var fileItems: [[String: PackageItem]] = []
    private var packageItems: [String: PackageItem] = [:]
    private var interfaceLookups: [OrderedDictionary<String, LookupEntry>] = []
    private var foreignPackages: [UnresolvedPackage.ForeignPackage] = []
    private var foreignReferences: [ExcludedReference] = []
    private var foreignInterfaces: Set<InterfaceID> = []
    private var typeLookup = OrderedDictionary<String, LookupEntry>()
    private var requiredResourceTypes: [(TypeID, Span)] = []

    // MARK: entry points

    /// Adds one file of the package, whose text starts at global offset `start`. Nested
    /// packages must already have been taken out.
    mutating func add(_ file: WITFileSyntax, startingAt start: UInt32) throws(WITDiagnostic) {
        if firstFileStart == nil { firstFileStart = Span(start: start, end: start) }
        if let header = file.package {
            let name = header.packageName
            if let (previous, _) = packageName, previous != name {
                throw WITDiagnostic(header.span, "package identifier `\(name)` does not match previous package name of `\(previous)`")
            }
            packageName = (name, header.span)
            let docs = Self.docs(header.docs)
            if docs.contents != nil {
                if packageDocs.contents != nil {
                    throw WITDiagnostic(header.docs.span, "found doc comments on multiple 'package' items")
                }
                packageDocs = docs
            }
        }
        for item in file.items {
            if case .package(let nested) = item {
                throw WITDiagnostic(nested.package?.span, "nested packages must be placed at the top-level")
            }
        }
        files.append(file.items)
    }

    /// Resolves everything added so far.
    mutating func resolve() throws(WITDiagnostic) -> UnresolvedPackage {
        guard let (name, nameSpan) = packageName else {
            throw WITDiagnostic(firstFileStart, "no `package` header was found in any WIT file for this package")
        }
        populateForeignDependencies()
        let (interfaceOrder, worldOrder) = try populatePackageItems()
        try populateForeignTypes()

        var interfaceSyntax: [InterfaceID: (WITInterfaceSyntax, Int)] = [:]
        var worldSyntax: [WorldID: (WITWorldSyntax, Int)] = [:]
        for (fileIndex, items) in files.enumerated() {
            for item in items {
                switch item {
                case .interface(let i):
                    if case .interface(let id)? = fileItems[fileIndex][i.name.name] { interfaceSyntax[id] = (i, fileIndex) }
                case .world(let w):
                    if case .world(let id)? = fileItems[fileIndex][w.name.name] { worldSyntax[id] = (w, fileIndex) }
                case .use, .package:
                    break
                }
            }
        }
        for id in interfaceOrder {
            let (syntax, fileIndex) = interfaceSyntax[id]!
            currentFile = fileIndex
            try resolveInterface(id, items: syntax.items, docs: syntax.docs, attributes: syntax.attributes)
        }
        for id in worldOrder {
            let (syntax, fileIndex) = worldSyntax[id]!
            currentFile = fileIndex
            try resolveWorld(id, syntax)
        }
        return UnresolvedPackage(
            name: name, nameSpan: nameSpan, docs: packageDocs, worlds: worlds, interfaces: interfaces,
            types: types, foreignPackages: foreignPackages, foreignReferences: foreignReferences,
            requiredResourceTypes: requiredResourceTypes)
    }

    // MARK: package structure

    /// Every path to an interface or world, in the order wit-parser visits them
    /// (world imports before exports).
    private static func pathUses(_ items: [WITTopLevelItem]) -> [PathUse] {
        var uses: [PathUse] = []
        func container(_ isWorld: Bool, _ name: WITIdentifier, _ attributes: [WITAttribute]) -> ExcludedReference.Container {
            let stability = (try? Self.stability(attributes)) ?? .unknown
            return isWorld ? .world(name: name.name, stability: stability) : .interface(name: name.name, stability: stability)
        }
        func interfaceUses(_ items: [WITInterfaceItemSyntax], owner: WITIdentifier?, in container: ExcludedReference.Container) {
            for case .use(let u) in items {
                uses.append(PathUse(
                    owner: owner, attributes: u.attributes, path: u.from, names: u.names, kind: .interface,
                    container: container, statement: Self.useStatement(u)))
            }
        }
        for item in items {
            switch item {
            case .world(let world):
                let worldContainer = container(true, world.name, world.attributes)
                var imports: [(WITExternSyntax, String)] = []
                var exports: [(WITExternSyntax, String)] = []
                for worldItem in world.items {
                    switch worldItem {
                    case .use(let u):
                        uses.append(PathUse(
                            owner: nil, attributes: u.attributes, path: u.from, names: u.names, kind: .interface,
                            container: worldContainer, statement: Self.useStatement(u)))
                    case .include(let include):
                        let renames = include.names.map { "\(WITPrinter.identifier($0.name.name)) as \(WITPrinter.identifier($0.alias.name))" }
                        let statement = "include \(Self.pathText(include.from))"
                            + (renames.isEmpty ? ";" : " with { \(renames.joined(separator: ", ")) }")
                        uses.append(PathUse(
                            owner: world.name, attributes: include.attributes, path: include.from, names: nil, kind: .world,
                            container: worldContainer, statement: statement))
                    case .type:
                        break
                    case .import(let e): imports.append((e, "import"))
                    case .export(let e): exports.append((e, "export"))
                    }
                }
                for (e, direction) in imports + exports {
                    switch e.kind {
                    case .interface(_, let items): interfaceUses(items, owner: nil, in: worldContainer)
                    case .path(let path):
                        uses.append(PathUse(
                            owner: nil, attributes: e.attributes, path: path, names: nil, kind: .interface,
                            container: worldContainer, statement: "\(direction) \(Self.pathText(path));"))
                    case .namedPath(let name, let path):
                        uses.append(PathUse(
                            owner: nil, attributes: e.attributes, path: path, names: nil, kind: .interface,
                            container: worldContainer,
                            statement: "\(direction) \(WITPrinter.identifier(name.name)): \(Self.pathText(path));"))
                    case .function: break
                    }
                }
            case .interface(let interface):
                interfaceUses(interface.items, owner: interface.name, in: container(false, interface.name, interface.attributes))
            case .use(let u):
                var statement = "use \(Self.pathText(u.path))"
                if let alias = u.alias { statement += " as \(WITPrinter.identifier(alias.name))" }
                uses.append(PathUse(
                    owner: nil, attributes: u.attributes, path: u.path, names: nil, kind: .unknown,
                    container: nil, statement: statement + ";"))
            case .package(let nested):
                uses += pathUses(nested.items)
            }
        }
        return uses
    }

    /// A path as WIT text.
    private static func pathText(_ path: WITUsePath) -> String {
        switch path {
        case .local(let name):
            return WITPrinter.identifier(name.name)
        case .package(let package, let item):
            var text = WITPrinter.identifier(package.namespace.name) + ":" + WITPrinter.identifier(package.name.name)
                + "/" + WITPrinter.identifier(item.name)
            if let version = package.version { text += "@\(version)" }
            return text
        }
    }

    /// A `use path.{...};` statement as WIT text.
    private static func useStatement(_ use: WITUseSyntax) -> String {
        let names = use.names.map { name, alias in
            WITPrinter.identifier(name.name) + (alias.map { " as " + WITPrinter.identifier($0.name) } ?? "")
        }
        return "use \(pathText(use.from)).{\(names.joined(separator: ", "))};"
    }

    private mutating func populateForeignDependencies() {
        for items in files {
            for use in Self.pathUses(items) {
                guard case .package(let packageSyntax, let item) = use.path else { continue }
                let stability = (try? Self.stability(use.attributes)) ?? .unknown
                let name = packageSyntax.packageName
                let packageIndex: Int
                if let index = foreignPackages.firstIndex(where: { $0.name == name }) {
                    packageIndex = index
                } else {
                    foreignPackages.append(.init(name: name, span: packageSyntax.span, items: OrderedDictionary()))
                    packageIndex = foreignPackages.count - 1
                }
                var entry: UnresolvedPackage.ForeignItem
                if let existing = foreignPackages[packageIndex].items[item.name] {
                    entry = existing
                } else if use.kind == .world {
                    entry = .init(item: .world(allocateWorld(span: item.span)), stabilities: [])
                } else {
                    let id = allocateInterface(span: item.span)
                    foreignInterfaces.insert(id)
                    entry = .init(item: .interface(id), stabilities: [])
                }
                entry.stabilities.append(stability)
                foreignPackages[packageIndex].items[item.name] = entry
                if let container = use.container {
                    foreignReferences.append(ExcludedReference(container: container, statement: use.statement, stability: stability))
                }
            }
        }
    }

    private func foreignItem(_ packageSyntax: WITPackageNameSyntax, _ item: WITIdentifier) -> PackageItem {
        let name = packageSyntax.packageName
        return foreignPackages.first { $0.name == name }!.items[item.name]!.item
    }

    private mutating func allocateInterface(span: Span) -> InterfaceID {
        interfaceLookups.append(OrderedDictionary())
        interfaces.append(Interface(
            name: nil, types: OrderedDictionary(), functions: OrderedDictionary(), docs: Docs(), stability: .unknown,
            package: nil, cloneOf: nil, span: span))
        return InterfaceID(interfaces.count - 1)
    }

    private mutating func allocateWorld(span: Span) -> WorldID {
        worlds.append(World(
            name: "", imports: OrderedDictionary(), exports: OrderedDictionary(), package: nil, docs: Docs(),
            stability: .unknown, span: span))
        return WorldID(worlds.count - 1)
    }

    private mutating func populatePackageItems() throws(WITDiagnostic) -> ([InterfaceID], [WorldID]) {
        var declaredSpans: [String: Span] = [:]
        var isInterface: [String: Bool] = [:]
        var order = OrderedDictionary<String, [WITIdentifierRef]>()
        for items in files {
            for item in items {
                let (name, interface): (WITIdentifier, Bool)
                switch item {
                case .interface(let i): (name, interface) = (i.name, true)
                case .world(let w): (name, interface) = (w.name, false)
                case .use, .package: continue
                }
                if declaredSpans[name.name] != nil {
                    throw WITDiagnostic(name.span, "duplicate item named `\(name.name)`")
                }
                declaredSpans[name.name] = name.span
                isInterface[name.name] = interface
                order[name.name] = []
            }
        }

        for items in files {
            enum Source { case foreign, local(WITIdentifier) }
            var namespace: [String: Source] = [:]
            for item in items {
                let (name, source): (WITIdentifier, Source)
                switch item {
                case .use(let u):
                    name = u.alias ?? u.path.item
                    if case .local(let id) = u.path { source = .local(id) } else { source = .foreign }
                case .interface(let i): (name, source) = (i.name, .local(i.name))
                case .world(let w): (name, source) = (w.name, .local(w.name))
                case .package: continue
                }
                if namespace[name.name] != nil {
                    throw WITDiagnostic(name.span, "duplicate name `\(name.name)` in this file")
                }
                namespace[name.name] = source
            }
            for use in Self.pathUses(items) {
                guard let owner = use.owner, case .local(let used) = use.path else { continue }
                switch namespace[used.name] {
                case .foreign?:
                    continue
                case .local(let id)?:
                    order[owner.name]!.append(WITIdentifierRef(id))
                case nil:
                    guard declaredSpans[used.name] != nil else {
                        throw WITDiagnostic.notFound(used.span, kind: "interface or world", name: used.name)
                    }
                    order[owner.name]!.append(WITIdentifierRef(used))
                }
            }
        }

        let sorted = try Toposort.sort(kind: "interface or world", order)
        var ids: [String: PackageItem] = [:]
        var interfaceOrder: [InterfaceID] = []
        var worldOrder: [WorldID] = []
        for name in sorted {
            if isInterface[name]! {
                let id = allocateInterface(span: declaredSpans[name]!)
                interfaces[id.index].name = name
                ids[name] = .interface(id)
                interfaceOrder.append(id)
            } else {
                let id = allocateWorld(span: declaredSpans[name]!)
                worlds[id.index].name = name
                ids[name] = .world(id)
                worldOrder.append(id)
            }
        }
        for items in files {
            var map: [String: PackageItem] = [:]
            for item in items {
                switch item {
                case .use(let u):
                    if !u.attributes.isEmpty { throw WITDiagnostic(u.span, "attributes not allowed on top-level use") }
                    let name = u.alias ?? u.path.item
                    switch u.path {
                    case .local(let id):
                        guard let target = ids[id.name] else {
                            throw WITDiagnostic.notFound(id.span, kind: "interface or world", name: id.name)
                        }
                        map[name.name] = target
                    case .package(let packageSyntax, let item):
                        map[name.name] = foreignItem(packageSyntax, item)
                    }
                case .interface(let i):
                    map[i.name.name] = ids[i.name.name]
                    packageItems[i.name.name] = ids[i.name.name]
                case .world(let w):
                    map[w.name.name] = ids[w.name.name]
                    packageItems[w.name.name] = ids[w.name.name]
                case .package:
                    break
                }
            }
            fileItems.append(map)
        }
        return (interfaceOrder, worldOrder)
    }

    private mutating func populateForeignTypes() throws(WITDiagnostic) {
        for (fileIndex, items) in files.enumerated() {
            currentFile = fileIndex
            for use in Self.pathUses(items) {
                guard let names = use.names else { continue }
                let stability = try Self.stability(use.attributes)
                let (item, name, span) = try resolvePath(use.path)
                let interface = try Self.interfaceOf(item, name: name, span: span)
                guard foreignInterfaces.contains(interface) else { continue }
                for entry in names where !interfaceLookups[interface.index].contains(entry.name.name) {
                    types.append(.foreign(name: entry.name.name, interface: interface, stability: stability, span: entry.name.span))
                    let id = TypeID(types.count - 1)
                    interfaceLookups[interface.index][entry.name.name] = LookupEntry(item: .type(id), span: entry.name.span)
                    interfaces[interface.index].types[entry.name.name] = id
                }
            }
        }
    }

    private func resolvePath(_ path: WITUsePath) throws(WITDiagnostic) -> (PackageItem, String, Span) {
        switch path {
        case .local(let id):
            guard let item = fileItems[currentFile][id.name] ?? packageItems[id.name] else {
                throw WITDiagnostic.notFound(id.span, kind: "interface or world", name: id.name)
            }
            return (item, id.name, id.span)
        case .package(let packageSyntax, let item):
            return (foreignItem(packageSyntax, item), item.name, item.span)
        }
    }

    private static func interfaceOf(_ item: PackageItem, name: String, span: Span) throws(WITDiagnostic) -> InterfaceID {
        switch item {
        case .interface(let id): return id
        case .world: throw WITDiagnostic(span, "name `\(name)` is defined as a world, not an interface")
        }
    }

    private static func worldOf(_ item: PackageItem, name: String, span: Span) throws(WITDiagnostic) -> WorldID {
        switch item {
        case .world(let id): return id
        case .interface: throw WITDiagnostic(span, "name `\(name)` is defined as an interface, not a world")
        }
    }

    // MARK: worlds

    private mutating func resolveWorld(_ worldID: WorldID, _ world: WITWorldSyntax) throws(WITDiagnostic) {
        worlds[worldID.index].docs = Self.docs(world.docs)
        worlds[worldID.index].stability = try Self.stability(world.attributes)

        var typeItems: [TypeItem] = []
        for item in world.items {
            switch item {
            case .use(let u): typeItems.append(.use(u))
            case .type(let t): typeItems.append(.definition(t))
            default: break
            }
        }
        try resolveTypes(owner: .world(worldID), typeItems)

        for case .include(let include) in world.items {
            let stability = try Self.stability(include.attributes)
            let (item, name, span) = try resolvePath(include.from)
            let included = try Self.worldOf(item, name: name, span: span)
            worlds[worldID.index].includes.append(WorldInclude(
                stability: stability, world: included, names: include.names.map { ($0.name.name, $0.alias.name) }, span: span))
        }

        for (name, entry) in typeLookup {
            guard case .type(let id) = entry.item else { continue }
            let previous = worlds[worldID.index].imports.insert(.type(id: id, span: entry.span), forKey: .name(name))
            if previous != nil {
                throw WITDiagnostic(entry.span, "import `\(name)` conflicts with prior import of same name")
            }
        }

        var importedInterfaces: Set<InterfaceID> = []
        var exportedInterfaces: Set<InterfaceID> = []
        for item in world.items {
            let external: WITExternSyntax
            let isImport: Bool
            switch item {
            case .import(let e): (external, isImport) = (e, true)
            case .export(let e): (external, isImport) = (e, false)
            case .type(let definition):
                if case .resource(let functions, _) = definition.type {
                    for function in functions {
                        let resolved = try resolveResourceFunction(function, resource: definition.name)
                        worlds[worldID.index].imports.insert(.function(resolved), forKey: .name(resolved.name))
                    }
                }
                continue
            case .use, .include:
                continue
            }
            let worldItem = try resolveWorldItem(docs: external.docs, attributes: external.attributes, kind: external.kind)
            let key: WorldKey
            switch external.kind {
            case .interface(let name, _), .namedPath(let name, _):
                key = .name(name.name)
            case .function:
                guard case .function(let f) = worldItem else { continue }
                key = .name(f.name)
            case .path(let path):
                let (resolved, name, span) = try resolvePath(path)
                key = .interface(try Self.interfaceOf(resolved, name: name, span: span))
            }
            let description = isImport ? "import" : "export"
            if case .interface(let id) = key {
                let inserted = isImport ? importedInterfaces.insert(id).inserted : exportedInterfaces.insert(id).inserted
                if !inserted {
                    throw WITDiagnostic(external.kind.span, "interface cannot be \(description)ed more than once")
                }
            }
            let previous = isImport
                ? worlds[worldID.index].imports.insert(worldItem, forKey: key)
                : worlds[worldID.index].exports.insert(worldItem, forKey: key)
            if let previous, case .name(let name) = key {
                let previousKind: String
                switch previous {
                case .interface: previousKind = "interface"
                case .function: previousKind = "func"
                case .type: previousKind = "type"
                }
                throw WITDiagnostic(external.kind.span, "\(description) `\(name)` conflicts with prior \(previousKind) of same name")
            }
        }
        typeLookup = OrderedDictionary()
    }

    private mutating func resolveWorldItem(
        docs: WITDocComments, attributes: [WITAttribute], kind: WITExternKind
    ) throws(WITDiagnostic) -> WorldItem {
        switch kind {
        case .interface(let name, let items):
            let saved = typeLookup
            typeLookup = OrderedDictionary()
            let id = allocateInterface(span: name.span)
            try resolveInterface(id, items: items, docs: docs, attributes: attributes)
            typeLookup = saved
            return .interface(id: id, stability: interfaces[id.index].stability, docs: Docs(), span: name.span)
        case .path(let path), .namedPath(_, let path):
            let stability = try Self.stability(attributes)
            let (item, name, span) = try resolvePath(path)
            let id = try Self.interfaceOf(item, name: name, span: span)
            var itemSpan = span
            if case .namedPath(let label, _) = kind { itemSpan = label.span }
            return .interface(id: id, stability: stability, docs: Self.docs(docs), span: itemSpan)
        case .function(let name, let function):
            return .function(try resolveFunction(
                docs: docs, attributes: attributes, name: name.name, nameSpan: name.span, function,
                kind: function.isAsync ? .asyncFreestanding : .freestanding))
        }
    }

    // MARK: interfaces

    private mutating func resolveInterface(
        _ id: InterfaceID, items: [WITInterfaceItemSyntax], docs: WITDocComments, attributes: [WITAttribute]
    ) throws(WITDiagnostic) {
        interfaces[id.index].docs = Self.docs(docs)
        interfaces[id.index].stability = try Self.stability(attributes)
        var typeItems: [TypeItem] = []
        for item in items {
            switch item {
            case .use(let u): typeItems.append(.use(u))
            case .typeDef(let t): typeItems.append(.definition(t))
            case .function: break
            }
        }
        try resolveTypes(owner: .interface(id), typeItems)
        for (name, entry) in typeLookup {
            if case .type(let typeID) = entry.item { interfaces[id.index].types[name] = typeID }
        }
        var functions: [Function] = []
        for item in items {
            switch item {
            case .function(let f):
                try define(f.name, .item("function"))
                functions.append(try resolveFunction(
                    docs: f.docs, attributes: f.attributes, name: f.name.name, nameSpan: f.name.span, f.function,
                    kind: f.function.isAsync ? .asyncFreestanding : .freestanding))
            case .typeDef(let definition):
                if case .resource(let resourceFunctions, _) = definition.type {
                    for function in resourceFunctions {
                        functions.append(try resolveResourceFunction(function, resource: definition.name))
                    }
                }
            case .use:
                break
            }
        }
        for function in functions { interfaces[id.index].functions[function.name] = function }
        interfaceLookups[id.index] = typeLookup
        typeLookup = OrderedDictionary()
    }

    private enum TypeItem {
        case use(WITUseSyntax)
        case definition(WITTypeDefSyntax)
    }

    private mutating func resolveTypes(owner: TypeOwner, _ items: [TypeItem]) throws(WITDiagnostic) {
        for case .use(let u) in items { try resolveUse(owner: owner, u) }

        var dependencies = OrderedDictionary<String, [WITIdentifierRef]>()
        var definitions: [String: WITTypeDefSyntax?] = [:]
        for item in items {
            switch item {
            case .definition(let definition):
                if definitions[definition.name.name] != nil {
                    throw WITDiagnostic(definition.name.span, "name `\(definition.name.name)` is defined more than once")
                }
                definitions[definition.name.name] = .some(definition)
                var edges: [WITIdentifierRef] = []
                Self.collectDependencies(definition.type, into: &edges)
                dependencies[definition.name.name] = edges
            case .use(let u):
                for entry in u.names {
                    let name = (entry.alias ?? entry.name).name
                    dependencies[name] = []
                    definitions[name] = .some(nil)
                }
            }
        }
        let order: [String]
        do {
            order = try Toposort.sort(kind: "type", dependencies)
        } catch {
            var error = error
            for (old, new) in [("float32", "f32"), ("float64", "f64")] where error.message == "type `\(old)` does not exist" {
                error.message += "\nthe `\(old)` type has been renamed to `\(new)` and is no longer accepted, but the `WIT_REQUIRE_F32_F64=0` environment variable can be used to temporarily disable this error"
            }
            throw error
        }
        for name in order {
            guard let entry = definitions.removeValue(forKey: name), let definition = entry else { continue }
            let docs = Self.docs(definition.docs)
            let stability = try Self.stability(definition.attributes)
            let kind = try resolveTypeDefinition(definition.type, stability: stability)
            types.append(.defined(TypeDef(
                name: definition.name.name, kind: kind, owner: owner, docs: docs, stability: stability, span: definition.name.span)))
            try define(definition.name, .type(TypeID(types.count - 1)))
        }
    }

    private mutating func resolveUse(owner: TypeOwner, _ u: WITUseSyntax) throws(WITDiagnostic) {
        let (item, name, span) = try resolvePath(u.from)
        let source = try Self.interfaceOf(item, name: name, span: span)
        let stability = try Self.stability(u.attributes)
        for entry in u.names {
            let target: TypeID
            switch interfaceLookups[source.index][entry.name.name]?.item {
            case .type(let id)?: target = id
            case .item(let what)?: throw WITDiagnostic(entry.name.span, "cannot import \(what) `\(entry.name.name)`")
            case nil: throw WITDiagnostic.notFound(entry.name.span, kind: "name", name: entry.name.name)
            }
            let local = entry.alias ?? entry.name
            types.append(.defined(TypeDef(
                name: local.name, kind: .type(.id(target)), owner: owner, docs: Docs(), stability: stability, span: entry.name.span)))
            try define(local, .type(TypeID(types.count - 1)))
        }
    }

    private mutating func define(_ name: WITIdentifier, _ item: TypeOrItem) throws(WITDiagnostic) {
        if typeLookup.insert(LookupEntry(item: item, span: name.span), forKey: name.name) != nil {
            throw WITDiagnostic(name.span, "name `\(name.name)` is defined more than once")
        }
    }

    // MARK: functions

    private mutating func resolveResourceFunction(
        _ function: WITResourceFunctionSyntax, resource: WITIdentifier
    ) throws(WITDiagnostic) -> Function {
        guard case .type(let resourceID)? = typeLookup[resource.name]?.item else {
            throw WITDiagnostic.notFound(resource.span, kind: "name", name: resource.name)
        }
        let named = function.function
        let name: String
        let kind: FunctionKind
        switch function.kind {
        case .method:
            name = "[method]\(resource.name).\(named.name.name)"
            kind = named.function.isAsync ? .asyncMethod(resourceID) : .method(resourceID)
        case .static:
            name = "[static]\(resource.name).\(named.name.name)"
            kind = named.function.isAsync ? .asyncStatic(resourceID) : .static(resourceID)
        case .constructor:
            name = "[constructor]\(resource.name)"
            kind = .constructor(resourceID)
        }
        return try resolveFunction(
            docs: named.docs, attributes: named.attributes, name: name, nameSpan: named.name.span, named.function, kind: kind)
    }

    private mutating func resolveFunction(
        docs: WITDocComments, attributes: [WITAttribute], name: String, nameSpan: Span, _ function: WITFunctionSyntax,
        kind: FunctionKind
    ) throws(WITDiagnostic) -> Function {
        let docs = Self.docs(docs)
        let stability = try Self.stability(attributes)
        var params: [Param] = []
        switch kind {
        case .method(let id), .asyncMethod(let id):
            let handle = TypeDefKind.handle(.borrow(id))
            let shared = anonymousType(handle, stability: findStability(handle, .unknown), span: function.span)
            params.append(Param(name: "self", type: shared, span: function.span))
        default:
            break
        }
        for (paramName, type) in function.params {
            if params.contains(where: { $0.name == paramName.name }) {
                throw WITDiagnostic(paramName.span, "param `\(paramName.name)` is defined more than once")
            }
            params.append(Param(name: paramName.name, type: try resolveType(type, stability: .unknown), span: paramName.span))
        }
        var result: WITType?
        if case .constructor(let resource) = kind {
            if let declared = function.result {
                result = try resolveConstructorResult(resource, declared)
            } else {
                result = .id(resource)
            }
        } else if let declared = function.result {
            result = try resolveType(declared, stability: .unknown)
        }
        return Function(
            name: name, kind: kind, params: params, result: result, docs: docs, stability: stability, span: nameSpan)
    }

    private mutating func resolveConstructorResult(_ resource: TypeID, _ syntax: WITTypeSyntax) throws(WITDiagnostic) -> WITType {
        let result = try resolveType(syntax, stability: .unknown)
        guard case .id(let id) = result, case .defined(let def) = types[id.index], case .result(let ok, _) = def.kind else {
            throw WITDiagnostic(syntax.span, "if a constructor return type is declared it must be a `result`")
        }
        if ok == .id(resource) { return result }
        var okSpan = syntax.span
        if case .result(let okSyntax?, _, _) = syntax { okSpan = okSyntax.span }
        throw WITDiagnostic(okSpan, "the `ok` type must be the resource being constructed")
    }

    // MARK: types

    private mutating func resolveTypeDefinition(_ syntax: WITTypeSyntax, stability: Stability) throws(WITDiagnostic) -> TypeDefKind {
        switch syntax {
        case .primitive(let type, _):
            return .type(type)
        case .name(let name):
            return .type(.id(try lookupType(name)))
        case .list(let element, _):
            return .list(try resolveType(element, stability: stability))
        case .map(let keySyntax, let valueSyntax, let span):
            let key = try resolveType(keySyntax, stability: stability)
            let value = try resolveType(valueSyntax, stability: stability)
            switch key {
            case .bool, .u8, .u16, .u32, .u64, .s8, .s16, .s32, .s64, .char, .string: break
            default:
                throw WITDiagnostic(span, "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string")
            }
            return .map(key: key, value: value)
        case .fixedLengthList(let element, let size, _):
            return .fixedLengthList(try resolveType(element, stability: stability), size: size)
        case .own(let resource):
            return .handle(.own(try validateResource(resource)))
        case .borrow(let resource):
            return .handle(.borrow(try validateResource(resource)))
        case .resource(let functions, _):
            var constructors = 0
            var names: Set<String> = []
            for function in functions {
                let name = function.function.name
                switch function.kind {
                case .method, .static:
                    if !names.insert(name.name).inserted {
                        throw WITDiagnostic(name.span, "duplicate function name `\(name.name)`")
                    }
                case .constructor:
                    constructors += 1
                    if constructors > 1 { throw WITDiagnostic(name.span, "duplicate constructors") }
                }
            }
            return .resource
        case .record(let fields, _):
            var resolved: [Field] = []
            for field in fields {
                resolved.append(Field(
                    name: field.name.name, type: try resolveType(field.type, stability: stability),
                    docs: Self.docs(field.docs), span: field.name.span))
            }
            return .record(resolved)
        case .flags(let flags, _):
            return .flags(flags.map { Flag(name: $0.name.name, docs: Self.docs($0.docs)) })
        case .tuple(let elements, _):
            var resolved: [WITType] = []
            for element in elements { resolved.append(try resolveType(element, stability: stability)) }
            return .tuple(resolved)
        case .variant(let cases, let span):
            if cases.isEmpty { throw WITDiagnostic(span, "empty variant") }
            var resolved: [Case] = []
            for c in cases {
                let payload = try c.type.map { (t) throws(WITDiagnostic) in try resolveType(t, stability: stability) }
                resolved.append(Case(name: c.name.name, type: payload, docs: Self.docs(c.docs)))
            }
            return .variant(resolved)
        case .enumeration(let cases, let span):
            if cases.isEmpty { throw WITDiagnostic(span, "empty enum") }
            return .enumeration(cases.map { EnumCase(name: $0.name.name, docs: Self.docs($0.docs)) })
        case .option(let element, _):
            return .option(try resolveType(element, stability: stability))
        case .result(let ok, let err, _):
            let okType = try ok.map { (t) throws(WITDiagnostic) in try resolveType(t, stability: stability) }
            let errType = try err.map { (t) throws(WITDiagnostic) in try resolveType(t, stability: stability) }
            return .result(ok: okType, err: errType)
        case .future(let element, _):
            return .future(try element.map { (t) throws(WITDiagnostic) in try resolveType(t, stability: stability) })
        case .stream(let element, _):
            return .stream(try element.map { (t) throws(WITDiagnostic) in try resolveType(t, stability: stability) })
        }
    }

    private func lookupType(_ name: WITIdentifier) throws(WITDiagnostic) -> TypeID {
        switch typeLookup[name.name]?.item {
        case .type(let id)?: return id
        case .item(let what)?: throw WITDiagnostic(name.span, "cannot use \(what) `\(name.name)` as a type")
        case nil: throw WITDiagnostic.notFound(name.span, kind: "name", name: name.name)
        }
    }

    private mutating func validateResource(_ name: WITIdentifier) throws(WITDiagnostic) -> TypeID {
        let id = try lookupType(name)
        var current = id
        while true {
            switch types[current.index] {
            case .foreign:
                requiredResourceTypes.append((current, name.span))
                return id
            case .defined(let def):
                switch def.kind {
                case .resource: return id
                case .type(.id(let next)): current = next
                default: throw WITDiagnostic(name.span, "type `\(name.name)` used in a handle must be a resource")
                }
            }
        }
    }

    private func stabilityOf(_ type: WITType) -> Stability? {
        guard case .id(let id) = type else { return nil }
        let stability: Stability
        switch types[id.index] {
        case .foreign(_, _, let s, _): stability = s
        case .defined(let def): stability = def.stability
        }
        return stability.isUnknown ? nil : stability
    }

    /// Anonymous types inherit the gate of the first gated type they mention.
    private func findStability(_ kind: TypeDefKind, _ stability: Stability) -> Stability {
        guard stability.isUnknown else { return stability }
        let found: Stability?
        switch kind {
        case .type(let t), .list(let t), .fixedLengthList(let t, _), .option(let t): found = stabilityOf(t)
        case .handle(let handle): found = stabilityOf(.id(handle.resource))
        case .tuple(let elements): found = elements.lazy.compactMap(stabilityOf).first
        case .map(let k, let v): found = stabilityOf(k) ?? stabilityOf(v)
        case .future(let t), .stream(let t): found = t.flatMap(stabilityOf)
        case .result(let ok, let err): found = ok.flatMap(stabilityOf) ?? err.flatMap(stabilityOf)
        case .resource, .variant, .record, .flags, .enumeration: found = nil
        }
        return found ?? .unknown
    }

    private mutating func resolveType(_ syntax: WITTypeSyntax, stability: Stability) throws(WITDiagnostic) -> WITType {
        let kind = try resolveTypeDefinition(syntax, stability: stability)
        return anonymousType(kind, stability: findStability(kind, stability), span: syntax.span)
    }

    private mutating func anonymousType(_ kind: TypeDefKind, stability: Stability, span: Span) -> WITType {
        let key: AnonymousKey
        switch kind {
        case .type(let t): return t
        case .handle(.own(let id)): return .id(id)
        case .handle(.borrow(let id)): key = .borrow(id)
        case .variant(let cases): key = .variant(cases.map(\.name), cases.map(\.type))
        case .record(let fields): key = .record(fields.map(\.name), fields.map(\.type))
        case .flags(let flags): key = .flags(flags.map(\.name))
        case .tuple(let elements): key = .tuple(elements)
        case .enumeration(let cases): key = .enumeration(cases.map(\.name))
        case .list(let t): key = .list(t)
        case .map(let k, let v): key = .map(k, v)
        case .fixedLengthList(let t, let size): key = .fixedLengthList(t, size)
        case .option(let t): key = .option(t)
        case .result(let ok, let err): key = .result(ok, err)
        case .future(let t): key = .future(t)
        case .stream(let t): key = .stream(t)
        case .resource: preconditionFailure("anonymous resources cannot be written in WIT")
        }
        if let existing = anonymousTypes[key] { return .id(existing) }
        types.append(.defined(TypeDef(name: nil, kind: kind, owner: .none, docs: Docs(), stability: stability, span: span)))
        let id = TypeID(types.count - 1)
        anonymousTypes[key] = id
        return .id(id)
    }

    private static func collectDependencies(_ syntax: WITTypeSyntax, into edges: inout [WITIdentifierRef]) {
        switch syntax {
        case .primitive, .flags, .enumeration, .resource: break
        case .name(let id), .own(let id), .borrow(let id): edges.append(WITIdentifierRef(id))
        case .record(let fields, _): for f in fields { collectDependencies(f.type, into: &edges) }
        case .tuple(let elements, _): for e in elements { collectDependencies(e, into: &edges) }
        case .variant(let cases, _): for c in cases { if let t = c.type { collectDependencies(t, into: &edges) } }
        case .option(let t, _), .list(let t, _), .fixedLengthList(let t, _, _): collectDependencies(t, into: &edges)
        case .map(let k, let v, _):
            collectDependencies(k, into: &edges)
            collectDependencies(v, into: &edges)
        case .result(let ok, let err, _):
            if let ok { collectDependencies(ok, into: &edges) }
            if let err { collectDependencies(err, into: &edges) }
        case .future(let t, _), .stream(let t, _):
            if let t { collectDependencies(t, into: &edges) }
        }
    }

    // MARK: docs and gates

    /// Turns the comments before an item into its doc text: markers removed, the
    /// common indentation removed, trailing blank lines dropped.
    static func docs(_ comments: WITDocComments) -> Docs {
        var lines: [Substring] = []
        for comment in comments.comments {
            var text = Substring(comment)
            if text.hasPrefix("/**") {
                text = text.dropFirst(3)
                if text.hasSuffix("*/") { text = text.dropLast(2) }
            } else {
                text = text.drop { $0 == "/" }
            }
            while let last = text.unicodeScalars.last, last.properties.isWhitespace { text = text.dropLast() }
            lines.append(text)
        }
        guard !lines.isEmpty else { return Docs() }
        let indents = lines.filter { !$0.isEmpty }.map { line in line.utf8.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }.count }
        if let indent = indents.min(), indent > 0 {
            let prefix = String(repeating: " ", count: indent)
            lines = lines.map { $0.hasPrefix(prefix) ? $0.dropFirst(indent) : $0 }
        }
        var contents = ""
        for line in lines {
            if line.isEmpty {
                contents += "\n"
            } else {
                for part in line.split(separator: "\n", omittingEmptySubsequences: false) {
                    var part = part
                    if part.hasSuffix("\r") { part = part.dropLast() }
                    contents += part + "\n"
                }
            }
        }
        while contents.hasSuffix("\n") { contents.removeLast() }
        return Docs(contents)
    }

    static func stability(_ attributes: [WITAttribute]) throws(WITDiagnostic) -> Stability {
        var since: (SemanticVersion, Span)?
        var deprecated: (SemanticVersion, Span)?
        var unstable: String?
        for attribute in attributes {
            switch attribute {
            case .since(let version, let span):
                if since != nil { throw WITDiagnostic(span, "cannot specify @since twice") }
                since = (version, span)
            case .deprecated(let version, let span):
                if deprecated != nil { throw WITDiagnostic(span, "cannot specify @deprecated twice") }
                deprecated = (version, span)
            case .unstable(let feature, let span):
                if unstable != nil { throw WITDiagnostic(span, "cannot specify @unstable twice") }
                unstable = feature.name
            }
        }
        switch (since, unstable) {
        case (let since?, nil): return .stable(since: since.0, deprecated: deprecated?.0)
        case (nil, let feature?): return .unstable(feature: feature, deprecated: deprecated?.0)
        case (let since?, _?): throw WITDiagnostic(since.1, "cannot specify both @since and @unstable")
        case (nil, nil):
            if let deprecated {
                throw WITDiagnostic(deprecated.1, "cannot specify both @deprecated without @since or @unstable")
            }
            return .unknown
        }
    }
}
