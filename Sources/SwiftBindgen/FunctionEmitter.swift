import WIT

/// Writes the function side of the bindings: a `Host` protocol and `register` function per
/// imported interface (or the world's imported functions), and an `Exports` wrapper per
/// exported interface (or the world's exported functions) that calls the instance with typed
/// arguments and results.
struct FunctionEmitter {
    let names: SwiftTypeNames
    var layout: WITLayout

    /// A function's Swift shape.
    private struct Signature {
        let function: Function
        let name: String
        let parameters: [(label: String, type: String)]
        let result: String?

        var declaration: String {
            let list = parameters.map { "\($0.label): \($0.type)" }.joined(separator: ", ")
            return "func \(name)(\(list)) throws" + (result.map { " -> \($0)" } ?? "")
        }
    }

    /// The functions that can be bound, with their Swift names; the others are reported as
    /// comments (resource methods, async functions, unsupported types).
    private mutating func signatures(_ functions: [Function], reserved: Set<String>,
                                     skipped: inout [String]) -> [Signature] {
        var scope = SwiftNameScope(reserved: reserved)
        var result: [Signature] = []
        for function in functions {
            let types = function.params.map(\.type) + (function.result.map { [$0] } ?? [])
            guard function.kind == .freestanding, types.allSatisfy({ layout.isSupported($0) }) else {
                skipped.append(function.name)
                continue
            }
            var parameterScope = SwiftNameScope()
            result.append(Signature(
                function: function,
                name: SwiftNaming.escaped(scope.claim(SwiftNaming.lowerCamelCase(function.name))),
                parameters: function.params.map { (SwiftNaming.escaped(parameterScope.claim(SwiftNaming.lowerCamelCase($0.name))), names.expression($0.type)) },
                result: function.result.map { names.expression($0) }))
        }
        return result
    }

    private func skippedComments(_ skipped: [String], _ out: inout SwiftSourceWriter) {
        for name in skipped {
            out.line("// `\(name)` is not generated: SwiftBindgen does not bind resource functions, async functions or resource, future, stream and error-context types yet.")
        }
    }

    /// Writes protocol `protocolName` for `functions` and a `register` function that defines
    /// them on a linker, as instance `instanceName` or, when it is nil, as top-level functions.
    mutating func emitImports(_ functions: [Function], protocolName: String, instanceName: String?,
                              into out: inout SwiftSourceWriter) {
        var skipped: [String] = []
        let bound = signatures(functions, reserved: [], skipped: &skipped)
        skippedComments(skipped, &out)
        out.line("/// Implemented by the host; `register(_:in:)` makes it satisfy the component's import.")
        out.block("public protocol \(protocolName)") { out in
            for signature in bound {
                out.docs(signature.function.docs.contents)
                out.line(signature.declaration)
            }
        }
        out.line()
        let target = instanceName.map { "the import `\($0)`" } ?? "the world's imported functions"
        out.line("/// Defines \(target) on `linker`, implemented by `host`.")
        out.block("public static func register(_ host: some \(protocolName), in linker: ComponentModel.ComponentLinker)") { out in
            let receiver = instanceName == nil ? "linker" : "instance"
            if instanceName != nil { out.line("\(bound.isEmpty ? "let" : "var") instance = ComponentModel.HostInstance()") }
            for signature in bound {
                let parameters = signature.parameters.enumerated().map { "argument\($0.offset): \($0.element.type)" }
                let arguments = signature.parameters.enumerated().map { "\($0.element.label): argument\($0.offset)" }
                out.line("\(receiver).defineTypedFunction(\(SwiftNaming.stringLiteral(signature.function.name))) { (\(parameters.joined(separator: ", "))) throws -> \(signature.result ?? "Swift.Void") in")
                out.line("    try host.\(signature.name)(\(arguments.joined(separator: ", ")))")
                out.line("}")
            }
            if let instanceName { out.line("linker.defineInstance(\(SwiftNaming.stringLiteral(instanceName)), instance)") }
        }
    }

    /// Writes struct `Exports` with one method per function of `functions`, calling the export
    /// `prefix#name` (or `name` when `prefix` is nil) of an instantiated component.
    mutating func emitExports(_ functions: [Function], prefix: String?, into out: inout SwiftSourceWriter) {
        var skipped: [String] = []
        let bound = signatures(functions, reserved: ["functions", "init"], skipped: &skipped)
        skippedComments(skipped, &out)
        let target = prefix.map { "the exported interface `\($0)`" } ?? "the world's exported functions"
        out.line("/// Typed calls into \(target) of an instantiated component.")
        out.block("public struct Exports") { out in
            out.line("private let functions: [ComponentModel.ComponentFunction]")
            out.line()
            out.line("/// Looks the functions up in `instance`; throws when one is missing.")
            out.block("public init(_ instance: ComponentModel.InstantiatedComponent) throws") { out in
                let qualifier = prefix.map { "\($0)#" } ?? ""
                let exportNames = bound.map { SwiftNaming.stringLiteral(qualifier + $0.function.name) }
                if exportNames.isEmpty {
                    out.line("_ = instance")
                    out.line("functions = []")
                    return
                }
                out.scope("functions = try [\(exportNames.joined(separator: ", "))].map { name in") { out in
                    out.line("guard let function = instance.function(name) else { throw ComponentModel.ComponentLinkError(\"the component exports no function `\\(name)`\") }")
                    out.line("return function")
                }
            }
            for (index, signature) in bound.enumerated() {
                out.line()
                out.docs(signature.function.docs.contents)
                out.block("public \(signature.declaration)") { out in
                    let arguments = signature.parameters.map { "\($0.label), " }.joined()
                    if let result = signature.result {
                        out.line("try self.functions[\(index)].invoke(\(arguments)returning: \(result).self)")
                    } else {
                        out.line("try self.functions[\(index)].invoke(\(signature.parameters.map(\.label).joined(separator: ", ")))")
                    }
                }
            }
        }
    }
}
