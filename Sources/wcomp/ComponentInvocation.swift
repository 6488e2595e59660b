import ArgumentParser
import ComponentModel
import FoundationEssentials
import WASI
import WAVE
import WasmRuntime

/// `wcomp run` for components: instantiates the component with the WASI 0.2 host for the WASI
/// interfaces it imports, then either runs it as a `wasi:cli/command` (no --invoke: calls
/// `wasi:cli/run#run`, whose outcome or `wasi:cli/exit` code becomes wcomp's exit status) or
/// reads the --invoke WAVE call against the export's parameter types, calls it and prints the
/// result in WAVE.
struct ComponentInvocation {
    /// The path of the component, for messages.
    var file: String
    /// The component's binary.
    var bytes: [UInt8]
    /// The parsed `--invoke` call.
    var call: WAVECall?
    /// The capabilities granted to the WASI imports.
    var wasi: WASICapabilities
    /// The guest's arguments after FILE.
    var arguments: [String]
    /// Fuel and deadline for each call into the guest.
    var limits: ResourceLimits

    /// Whether `binary` starts with the preamble of a component (`\0asm`, then a version and
    /// layer 1) rather than a core module (layer 0).
    static func isComponent(_ binary: [UInt8]) -> Bool {
        binary.count >= 8 && binary[0..<4].elementsEqual([0x00, 0x61, 0x73, 0x6D])
            && binary[6] == 0x01 && binary[7] == 0x00
    }

    /// Loads, instantiates and runs or calls; prints the result. Traps are reported on standard
    /// error (with the guest backtrace) and end the process with status 1.
    func run(store: Store) throws {
        let component: LoadedComponent
        do {
            component = try LoadedComponent(bytes: bytes)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(file): \(error)")
        }
        try requireNoImports(component)
        let linker = ComponentLinker(store: store)
        let host = try makeWASIHost(for: component, linker: linker)
        do {
            if let call {
                let (function, arguments) = try resolve(call, in: component, instantiate: { try linker.instantiate(component) })
                let results = try host?.call(function, arguments) ?? function.call(arguments)
                if let result = results.first { print(WAVEPrinter.string(result)) }
            } else {
                guard let host, WASIComponentHost.isCommand(component) else {
                    throw CLIError("\(file) is not a wasi:cli/command: name the function to call with --invoke, e.g. --invoke '\(exampleCall(component))'")
                }
                let code = try host.runCommand(try linker.instantiate(component))
                if code != 0 { throw ExitCode(Int32(bitPattern: code)) }
            }
        } catch let exit as WASIExit {
            throw ExitCode(Int32(bitPattern: exit.code))
        } catch let trap as ComponentTrap {
            StandardError.write("error: wasm trap: \(trap.message)\n")
            throw ExitCode.failure
        } catch let trap as Trap {
            RunRequest.report(trap)
            throw ExitCode.failure
        } catch let error as ComponentLinkError {
            throw CLIError("\(file): \(error.message)")
        } catch let error as RuntimeError {
            throw CLIError("\(file): \(error.message)")
        } catch let error as WASIHostError {
            throw CLIError("\(file): \(error.message)")
        }
    }

    /// The WASI 0.2 host, defined in `linker`, when the component imports WASI interfaces.
    private func makeWASIHost(for component: LoadedComponent, linker: ComponentLinker) throws(CLIError) -> WASIComponentHost? {
        guard component.imports.contains(where: { WASIComponentHost.implements($0.name) }) else { return nil }
        let host = WASIComponentHost(host: try wasi.makeHost(program: file, arguments: arguments, limits: limits), store: linker.store)
        host.define(in: linker, for: component)
        return host
    }

    /// The exported function `call` names and its arguments read against its parameter types;
    /// instantiates only once the call is known to be well-formed.
    private func resolve(_ call: WAVECall, in component: LoadedComponent,
                         instantiate: () throws -> InstantiatedComponent) throws -> (ComponentFunction, [ComponentValue]) {
        guard let type = component.exportedFunctionType(call.name) else {
            throw CLIError("no exported function '\(call.name)' (\(availableFunctions(component)))")
        }
        let arguments: [ComponentValue]
        do {
            arguments = try WAVEDecoder(types: component.validated.types).arguments(of: call, for: type)
        } catch {
            throw CLIError("invalid --invoke '\(call.source)': \(error)")
        }
        guard let function = try instantiate().function(call.name) else {
            throw CLIError("no exported function '\(call.name)' (\(availableFunctions(component)))")
        }
        return (function, arguments)
    }

    /// Imports other than the WASI interfaces the host implements cannot be provided.
    private func requireNoImports(_ component: LoadedComponent) throws(CLIError) {
        let unsupported = component.imports.filter { !WASIComponentHost.implements($0.name) }
        guard !unsupported.isEmpty else { return }
        let names = unsupported.map { "\($0.name) (\(Self.kind(of: $0.type)))" }
        throw CLIError("\(file) imports \(names.joined(separator: ", ")); wcomp run provides only the WASI 0.2 interfaces (\(WASIComponentHost.interfaceNames.joined(separator: ", ")))")
    }

    private static func kind(of entity: EntityType) -> String {
        switch entity {
        case .coreModule: "core module"
        case .function: "function"
        case .value: "value"
        case .type: "type"
        case .instance: "instance"
        case .component: "component"
        }
    }

    /// The callable exports: root functions, and `iface#f` for functions of exported instances.
    private func functionNames(_ component: LoadedComponent) -> [String] {
        component.exports.flatMap { export -> [String] in
            switch export.type {
            case .function: return [export.name]
            case .instance(let id):
                guard case .instance(let instance) = component.validated.types[id] else { return [] }
                return instance.exports.compactMap { member in
                    if case .function = member.type { "\(export.name)#\(member.name)" } else { nil }
                }
            default: return []
            }
        }
    }

    private func availableFunctions(_ component: LoadedComponent) -> String {
        let names = functionNames(component)
        return names.isEmpty ? "it exports no functions" : "exported functions: \(names.map { "'\($0)'" }.joined(separator: ", "))"
    }

    private func exampleCall(_ component: LoadedComponent) -> String {
        guard let name = functionNames(component).first else { return "name(args)" }
        return WAVELexer.isValidLabel(name) ? "\(name)(…)" : "\"\(name)\"(…)"
    }
}
