/// Copies the named items of an included world into the including world: world-owned
/// types (and the anonymous types built from them) get fresh copies owned by the new
/// world, and inline interfaces are duplicated (`cloneOf` records the original).
struct WorldIncludeCloner {
    private let previousOwner: TypeOwner
    private let newOwner: TypeOwner
    private let package: PackageID
    private var typeCopies: [TypeID: TypeID] = [:]

    /// A cloner moving items from `previousOwner` to `newOwner` inside package `package`.
    init(previousOwner: TypeOwner, newOwner: TypeOwner, package: PackageID) {
        self.previousOwner = previousOwner
        self.newOwner = newOwner
        self.package = package
    }

    /// Rewrites a world item (of a `.name` key) to refer to copies.
    mutating func cloneItem(_ item: inout WorldItem, resolve: inout Resolve) {
        switch item {
        case .type(let id, let span):
            item = .type(id: cloneType(id, resolve: &resolve), span: span)
        case .function(var function):
            cloneFunction(&function, resolve: &resolve)
            item = .function(function)
        case .interface(let id, let stability, let docs, let span):
            guard resolve.interfaces[id.index].name == nil else { return }
            item = .interface(id: cloneInterface(id, resolve: &resolve), stability: stability, docs: docs, span: span)
        }
    }

    private mutating func cloneType(_ id: TypeID, resolve: inout Resolve) -> TypeID {
        if let copy = typeCopies[id] { return copy }
        var def = resolve.types[id.index]
        if def.owner != .none {
            guard def.owner == previousOwner else { return id }
            def.owner = newOwner
        }
        switch def.kind {
        case .type(.id(let target)):
            if resolve.types[target.index].owner == previousOwner {
                def.kind = .type(.id(cloneType(target, resolve: &resolve)))
            } else if let copy = typeCopies[target] {
                def.kind = .type(.id(copy))
            }
        case .type, .resource, .flags, .enumeration:
            break
        case .handle(.own(let target)): def.kind = .handle(.own(cloneType(target, resolve: &resolve)))
        case .handle(.borrow(let target)): def.kind = .handle(.borrow(cloneType(target, resolve: &resolve)))
        case .option(let t): def.kind = .option(clone(t, resolve: &resolve))
        case .list(let t): def.kind = .list(clone(t, resolve: &resolve))
        case .fixedLengthList(let t, let size): def.kind = .fixedLengthList(clone(t, resolve: &resolve), size: size)
        case .map(let k, let v):
            let key = clone(k, resolve: &resolve)
            def.kind = .map(key: key, value: clone(v, resolve: &resolve))
        case .tuple(let elements):
            var copies: [WITType] = []
            for element in elements { copies.append(clone(element, resolve: &resolve)) }
            def.kind = .tuple(copies)
        case .record(var fields):
            for i in fields.indices { fields[i].type = clone(fields[i].type, resolve: &resolve) }
            def.kind = .record(fields)
        case .variant(var cases):
            for i in cases.indices { cases[i].type = cases[i].type.map { clone($0, resolve: &resolve) } }
            def.kind = .variant(cases)
        case .result(let ok, let err):
            let okCopy = ok.map { clone($0, resolve: &resolve) }
            def.kind = .result(ok: okCopy, err: err.map { clone($0, resolve: &resolve) })
        case .future(let t): def.kind = .future(t.map { clone($0, resolve: &resolve) })
        case .stream(let t): def.kind = .stream(t.map { clone($0, resolve: &resolve) })
        }
        let copy = TypeID(resolve.types.count)
        resolve.types.append(def)
        typeCopies[id] = copy
        return copy
    }

    private mutating func clone(_ type: WITType, resolve: inout Resolve) -> WITType {
        guard case .id(let id) = type else { return type }
        return .id(cloneType(id, resolve: &resolve))
    }

    private mutating func cloneFunction(_ function: inout Function, resolve: inout Resolve) {
        if let resource = function.kind.resource {
            function.kind = function.kind.withResource(cloneType(resource, resolve: &resolve))
        }
        for i in function.params.indices { function.params[i].type = clone(function.params[i].type, resolve: &resolve) }
        function.result = function.result.map { clone($0, resolve: &resolve) }
    }

    private mutating func cloneInterface(_ id: InterfaceID, resolve: inout Resolve) -> InterfaceID {
        var copy = resolve.interfaces[id.index]
        let newID = InterfaceID(resolve.interfaces.count)
        var inner = WorldIncludeCloner(previousOwner: .interface(id), newOwner: .interface(newID), package: package)
        inner.typeCopies = typeCopies
        for name in copy.types.keys { copy.types[name] = inner.cloneType(copy.types[name]!, resolve: &resolve) }
        var functions = copy.functions
        for name in functions.keys {
            var function = functions[name]!
            inner.cloneFunction(&function, resolve: &resolve)
            functions[name] = function
        }
        copy.functions = functions
        typeCopies = inner.typeCopies
        copy.package = package
        copy.cloneOf = id
        resolve.interfaces.append(copy)
        return newID
    }
}
