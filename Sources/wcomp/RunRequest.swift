import ArgumentParser
import FoundationEssentials
import WASI
import WAVE
import WasmCore
import WasmRuntime

/// A `wcomp run` command line as plain values (from `RunCommand`, or read directly by
/// `RunCommandLine`), and running it.
struct RunRequest: Equatable {
    /// `--invoke`: the function to call with its arguments, in WAVE.
    var invoke: String?
    /// `--fuel`: the fuel of each call into the guest.
    var fuel: UInt64?
    /// `--timeout`: the deadline of each call into the guest.
    var timeout: Duration?
    /// `-W key=value`: runtime settings.
    var settings: [String] = []
    /// The WASI capabilities granted.
    var capabilities = WASICapabilities()
    /// The module or component.
    var file: String
    /// The guest's arguments after FILE.
    var arguments: [String] = []

    /// Loads FILE and runs it: the `--invoke` call, a WASI command's `_start` or `wasi:cli/run`,
    /// or a plain module's `_start`. Traps are reported on standard error with the guest
    /// backtrace and end the process with status 1; a WASI exit code becomes the process's.
    func run() throws {
        let options = try RuntimeOptions(parsing: settings)
        let call = try invoke.map { text throws(CLIError) in
            do { return try WAVECall(parsing: text) } catch { throw CLIError("invalid --invoke '\(text)': \(error)") }
        }
        var configuration = StoreConfiguration()
        if let bytes = options.maxMemoryBytes { configuration.maxMemoryPages = bytes / 65536 }
        let store = Store(configuration: configuration)
        store.fuel = fuel
        if let timeout { store.deadline = ContinuousClock.now.advanced(by: timeout) }

        let bytes = try ModuleFile.read(file)
        if ComponentInvocation.isComponent(bytes) {
            try ComponentInvocation(file: file, bytes: bytes, call: call, wasi: capabilities, arguments: arguments,
                                    limits: ResourceLimits(fuel: fuel, deadlinePerCall: timeout)).run(store: store)
            return
        }
        let module = try ModuleFile.load(bytes, path: file)
        let usesWASI = WASICapabilities.isNeeded(by: module)
        try Self.requireNoImports(module, file: file, except: usesWASI ? WASIHost.preview1Module : nil)
        let host = usesWASI
            ? try capabilities.makeHost(program: file, arguments: arguments, limits: ResourceLimits(fuel: fuel, deadlinePerCall: timeout))
            : nil

        do {
            let instance = try host?.instantiate(module, in: store, name: file) ?? store.instantiate(module: module, name: file)
            if let call {
                try host?.initialize(instance, in: store)
                let results = try Self.perform(call, on: instance) { function, arguments in
                    try host?.call(function, arguments, in: store) ?? function.call(arguments)
                }
                if !results.isEmpty { print(Self.format(results)) }
            } else if let host {
                let code = try host.runCommand(instance, in: store)
                if code != 0 { throw ExitCode(Int32(bitPattern: code)) }
            } else if let start = instance.function("_start") {
                _ = try start.call([])
            }
        } catch let exit as WASIExit {
            throw ExitCode(Int32(bitPattern: exit.code))
        } catch let trap as Trap {
            Self.report(trap)
            throw ExitCode.failure
        } catch let error as RuntimeError {
            throw CLIError(error.message)
        }
    }

    /// Fails when the module imports anything but functions of `provided`.
    private static func requireNoImports(_ module: Module, file: String, except provided: String?) throws(CLIError) {
        let unsupported = module.imports.filter { entry in
            guard entry.module == provided, case .function = entry.descriptor else { return true }
            return false
        }
        guard !unsupported.isEmpty else { return }
        let names = unsupported.map { entry in
            let kind = switch entry.descriptor {
            case .function: "function"
            case .table: "table"
            case .memory: "memory"
            case .global: "global"
            case .tag: "tag"
            }
            return "\(entry.module).\(entry.name) (\(kind))"
        }
        throw CLIError("\(file) imports \(names.joined(separator: ", ")); wcomp run cannot provide imports yet")
    }

    /// Finds the function, converts the arguments to its parameter types and calls it with `invoke`.
    private static func perform(_ call: WAVECall, on instance: Instance,
                                invoke: (Function, [Value]) throws -> [Value]) throws -> [Value] {
        guard let function = instance.function(call.name) else {
            let functions = instance.exports.compactMap { export -> String? in
                if case .function = export.value { "'\(export.name)'" } else { nil }
            }
            let available = functions.isEmpty ? "it exports no functions" : "exported functions: \(functions.joined(separator: ", "))"
            throw CLIError("no exported function '\(call.name)' (\(available))")
        }
        let type = function.type
        guard (type.parameters + type.results).allSatisfy(CoreValueConversion.isSupported) else {
            throw CLIError("'\(call.name)' has type \(type); only i32, i64, f32 and f64 can be passed and printed")
        }
        guard call.arguments.count == type.parameters.count else {
            throw CLIError("'\(call.name)' takes \(type.parameters.count) argument(s) \(type), got \(call.arguments.count)")
        }
        var arguments: [Value] = []
        for (index, (argument, parameterType)) in zip(call.arguments, type.parameters).enumerated() {
            do {
                arguments.append(try CoreValueConversion.value(argument, as: parameterType))
            } catch {
                throw CLIError("argument \(index + 1) of '\(call.name)' (\(parameterType)): \(error)")
            }
        }
        return try invoke(function, arguments)
    }

    /// A single result alone, several as a WAVE tuple.
    private static func format(_ results: [Value]) -> String {
        let values = results.compactMap(CoreValueConversion.componentValue)
        return WAVEPrinter.string(values.count == 1 ? values[0] : .tuple(values))
    }

    /// Writes a trap and the guest backtrace to standard error.
    static func report(_ trap: Trap) {
        var text = "error: wasm trap: \(trap.reason)\n"
        if !trap.backtrace.isEmpty {
            text += "wasm backtrace:\n"
            for (depth, frame) in trap.backtrace.enumerated() {
                let name = frame.name.map { "\($0) (function \(frame.functionIndex))" } ?? "function \(frame.functionIndex)"
                text += "  \(depth): \(name)\n"
            }
        }
        StandardError.write(text)
    }
}
