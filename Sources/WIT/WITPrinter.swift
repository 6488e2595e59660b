/// Prints resolved packages as WIT text. Parsing the output again yields the same
/// packages, interfaces, types, functions and worlds. Worlds are printed with their
/// `include`s as declared and with the imports their items imply made explicit.
public struct WITPrinter {
    private let resolve: Resolve
    private var output = ""
    private var indentLevel = 0
    /// The package whose items may be named without a package prefix.
    private var currentPackage: PackageID?
    /// The kind of the last item printed in the current `{ ... }` body.
    private var previousItem: ItemKind?

    /// Kinds of body items: a blank line separates groups of different kinds, and each type
    /// definition from its neighbours, the way `wasm-tools component wit` lays WIT out.
    private enum ItemKind { case use, include, type, function, `import`, export }

    /// A printer for `resolve`.
    public init(resolve: Resolve) {
        self.resolve = resolve
    }

    /// Prints `main` with a `package ...;` header followed by every other package of the
    /// resolve in a nested `package ... { ... }` block, ordered by package name.
    public static func print(_ resolve: Resolve, main: PackageID) -> String {
        var printer = WITPrinter(resolve: resolve)
        printer.printPackage(main, nested: false)
        let others = resolve.packages.indices.filter { $0 != main.index }.sorted { resolve.packages[$0].name < resolve.packages[$1].name }
        for index in others {
            printer.line("")
            printer.printPackage(PackageID(index), nested: true)
        }
        return printer.output
    }

    // MARK: output helpers

    /// Starts an item of `kind` in the current body, after a blank line where a new group
    /// begins (a world's interface imports and `use`s form one group).
    private mutating func beginItem(_ kind: ItemKind) {
        let importsAndUses: Set<ItemKind> = [.import, .use]
        if let previous = previousItem, kind == .type || (previous != kind && !importsAndUses.isSuperset(of: [previous, kind])) {
            line("")
        }
        previousItem = kind
    }

    private mutating func line(_ text: String) {
        if text.isEmpty {
            output += "\n"
        } else {
            output += String(repeating: "  ", count: indentLevel) + text + "\n"
        }
    }

    private mutating func docs(_ docs: Docs) {
        guard let contents = docs.contents else { return }
        for part in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            line(part.isEmpty ? "///" : "/// " + part)
        }
    }

    private mutating func gate(_ stability: Stability) {
        switch stability {
        case .unknown:
            return
        case .stable(let since, let deprecated):
            line("@since(version = \(since))")
            if let deprecated { line("@deprecated(version = \(deprecated))") }
        case .unstable(let feature, let deprecated):
            line("@unstable(feature = \(feature))")
            if let deprecated { line("@deprecated(version = \(deprecated))") }
        }
    }

    /// An identifier, `%`-escaped when it is a keyword.
    static func identifier(_ name: String) -> String {
        WITToken.keywords[name] != nil ? "%" + name : name
    }

    // MARK: packages

    private mutating func printPackage(_ id: PackageID, nested: Bool) {
        let package = resolve.packages[id.index]
        currentPackage = id
        docs(package.docs)
        let name = packageName(package.name)
        if nested {
            line("package \(name) {")
            indentLevel += 1
        } else {
            line("package \(name);")
            line("")
        }
        var first = true
        for interfaceID in package.interfaces.values {
            if !first { line("") }
            first = false
            let interface = resolve.interfaces[interfaceID.index]
            docs(interface.docs)
            gate(interface.stability)
            line("interface \(Self.identifier(interface.name ?? "")) {")
            previousItem = nil
            indentLevel += 1
            printExcludedReferences(in: .interface(name: interface.name ?? "", stability: interface.stability))
            indentLevel -= 1
            printInterfaceBody(interfaceID)
            line("}")
        }
        for worldID in package.worlds.values {
            if !first { line("") }
            first = false
            printWorld(worldID)
        }
        printExcludedContainers(of: package)
        if nested {
            indentLevel -= 1
            line("}")
        }
    }

    private func packageName(_ name: PackageName) -> String {
        var text = Self.identifier(name.namespace) + ":" + Self.identifier(name.name)
        if let version = name.version { text += "@\(version)" }
        return text
    }

    /// How an interface is named from the package being printed.
    private func path(to interfaceID: InterfaceID) -> String {
        let interface = resolve.interfaces[interfaceID.index]
        return path(to: interface.name ?? "", in: interface.package)
    }

    /// How a world is named from the package being printed.
    private func path(to worldID: WorldID) -> String {
        let world = resolve.worlds[worldID.index]
        return path(to: world.name, in: world.package)
    }

    /// `item` alone inside the package being printed, `ns:pkg/item@version` elsewhere.
    private func path(to item: String, in package: PackageID?) -> String {
        let name = Self.identifier(item)
        guard let package, package != currentPackage else { return name }
        let packageName = resolve.packages[package.index].name
        var text = Self.identifier(packageName.namespace) + ":" + Self.identifier(packageName.name) + "/" + name
        if let version = packageName.version { text += "@\(version)" }
        return text
    }

    // MARK: interfaces

    private mutating func printInterfaceBody(_ interfaceID: InterfaceID) {
        indentLevel += 1
        let interface = resolve.interfaces[interfaceID.index]
        let owner = TypeOwner.interface(interfaceID)
        let typeIDs = Array(interface.types.values)
        printUses(typeIDs, owner: owner)
        // Functions resolve in source order, where a resource's functions sit at the
        // resource; printing freestanding functions before the resources that followed
        // them keeps that order.
        let functions = interface.functions.values
        let freestanding = functions.filter { $0.kind.resource == nil }
        var printed = 0
        for typeID in typeIDs where !isUse(typeID, owner: owner) {
            if case .resource = resolve.types[typeID.index].kind,
                let position = functions.firstIndex(where: { $0.kind.resource == typeID }) {
                let due = functions[..<position].filter { $0.kind.resource == nil }.count
                while printed < due {
                    beginItem(.function)
                    printFunction(freestanding[printed])
                    printed += 1
                }
            }
            beginItem(.type)
            printTypeDefinition(typeID, functions: functions)
        }
        for function in freestanding.dropFirst(printed) {
            beginItem(.function)
            printFunction(function)
        }
        indentLevel -= 1
    }

    /// Whether a named type is a `use` of a type owned elsewhere.
    private func isUse(_ typeID: TypeID, owner: TypeOwner) -> Bool {
        guard case .type(.id(let target)) = resolve.types[typeID.index].kind else { return false }
        return resolve.types[target.index].owner != owner
    }

    /// Prints the `use`s among `typeIDs`; consecutive ones from the same interface under the
    /// same gate share one statement.
    private mutating func printUses(_ typeIDs: [TypeID], owner: TypeOwner) {
        var pending: (source: InterfaceID, stability: Stability, names: [String])?
        func flush(_ printer: inout WITPrinter) {
            guard let group = pending else { return }
            printer.beginItem(.use)
            printer.gate(group.stability)
            printer.line("use \(printer.path(to: group.source)).{\(group.names.joined(separator: ", "))};")
            pending = nil
        }
        for typeID in typeIDs where isUse(typeID, owner: owner) {
            let def = resolve.types[typeID.index]
            guard case .type(.id(let target)) = def.kind, case .interface(let source) = resolve.types[target.index].owner else { continue }
            let targetName = resolve.types[target.index].name ?? ""
            let localName = def.name ?? targetName
            let name = targetName == localName
                ? Self.identifier(localName) : "\(Self.identifier(targetName)) as \(Self.identifier(localName))"
            if let group = pending, group.source == source, group.stability == def.stability {
                pending?.names.append(name)
            } else {
                flush(&self)
                pending = (source, def.stability, [name])
            }
        }
        flush(&self)
    }

    private mutating func printTypeDefinition(_ typeID: TypeID, functions: [Function]) {
        let def = resolve.types[typeID.index]
        let name = Self.identifier(def.name ?? "")
        docs(def.docs)
        gate(def.stability)
        switch def.kind {
        case .record(let fields):
            line("record \(name) {")
            indentLevel += 1
            for field in fields {
                docs(field.docs)
                line("\(Self.identifier(field.name)): \(typeName(field.type)),")
            }
            indentLevel -= 1
            line("}")
        case .resource:
            let members = functions.filter { $0.kind.resource == typeID }
            if members.isEmpty {
                line("resource \(name);")
            } else {
                line("resource \(name) {")
                indentLevel += 1
                for function in members { printFunction(function) }
                indentLevel -= 1
                line("}")
            }
        case .flags(let flags):
            line("flags \(name) {")
            indentLevel += 1
            for flag in flags {
                docs(flag.docs)
                line("\(Self.identifier(flag.name)),")
            }
            indentLevel -= 1
            line("}")
        case .variant(let cases):
            line("variant \(name) {")
            indentLevel += 1
            for c in cases {
                docs(c.docs)
                line(Self.identifier(c.name) + (c.type.map { "(\(typeName($0)))" } ?? "") + ",")
            }
            indentLevel -= 1
            line("}")
        case .enumeration(let cases):
            line("enum \(name) {")
            indentLevel += 1
            for c in cases {
                docs(c.docs)
                line("\(Self.identifier(c.name)),")
            }
            indentLevel -= 1
            line("}")
        default:
            line("type \(name) = \(kindName(def.kind));")
        }
    }

    // MARK: functions

    private mutating func printFunction(_ function: Function) {
        docs(function.docs)
        gate(function.stability)
        let asyncPrefix = function.kind.isAsync ? "async " : ""
        switch function.kind {
        case .constructor(let resource):
            let params = parameterList(function.params)
            if let result = function.result, !isImplicitConstructorResult(result, resource: resource) {
                line("constructor(\(params)) -> \(typeName(result));")
            } else {
                line("constructor(\(params));")
            }
        case .method, .asyncMethod:
            line("\(Self.identifier(function.itemName)): \(asyncPrefix)func(\(parameterList(Array(function.params.dropFirst()))))\(resultSuffix(function));")
        case .static, .asyncStatic:
            line("\(Self.identifier(function.itemName)): static \(asyncPrefix)func(\(parameterList(function.params)))\(resultSuffix(function));")
        case .freestanding, .asyncFreestanding:
            line("\(Self.identifier(function.name)): \(asyncPrefix)func(\(parameterList(function.params)))\(resultSuffix(function));")
        }
    }

    /// Whether a constructor result is the implicit `own<resource>` it returns anyway.
    private func isImplicitConstructorResult(_ result: WITType, resource: TypeID) -> Bool {
        guard case .id(let id) = result else { return false }
        if id == resource { return true }
        let def = resolve.types[id.index]
        if def.name == nil, case .handle(.own(let target)) = def.kind { return target == resource }
        return false
    }

    private func parameterList(_ params: [Param]) -> String {
        params.map { "\(Self.identifier($0.name)): \(typeName($0.type))" }.joined(separator: ", ")
    }

    private func resultSuffix(_ function: Function) -> String {
        function.result.map { " -> " + typeName($0) } ?? ""
    }

    // MARK: type expressions

    /// How a type is written where it is used.
    func typeName(_ type: WITType) -> String {
        guard case .id(let id) = type else { return type.primitiveName! }
        let def = resolve.types[id.index]
        if let name = def.name { return Self.identifier(name) }
        if case .handle(.own(let resource)) = def.kind { return typeName(.id(resource)) }
        return kindName(def.kind)
    }

    private func kindName(_ kind: TypeDefKind) -> String {
        switch kind {
        case .type(let t): return typeName(t)
        case .handle(.own(let id)): return "own<\(typeName(.id(id)))>"
        case .handle(.borrow(let id)): return "borrow<\(typeName(.id(id)))>"
        case .list(let t): return "list<\(typeName(t))>"
        case .fixedLengthList(let t, let size): return "list<\(typeName(t)), \(size)>"
        case .map(let k, let v): return "map<\(typeName(k)), \(typeName(v))>"
        case .option(let t): return "option<\(typeName(t))>"
        case .tuple(let elements): return "tuple<\(elements.map(typeName).joined(separator: ", "))>"
        case .result(nil, nil): return "result"
        case .result(let ok?, nil): return "result<\(typeName(ok))>"
        case .result(nil, let err?): return "result<_, \(typeName(err))>"
        case .result(let ok?, let err?): return "result<\(typeName(ok)), \(typeName(err))>"
        case .future(let t): return t.map { "future<\(typeName($0))>" } ?? "future"
        case .stream(let t): return t.map { "stream<\(typeName($0))>" } ?? "stream"
        case .record, .resource, .flags, .variant, .enumeration: return "<anonymous \(kind.keyword)>"
        }
    }

    // MARK: worlds

    private mutating func printWorld(_ worldID: WorldID) {
        let world = resolve.worlds[worldID.index]
        docs(world.docs)
        gate(world.stability)
        line("world \(Self.identifier(world.name)) {")
        previousItem = nil
        indentLevel += 1
        let owner = TypeOwner.world(worldID)
        for inclusion in world.inclusions {
            beginItem(.include)
            printInclusion(inclusion)
        }
        printExcludedReferences(in: .world(name: world.name, stability: world.stability))
        var imports = world.imports
        imports.retain { key, _ in !world.importsFromInclusions.contains(key) }
        var exports = world.exports
        exports.retain { key, _ in !world.exportsFromInclusions.contains(key) }
        var typeIDs: [TypeID] = []
        var worldFunctions: [Function] = []
        for item in imports.values {
            switch item {
            case .type(let id, _): typeIDs.append(id)
            case .function(let f): worldFunctions.append(f)
            case .interface: break
            }
        }
        for (key, item) in imports {
            if case .interface = item {
                beginItem(.import)
                printExtern("import", key: key, item: item)
            }
        }
        printUses(typeIDs, owner: owner)
        for typeID in typeIDs where !isUse(typeID, owner: owner) {
            beginItem(.type)
            printTypeDefinition(typeID, functions: worldFunctions)
        }
        for (key, item) in imports {
            if case .function(let f) = item, f.kind.resource == nil {
                beginItem(.import)
                printExtern("import", key: key, item: item)
            }
        }
        for (key, item) in exports {
            beginItem(.export)
            printExtern("export", key: key, item: item)
        }
        indentLevel -= 1
        line("}")
    }

    // MARK: excluded references

    /// Writes back, gated as they were, the statements of the current package that name
    /// other packages but were excluded by a feature gate: they keep the package order.
    private mutating func printExcludedReferences(in container: ExcludedReference.Container) {
        guard let package = currentPackage else { return }
        for reference in resolve.packages[package.index].excludedReferences where reference.container == container {
            beginItem(.use)
            gate(reference.stability)
            line(reference.statement)
        }
    }

    /// Writes the interfaces and worlds that a feature gate excluded as gated shells holding
    /// only their excluded references to other packages.
    private mutating func printExcludedContainers(of package: Package) {
        var seen: Set<ExcludedReference.Container> = []
        for reference in package.excludedReferences where seen.insert(reference.container).inserted {
            let container = reference.container
            switch container {
            case .interface(let name, _) where package.interfaces[name] == nil:
                line("")
                gate(container.stability)
                line("interface \(Self.identifier(name)) {")
            case .world(let name, _) where package.worlds[name] == nil:
                line("")
                gate(container.stability)
                line("world \(Self.identifier(name)) {")
            default:
                continue
            }
            previousItem = nil
            indentLevel += 1
            printExcludedReferences(in: container)
            indentLevel -= 1
            line("}")
        }
    }

    private mutating func printInclusion(_ inclusion: WorldInclusion) {
        gate(inclusion.stability)
        let renames = inclusion.renames.map { "\(Self.identifier($0.name)) as \(Self.identifier($0.alias))" }
        line("include \(path(to: inclusion.world))" + (renames.isEmpty ? ";" : " with { \(renames.joined(separator: ", ")) }"))
    }

    private mutating func printExtern(_ direction: String, key: WorldKey, item: WorldItem) {
        switch item {
        case .interface(let id, let stability, let itemDocs, _):
            let interface = resolve.interfaces[id.index]
            switch key {
            case .interface:
                docs(itemDocs)
                gate(stability)
                line("\(direction) \(path(to: id));")
            case .name(let name):
                if interface.name == nil {
                    docs(interface.docs)
                    gate(interface.stability)
                    line("\(direction) \(Self.identifier(name)): interface {")
                    let outer = previousItem
                    previousItem = nil
                    printInterfaceBody(id)
                    previousItem = outer
                    line("}")
                } else {
                    docs(itemDocs)
                    gate(stability)
                    line("\(direction) \(Self.identifier(name)): \(path(to: id));")
                }
            }
        case .function(let function):
            docs(function.docs)
            gate(function.stability)
            let asyncPrefix = function.kind.isAsync ? "async " : ""
            line("\(direction) \(Self.identifier(function.name)): \(asyncPrefix)func(\(parameterList(function.params)))\(resultSuffix(function));")
        case .type:
            break
        }
    }
}
