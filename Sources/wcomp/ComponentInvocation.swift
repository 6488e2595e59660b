import ArgumentParser
import ComponentModel
import Foundation
import WAVE
import WasmRuntime

/// `wcomp run --invoke` for components: instantiates the component without imports, reads the
/// WAVE call against the export's parameter types, calls it and prints the result in WAVE.
struct ComponentInvocation {
    /// The path of the component, for messages.
    var file: String
    /// The parsed `--invoke` call.
    var call: WAVECall?

    /// Whether the file at `path` starts with the preamble of a component (`\0asm`, then a
    /// version and layer 1) rather than a core module (layer 0). Unreadable files are left to
    /// the core module path, which reports them.
    static func isComponent(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 8), header.count == 8 else { return false }
        return isComponent(preamble: [UInt8](header))
    }

    /// Whether `preamble` (the first 8 bytes of a binary) announces a component.
    static func isComponent(preamble: [UInt8]) -> Bool {
        preamble.count >= 8 && preamble[0..<4].elementsEqual([0x00, 0x61, 0x73, 0x6D])
            && preamble[6] == 0x01 && preamble[7] == 0x00
    }

    /// Loads, instantiates and calls; prints the result. Traps are reported on standard error
    /// and end the process with status 1.
    func run(store: Store) throws {
        let component: LoadedComponent
        do {
            component = try LoadedComponent(bytes: try ModuleFile.read(file))
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(file): \(error)")
        }
        try requireNoImports(component)
        guard let call else {
            throw CLIError("\(file) is a component: name the function to call with --invoke, e.g. --invoke '\(exampleCall(component))'")
        }
        guard let type = component.exportedFunctionType(call.name) else {
            throw CLIError("no exported function '\(call.name)' (\(availableFunctions(component)))")
        }
        let arguments: [ComponentValue]
        do {
            arguments = try WAVEDecoder(types: component.validated.types).arguments(of: call, for: type)
        } catch {
            throw CLIError("invalid --invoke '\(call.source)': \(error)")
        }
        do {
            let instance = try ComponentLinker(store: store).instantiate(component)
            guard let function = instance.function(call.name) else {
                throw CLIError("no exported function '\(call.name)' (\(availableFunctions(component)))")
            }
            if let result = try function.call(arguments).first {
                print(WAVEPrinter.string(result))
            }
        } catch let trap as ComponentTrap {
            FileHandle.standardError.write(Data("error: wasm trap: \(trap.message)\n".utf8))
            throw ExitCode.failure
        } catch let trap as Trap {
            RunCommand.report(trap)
            throw ExitCode.failure
        } catch let error as ComponentLinkError {
            throw CLIError("\(file): \(error.message)")
        } catch let error as RuntimeError {
            throw CLIError("\(file): \(error.message)")
        }
    }

    /// Components that import anything cannot run yet: WASI and user imports come with the
    /// component linker's host definitions.
    private func requireNoImports(_ component: LoadedComponent) throws(CLIError) {
        guard !component.imports.isEmpty else { return }
        let names = component.imports.map { "\($0.name) (\(Self.kind(of: $0.type)))" }
        throw CLIError("\(file) imports \(names.joined(separator: ", ")); wcomp run cannot provide component imports yet")
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
