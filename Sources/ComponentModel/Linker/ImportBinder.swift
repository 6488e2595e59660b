/// Matches host definitions with the types a component declares for its imports, converting
/// those types (from the validation's `TypeArena`) to run-time types: each abstract imported
/// resource becomes the host resource type defined under its name.
struct ImportBinder {
    let types: TypeArena
    private var resources: [ResourceID: ComponentResourceType] = [:]
    private var converted: [TypeID: CanonicalType] = [:]

    init(types: TypeArena) {
        self.types = types
    }

    /// The run-time item for an import of type `type` defined by `definition`.
    mutating func bind(_ type: EntityType, to definition: HostItem, name: String) throws -> ComponentItem {
        if case .item(let item) = definition {
            try bindResources(type, item)
            return item
        }
        switch (type, definition) {
        case (.function(let id), .function(let body)):
            return .function(ComponentFunction(type: try functionType(id), body: .host(body)))
        case (.function(let id), .typedFunction(let typed)):
            let type = try functionType(id)
            guard let bound = typed.binding(to: type) else {
                throw ComponentLinkError("the Swift types of host function `\(name)` do not match its import type \(type)")
            }
            return .function(ComponentFunction(type: type, body: .typedHost(bound)))
        case (.type(let id), .resource(let resource)):
            guard case .resource(let abstract) = types[id] else {
                throw ComponentLinkError("import `\(name)` is not a resource type")
            }
            resources[abstract] = resource
            return .type(.resource(resource))
        case (.instance(let id), .instance(let host)):
            guard case .instance(let instanceType) = types[id] else {
                throw ComponentLinkError("import `\(name)` is not an instance")
            }
            let exports = ComponentInstanceExports()
            for export in instanceType.exports {
                if case .type(let typeID) = export.type, case .defined = types[typeID] {
                    exports.add(export.name, .type(.value(try valueType(.defined(typeID)))))
                    continue
                }
                guard let item = host.items[export.name] else {
                    throw ComponentLinkError("instance `\(name)` has no definition for `\(export.name)`")
                }
                exports.add(export.name, try bind(export.type, to: item, name: "\(name)#\(export.name)"))
            }
            return .instance(exports)
        default:
            throw ComponentLinkError("import `\(name)` of type \(type.sort) cannot be satisfied by this host definition")
        }
    }

    /// Records the resource types an item of another component supplies for abstract resources.
    private mutating func bindResources(_ type: EntityType, _ item: ComponentItem) throws {
        switch (type, item) {
        case (.type(let id), .type(.resource(let resource))):
            if case .resource(let abstract) = types[id] { resources[abstract] = resource }
        case (.instance(let id), .instance(let exports)):
            guard case .instance(let instanceType) = types[id] else { return }
            for export in instanceType.exports {
                if let inner = exports[export.name] { try bindResources(export.type, inner) }
            }
        default:
            break
        }
    }

    private mutating func functionType(_ id: TypeID) throws -> CanonicalFunctionType {
        guard case .function(let function) = types[id] else { throw ComponentLinkError("type is not a function type") }
        return CanonicalFunctionType(
            isAsync: function.isAsync,
            parameters: try function.parameters.map { CanonicalField(label: $0.label, type: try valueType($0.type)) },
            result: try function.result.map { try valueType($0) })
    }

    private mutating func valueType(_ type: ResolvedValueType) throws -> CanonicalType {
        switch type {
        case .primitive(let primitive):
            return CanonicalType.primitiveType(primitive)
        case .defined(let id):
            if let done = converted[id] { return done }
            guard case .defined(let defined) = types[id] else { throw ComponentLinkError("type is not a value type") }
            let result = try definedType(defined)
            converted[id] = result
            return result
        }
    }

    private mutating func definedType(_ defined: ResolvedDefinedType) throws -> CanonicalType {
        switch defined {
        case .primitive(let primitive): return try valueType(ResolvedValueType.primitive(primitive))
        case .record(let fields):
            return CanonicalType(.record(try fields.map { CanonicalField(label: $0.label, type: try valueType($0.type)) }))
        case .variant(let cases):
            return CanonicalType(.variant(try cases.map { CanonicalCase(label: $0.label, type: try $0.type.map { try valueType($0) }) }))
        case .list(let element): return CanonicalType(.list(try valueType(element)))
        case .fixedLengthList(let element, let length):
            return CanonicalType(.fixedLengthList(try valueType(element), count: Int(length)))
        case .tuple(let elements): return CanonicalType(.tuple(try elements.map { try valueType($0) }))
        case .flags(let labels): return CanonicalType(.flags(labels))
        case .enum(let labels): return CanonicalType(.enum(labels))
        case .option(let payload): return CanonicalType(.option(try valueType(payload)))
        case .result(let ok, let error):
            return CanonicalType(.result(ok: try ok.map { try valueType($0) }, error: try error.map { try valueType($0) }))
        case .own(let id): return CanonicalType(.own(try resource(id)))
        case .borrow(let id): return CanonicalType(.borrow(try resource(id)))
        case .stream(let element): return CanonicalType(.stream(try element.map { try valueType($0) }))
        case .future(let element): return CanonicalType(.future(try element.map { try valueType($0) }))
        case .map(let key, let value):
            // `despecialize`: a map is a list of key-value tuples.
            return CanonicalType(.list(CanonicalType(.tuple([try valueType(key), try valueType(value)]))))
        }
    }

    private func resource(_ id: TypeID) throws -> ComponentResourceType {
        guard case .resource(let abstract) = types[id], let resource = resources[abstract] else {
            throw ComponentLinkError("a resource type used by an import is not defined by the host")
        }
        return resource
    }
}
