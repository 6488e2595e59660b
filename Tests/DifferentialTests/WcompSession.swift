import ComponentModel
import Foundation
import WAVE

/// Runs the lines of a calls file on wcomp, the way `run_wasmtime.py` runs them on wasmtime:
/// WAVE arguments read against the export's parameter types, results kept by name, a fresh
/// instance after every trap.
final class WcompSession {
    let component: LoadedComponent
    private var linker = ComponentLinker()
    private var instance: InstantiatedComponent
    private var bindings: [String: ComponentValue] = [:]

    init(bytes: [UInt8]) throws {
        component = try LoadedComponent(bytes: bytes)
        instance = try linker.instantiate(component)
    }

    /// The arena the component's types refer to.
    var types: TypeArena { component.validated.types }

    /// The result type of the export a call line names.
    func resultType(of line: CallScriptLine) throws -> ResolvedValueType? {
        guard case .call(_, let text) = line else { return nil }
        let call = try WAVECall(parsing: Self.markingReferences(text))
        return component.exportedFunctionType(call.name)?.result
    }

    /// Runs one line. Runtime errors (traps, refused calls) are outcomes; a line the harness
    /// cannot read (bad WAVE, an unknown handle name) is thrown, so it cannot pass for a trap.
    func run(_ line: CallScriptLine) throws -> CallOutcome {
        switch line {
        case .drop(let name):
            guard case .resource(let handle) = try handle(named: name) else { throw HarnessError("\(name) is not a handle") }
            do {
                try linker.drop(handle)
                return .unit
            } catch {
                restart()
                return .trap("\(error)")
            }
        case .call(let binding, let text):
            let call = try WAVECall(parsing: Self.markingReferences(text))
            guard let type = component.exportedFunctionType(call.name), let function = instance.function(call.name) else {
                throw HarnessError("no export named \(call.name)")
            }
            let arguments = try self.arguments(call, type)
            do {
                guard let result = try function.call(arguments).first else { return .unit }
                if case .resource = result {
                    if let binding { bindings[binding] = result }
                    return .resource
                }
                return .value(result)
            } catch {
                restart()
                return .trap("\(error)")
            }
        }
    }

    private func handle(named name: String) throws -> ComponentValue {
        guard let handle = bindings[name] else { throw HarnessError("no handle named \(name)") }
        return handle
    }

    /// The arguments of `call`: kept handles where `$name` is written, WAVE read against the
    /// parameter type otherwise. Calls files write every argument.
    private func arguments(_ call: WAVECall, _ type: ResolvedFunctionType) throws -> [ComponentValue] {
        guard call.arguments.count == type.parameters.count else {
            throw HarnessError("\(call.name) takes \(type.parameters.count) arguments")
        }
        let decoder = WAVEDecoder(types: types)
        var values: [ComponentValue] = []
        for (node, parameter) in zip(call.arguments, type.parameters) {
            if case .label(let label, nil) = node.kind, label.name.hasPrefix(Self.referencePrefix) {
                values.append(try handle(named: String(label.name.dropFirst(Self.referencePrefix.count))))
            } else {
                values.append(try decoder.value(node, as: parameter.type))
            }
        }
        return values
    }

    private func restart() {
        linker = ComponentLinker()
        if let fresh = try? linker.instantiate(component) { instance = fresh }
        bindings = [:]
    }

    /// `$name` is not WAVE; it is rewritten to a label that `arguments` recognizes (calls files
    /// use `$` for nothing else).
    private static let referencePrefix = "wcomp-ref-"

    private static func markingReferences(_ text: String) -> String {
        text.replacingOccurrences(of: "$", with: "%" + referencePrefix)
    }
}

/// A calls-file line the harness cannot run.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
