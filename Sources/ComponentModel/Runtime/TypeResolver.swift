/// Resolves type definitions of a component at instantiation: type indices become the run-time
/// types of the instance's type index space, so handles refer to actual resource types, and
/// each value and function type gets its canonical ABI layout once.
struct TypeResolver {
    let scope: InstantiationScope

    /// The run-time type a type definition denotes; `position` names fresh resource types.
    func resolve(_ definition: ComponentTypeDefinition, position: Int) throws -> ComponentRuntimeType {
        switch definition {
        case .defined(let defined): return .value(try resolve(defined))
        case .function(let function): return .function(try resolve(function))
        case .component, .instance: return .typeOnly
        case .resource(let resource):
            let destructor = try resource.destructor.map { index throws(ComponentLinkError) in
                ComponentResourceType.Destructor.core(try scope.coreFunction(index))
            }
            return .resource(ComponentResourceType(name: "resource \(position)", implementation: scope.state,
                                                   destructor: destructor))
        }
    }

    func resolve(_ function: ComponentFunctionType) throws -> CanonicalFunctionType {
        return CanonicalFunctionType(
            isAsync: function.isAsync,
            parameters: try function.parameters.map { CanonicalField(label: $0.label, type: try resolve($0.type)) },
            result: try function.result.map { try resolve($0) })
    }

    func resolve(_ type: ValueType) throws -> CanonicalType {
        switch type {
        case .primitive(let primitive):
            return CanonicalType.primitiveType(primitive)
        case .index(let index):
            guard case .value(let resolved) = try scope.type(index) else {
                throw ComponentLinkError("type \(index) is not a value type")
            }
            return resolved
        }
    }

    private func resolve(_ defined: DefinedValueType) throws -> CanonicalType {
        switch defined {
        case .primitive(let primitive): return try resolve(ValueType.primitive(primitive))
        case .record(let fields):
            return CanonicalType(.record(try fields.map { CanonicalField(label: $0.label, type: try resolve($0.type)) }))
        case .variant(let cases):
            return CanonicalType(.variant(try cases.map { CanonicalCase(label: $0.label, type: try $0.type.map(resolve)) }))
        case .list(let element): return CanonicalType(.list(try resolve(element)))
        case .fixedLengthList(let element, let length):
            return CanonicalType(.fixedLengthList(try resolve(element), count: Int(length)))
        case .tuple(let elements): return CanonicalType(.tuple(try elements.map(resolve)))
        case .flags(let labels): return CanonicalType(.flags(labels))
        case .enum(let labels): return CanonicalType(.enum(labels))
        case .option(let payload): return CanonicalType(.option(try resolve(payload)))
        case .result(let ok, let error): return CanonicalType(.result(ok: try ok.map(resolve), error: try error.map(resolve)))
        case .own(let index): return CanonicalType(.own(try resource(index)))
        case .borrow(let index): return CanonicalType(.borrow(try resource(index)))
        case .stream(let element): return CanonicalType(.stream(try element.map(resolve)))
        case .future(let element): return CanonicalType(.future(try element.map(resolve)))
        case .map(let key, let value):
            // `despecialize`: a map is a list of key-value tuples.
            return CanonicalType(.list(CanonicalType(.tuple([try resolve(key), try resolve(value)]))))
        }
    }

    private func resource(_ index: UInt32) throws(ComponentLinkError) -> ComponentResourceType {
        guard case .resource(let resource) = try scope.type(index) else {
            throw ComponentLinkError("type \(index) is not a resource type")
        }
        return resource
    }
}
