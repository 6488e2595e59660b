import WIT

/// Writes the function side of the bindings: a `Host` protocol and `register` function per
/// imported interface (or the world's imported functions), and an `Exports` wrapper per
/// exported interface (or the world's exported functions) that calls the instance with typed
/// arguments and results.
///
/// Resource functions are named after their resource: `[constructor]counter` is
/// `makeCounter`, `[method]counter.get` is `counterGet(counter:)` (the handle first) and
/// `[static]counter.zero` is `counterZero`. An imported resource is implemented by host
/// objects: a protocol `<Resource>Object` has its methods (`weight()`), `Host` its constructor
/// and static functions, and handles passed directly become objects. An exported one gets
/// `drop<Resource>(_:)` on `Exports` and an object-style struct `Exports.<Resource>` (handle
/// plus exports, methods borrowing implicitly).
struct FunctionEmitter {
    let names: SwiftTypeNames
    var layout: WITLayout

    /// A function's Swift shape.
    private struct Signature {
        let function: Function
        /// The resource the function belongs to, if any.
        let resource: TypeID?
        let name: String
        /// Parameter names as WIT gives them (camel-cased, unique, not escaped) and Swift types.
        let parameters: [(label: String, type: String)]
        let result: String?

        /// Whether the function is a method of its resource (its first parameter is `self`).
        var isMethod: Bool {
            switch function.kind {
            case .method, .asyncMethod: true
            default: false
            }
        }

        var declaration: String {
            let list = parameters.map { "\(SwiftNaming.escaped($0.label)): \($0.type)" }.joined(separator: ", ")
            return "func \(name)(\(list)) throws" + (result.map { " -> \($0)" } ?? "")
        }

        /// The argument list of a call passing `values[i]` for parameter `i`.
        func arguments(_ values: [String]) -> String {
            zip(parameters, values).map { "\(SwiftNaming.argumentLabel($0.label)): \($1)" }.joined(separator: ", ")
        }
    }

    /// The functions that can be bound, with their Swift names; the others (with flags of
    /// more than 32 members, which have no canonical ABI layout) are reported as comments.
    private mutating func signatures(_ functions: [Function], reserved: Set<String>,
                                     skipped: inout [String]) -> [Signature] {
        var scope = SwiftNameScope(reserved: reserved)
        var result: [Signature] = []
        for function in functions {
            let types = function.params.map(\.type) + (function.result.map { [$0] } ?? [])
            guard types.allSatisfy({ layout.isSupported($0) }) else {
                skipped.append(function.name)
                continue
            }
            var parameterScope = SwiftNameScope()
            let resource = function.kind.resource
            let parameters = function.params.enumerated().map { index, parameter in
                // A method's `self` is named after its resource.
                var base = parameter.name
                if index == 0, case .method(let owner) = function.kind { base = resourceName(owner) }
                if index == 0, case .asyncMethod(let owner) = function.kind { base = resourceName(owner) }
                return (parameterScope.claim(SwiftNaming.lowerCamelCase(base)), names.expression(parameter.type))
            }
            result.append(Signature(
                function: function,
                resource: resource,
                name: SwiftNaming.escaped(scope.claim(swiftName(function))),
                parameters: parameters,
                result: function.result.map { names.expression($0) }))
        }
        return result
    }

    /// The WIT name of resource `id`.
    private func resourceName(_ id: TypeID) -> String {
        names.resolve[type: id].name ?? "resource"
    }

    /// The Swift base name of `function` (see the type's documentation).
    private func swiftName(_ function: Function) -> String {
        switch function.kind {
        case .constructor(let resource): "make" + SwiftNaming.upperCamelCase(resourceName(resource))
        case .method(let resource), .asyncMethod(let resource), .static(let resource), .asyncStatic(let resource):
            SwiftNaming.lowerCamelCase(resourceName(resource)) + SwiftNaming.upperCamelCase(function.itemName)
        default: SwiftNaming.lowerCamelCase(function.name)
        }
    }

    /// The Swift name of the function that drops (or destroys) resource `id`.
    private func dropName(_ id: TypeID) -> String {
        "drop" + SwiftNaming.upperCamelCase(resourceName(id))
    }

    private func skippedComments(_ skipped: [String], _ out: inout SwiftSourceWriter) {
        for name in skipped {
            out.line("// `\(name)` is not generated: one of its types has no canonical ABI layout (flags with more than 32 members).")
        }
    }

    /// The doc comment of a bound function: its WIT docs and, for an `async func`, what this
    /// runtime does with it. The host implements an imported one synchronously; an exported
    /// one is called like any other.
    private func docs(_ signature: Signature, imported: Bool, _ out: inout SwiftSourceWriter) {
        var text = signature.function.docs.contents
        if signature.function.kind.isAsync {
            let note = imported
                ? "WIT `async func`. The runtime does not implement the async ABI yet: the host answers before the guest continues, and a guest that lowers this import with the `async` option traps."
                : "WIT `async func`. The runtime does not implement the async ABI yet: this call throws `ComponentTrap` when the component lifts the export with the `async` option."
            text = text.map { $0 + "\n\n" + note } ?? note
        }
        out.docs(text)
    }

    /// Writes protocol `protocolName` for `functions` and a `register` function that defines
    /// them on a linker, as instance `instanceName` or, when it is nil, as top-level functions.
    /// `resources` are the resources the instance defines, which the host implements as
    /// objects: each gets a protocol `<Resource>Object` with its methods, while its
    /// constructor and static functions join `protocolName`. Handles of imported resources
    /// passed directly as parameters or results reach the host as objects; `register` keeps
    /// them in the linker's `ResourceObjectTable`s and releases an object when the guest drops
    /// its last handle.
    mutating func emitImports(_ functions: [Function], resources: [TypeID] = [], protocolName: String,
                              instanceName: String?, into out: inout SwiftSourceWriter) {
        var skipped: [String] = []
        let bound = signatures(functions, reserved: [], skipped: &skipped)
        skippedComments(skipped, &out)
        // Each method's name in its object protocol, by WIT function name.
        var methodNames: [String: String] = [:]
        for resource in resources {
            var scope = SwiftNameScope()
            for signature in bound where signature.resource == resource && signature.isMethod {
                methodNames[signature.function.name] = SwiftNaming.escaped(scope.claim(SwiftNaming.lowerCamelCase(signature.function.itemName)))
            }
        }
        for resource in resources {
            out.line("/// Implemented by the host: a value of resource `\(resourceName(resource))` that a guest holds.")
            out.block("public protocol \(names.objectProtocols[resource]!)") { out in
                for signature in bound where signature.resource == resource && signature.isMethod {
                    docs(signature, imported: true, &out)
                    out.line(hostDeclaration(signature, named: methodNames[signature.function.name]!, dropping: 1))
                }
            }
            out.line()
        }
        out.line("/// Implemented by the host; `register(_:in:)` makes it satisfy the component's import.")
        out.block("public protocol \(protocolName)") { out in
            for signature in bound where !signature.isMethod {
                docs(signature, imported: true, &out)
                out.line(hostDeclaration(signature, named: signature.name, dropping: 0))
            }
        }
        out.line()
        // The object tables the functions use, and those of the resources defined here.
        var tables: [TypeID] = resources
        for signature in bound {
            let types = signature.function.params.map(\.type) + (signature.function.result.map { [$0] } ?? [])
            for object in types.compactMap(names.hostObject) where !tables.contains(object.resource) {
                tables.append(object.resource)
            }
        }
        func table(_ resource: TypeID) -> String { "objects\(tables.firstIndex(of: resource)!)" }
        let target = instanceName.map { "the import `\($0)`" } ?? "the world's imported functions"
        out.line("/// Defines \(target) on `linker`, implemented by `host` and its objects.")
        out.block("public static func register(_ host: some \(protocolName), in linker: ComponentModel.ComponentLinker)") { out in
            let receiver = instanceName == nil ? "linker" : "instance"
            if instanceName != nil { out.line("\(bound.isEmpty && resources.isEmpty ? "let" : "var") instance = ComponentModel.HostInstance()") }
            for resource in tables {
                out.line("let \(table(resource)) = linker.resourceObjects(of: \(names.expression(.id(resource))).self, as: (\(names.objectExpression(resource))).self)")
            }
            for resource in resources {
                out.scope("\(receiver).defineResource(\(SwiftNaming.stringLiteral(resourceName(resource)))) { representation in") { out in
                    out.line("try \(table(resource)).release(representation: representation)")
                }
            }
            for signature in bound {
                let parameters = signature.parameters.enumerated().map { "argument\($0.offset): \($0.element.type)" }
                let values = signature.function.params.enumerated().map { index, parameter in
                    names.hostObject(parameter.type).map { "\(table($0.resource)).\($0.owned ? "take" : "object")(argument\(index))" } ?? "argument\(index)"
                }
                // One `try` covers the object lookups, the call and the insertion of its result.
                var call: String
                if signature.isMethod {
                    let rest = Array(signature.parameters.dropFirst())
                    let arguments = zip(rest, values.dropFirst()).map { "\(SwiftNaming.argumentLabel($0.label)): \($1)" }
                    call = "\(values[0]).\(methodNames[signature.function.name]!)(\(arguments.joined(separator: ", ")))"
                } else {
                    call = "host.\(signature.name)(\(signature.arguments(values)))"
                }
                if let result = signature.function.result, let object = names.hostObject(result) {
                    call = "\(table(object.resource)).insert(\(call))"
                }
                out.line("\(receiver).defineTypedFunction(\(SwiftNaming.stringLiteral(signature.function.name))) { (\(parameters.joined(separator: ", "))) throws -> \(signature.result ?? "Swift.Void") in")
                out.line("    try \(call)")
                out.line("}")
            }
            if let instanceName { out.line("linker.defineInstance(\(SwiftNaming.stringLiteral(instanceName)), instance)") }
        }
    }

    /// The host-facing declaration of `signature` as `name`, without its first `dropping`
    /// parameters (a method's `self`): handles of imported resources become objects.
    private func hostDeclaration(_ signature: Signature, named name: String, dropping: Int) -> String {
        func swiftType(_ type: WITType, _ spelled: String) -> String {
            names.hostObject(type).map { names.objectExpression($0.resource) } ?? spelled
        }
        let parameters = zip(signature.function.params, signature.parameters).dropFirst(dropping).map { parameter, swift in
            "\(SwiftNaming.escaped(swift.label)): \(swiftType(parameter.type, swift.type))"
        }
        let result = zip(signature.function.result.map { [$0] } ?? [], signature.result.map { [$0] } ?? []).map { swiftType($0, $1) }.first
        return "func \(name)(\(parameters.joined(separator: ", "))) throws" + (result.map { " -> \($0)" } ?? "")
    }

    /// Writes struct `Exports` with one method per function of `functions`, calling the export
    /// `prefix#name` (or `name` when `prefix` is nil) of an instantiated component, and a
    /// `drop<Resource>` method per resource of `resources` the interface defines.
    mutating func emitExports(_ functions: [Function], resources: [TypeID] = [], prefix: String?,
                              into out: inout SwiftSourceWriter) {
        var skipped: [String] = []
        let dropNames = Set(resources.map(dropName))
        let storage = functions.indices.map { "function\($0)" }
        let bound = signatures(functions, reserved: Set(["resourceTypes", "init", "lookup"] + storage).union(dropNames), skipped: &skipped)
        skippedComments(skipped, &out)
        let target = prefix.map { "the exported interface `\($0)`" } ?? "the world's exported functions"
        out.line("/// Typed calls into \(target) of an instantiated component.")
        out.block("public struct Exports") { out in
            for (index, signature) in bound.enumerated() {
                out.line("private let function\(index): \(typedFunctionType(signature))")
            }
            if !resources.isEmpty { out.line("private let resourceTypes: [ComponentModel.ComponentResourceType]") }
            if !bound.isEmpty || !resources.isEmpty { out.line() }
            out.line("/// Looks the functions\(resources.isEmpty ? "" : " and resource types") up in `instance` and checks their")
            out.line("/// types once; throws when one is missing or has another type.")
            out.block("public init(_ instance: ComponentModel.InstantiatedComponent) throws") { out in
                let qualifier = prefix.map { "\($0)#" } ?? ""
                if !resources.isEmpty, let prefix {
                    let resourceNames = resources.map { SwiftNaming.stringLiteral(resourceName($0)) }
                    out.scope("resourceTypes = try [\(resourceNames.joined(separator: ", "))].map { name in") { out in
                        out.line("guard case .type(.resource(let resource))? = instance.exports.instance(\(SwiftNaming.stringLiteral(prefix)))?[name] else {")
                        out.line("    throw ComponentModel.ComponentLinkError(\"the component exports no resource `\\(name)` in `\(prefix)`\")")
                        out.line("}")
                        out.line("return resource")
                    }
                }
                if bound.isEmpty && resources.isEmpty { out.line("_ = instance") }
                for (index, signature) in bound.enumerated() {
                    let name = SwiftNaming.stringLiteral(qualifier + signature.function.name)
                    out.line("function\(index) = try .init(Self.lookup(\(name), in: instance))")
                }
            }
            if !bound.isEmpty {
                out.line()
                out.line("/// The exported function `name`; throws when the component has none.")
                out.block("private static func lookup(_ name: Swift.String, in instance: ComponentModel.InstantiatedComponent) throws -> ComponentModel.ComponentFunction") { out in
                    out.line("guard let function = instance.function(name) else { throw ComponentModel.ComponentLinkError(\"the component exports no function `\\(name)`\") }")
                    out.line("return function")
                }
            }
            for (index, resource) in resources.enumerated() {
                out.line()
                out.line("/// Drops an owned `\(names.typeNames[resource]!)`: the guest's destructor runs, and using the handle again traps.")
                out.block("public func \(dropName(resource))(_ handle: ComponentModel.OwnedHandle<\(names.expression(.id(resource)))>) throws") { out in
                    out.line("try self.resourceTypes[\(index)].drop(handle.handle)")
                }
            }
            for (index, signature) in bound.enumerated() {
                out.line()
                docs(signature, imported: false, &out)
                out.block("public \(signature.declaration)") { out in
                    out.line("try self.function\(index)(\(signature.parameters.map { SwiftNaming.escaped($0.label) }.joined(separator: ", ")))")
                }
            }
            var objectScope = SwiftNameScope(reserved: ["Exports"])
            for resource in resources {
                out.line()
                emitObject(resource, named: objectScope.claim(SwiftNaming.upperCamelCase(resourceName(resource))),
                           functions: bound.filter { $0.resource == resource }, into: &out)
            }
        }
    }

    /// The checked typed function type that calls `signature`'s export.
    private func typedFunctionType(_ signature: Signature) -> String {
        let types = signature.parameters.map(\.type) + (signature.result.map { [$0] } ?? [])
        let generic = signature.result == nil ? "ComponentModel.TypedProcedure" : "ComponentModel.TypedFunction"
        return types.isEmpty ? "\(generic)<>" : "\(generic)<\(types.joined(separator: ", "))>"
    }

    /// Writes the object-style face of exported resource `resource` inside `Exports`: a struct
    /// holding an owned handle and the exports, with the resource's methods as its methods
    /// (the borrow of `self` taken implicitly), its constructor as an initializer (a fallible
    /// one as static `make`), its static functions as static functions, and `drop()`. Results
    /// that are owned handles of the same resource come back as objects.
    private func emitObject(_ resource: TypeID, named name: String, functions: [Signature],
                            into out: inout SwiftSourceWriter) {
        let marker = names.expression(.id(resource))
        let witName = resourceName(resource)
        out.line("/// An owned `\(witName)` with its methods; each method borrows it implicitly.")
        out.block("public struct \(name)") { out in
            out.line("/// The owned handle.")
            out.line("public let handle: ComponentModel.OwnedHandle<\(marker)>")
            out.line("/// The exports that implement the methods.")
            out.line("public let exports: Exports")
            out.line()
            out.line("/// The object for `handle`, whose functions `exports` calls.")
            out.block("public init(handle: ComponentModel.OwnedHandle<\(marker)>, exports: Exports)") { out in
                out.line("self.handle = handle")
                out.line("self.exports = exports")
            }
            var scope = SwiftNameScope(reserved: ["handle", "exports", "drop", "init"])
            for signature in functions {
                out.line()
                docs(signature, imported: false, &out)
                let ownsSelf = signature.function.result.map { returnsOwned(resource, $0) } ?? false
                let result = ownsSelf ? "Self" : signature.result
                let suffix = " throws" + (result.map { " -> \($0)" } ?? "")
                var parameterNames = SwiftNameScope(reserved: Set(signature.parameters.map(\.label)))
                let exportsName = parameterNames.claim("exports")
                // Constructors and static functions take the exports first and pass everything on.
                let staticParameters = (["_ \(exportsName): Exports"] + signature.parameters.map { "\(SwiftNaming.escaped($0.label)): \($0.type)" })
                    .joined(separator: ", ")
                let staticCall = "try \(exportsName).\(signature.name)(\(signature.arguments(signature.parameters.map { SwiftNaming.escaped($0.label) })))"
                switch signature.function.kind {
                case .constructor where ownsSelf:
                    out.block("public init(\(staticParameters)) throws") { out in
                        out.line("self.init(handle: \(staticCall), exports: \(exportsName))")
                    }
                case .method, .asyncMethod:
                    let rest = Array(signature.parameters.dropFirst())
                    let list = rest.map { "\(SwiftNaming.escaped($0.label)): \($0.type)" }.joined(separator: ", ")
                    let method = SwiftNaming.escaped(scope.claim(SwiftNaming.lowerCamelCase(signature.function.itemName)))
                    out.block("public func \(method)(\(list))\(suffix)") { out in
                        let values = ["ComponentModel.BorrowedHandle(self.handle)"] + rest.map { SwiftNaming.escaped($0.label) }
                        let call = "try self.exports.\(signature.name)(\(signature.arguments(values)))"
                        out.line(ownsSelf ? "Self(handle: \(call), exports: self.exports)" : call)
                    }
                default:
                    // Static functions, and fallible constructors (`constructor() -> result<r, e>`) as `make`.
                    let base = signature.function.kind == .constructor(resource) ? "make" : signature.function.itemName
                    let function = SwiftNaming.escaped(scope.claim(SwiftNaming.lowerCamelCase(base)))
                    out.block("public static func \(function)(\(staticParameters))\(suffix)") { out in
                        out.line(ownsSelf ? "Self(handle: \(staticCall), exports: \(exportsName))" : staticCall)
                    }
                }
            }
            out.line()
            out.line("/// Drops the handle: the guest's destructor runs, and using the object again traps.")
            out.block("public func drop() throws") { out in
                out.line("try self.exports.\(dropName(resource))(self.handle)")
            }
        }
    }

    /// Whether `type` is an owned handle of `resource` (so a call returning it returns an object).
    private func returnsOwned(_ resource: TypeID, _ type: WITType) -> Bool {
        guard case .id(let id) = type else { return false }
        switch names.resolve[type: id].kind {
        case .handle(.own(let target)): return names.resource(target) == resource
        case .type(let alias): return returnsOwned(resource, alias)
        default: return false
        }
    }
}
