import ArgumentParser
import FoundationEssentials
import WASI
import WAVE
import WasmCore
import WasmRuntime

/// `wcomp run`: instantiates a core module and calls one of its functions.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a WebAssembly module.",
        discussion: """
            Instantiates the module and calls the function named by --invoke, written as a WAVE \
            call: --invoke 'add(1, 2)'. Export names that are not kebab-case labels can be \
            quoted: --invoke '"add_numbers"(1, 2)'. Without --invoke, the module's `_start` \
            export is called when there is one. Results are printed in WAVE; a trap prints its \
            message and the guest backtrace to standard error and exits with status 1.

            Modules importing wasi_snapshot_preview1 (WASI preview1) get the arguments after \
            FILE (the guest's argv[0] is FILE), the host's stdin, stdout and stderr, the clocks \
            and random bytes — and nothing else unless granted: directories with --dir \
            (read-write) or --dir-ro (read-only), environment variables with --env. The guest's \
            exit code (proc_exit) becomes wcomp's. A reactor's _initialize runs before --invoke. \
            Other imports are not supported.

            Components are recognized by their preamble. Their WASI 0.2 imports (wasi:io, \
            wasi:clocks, wasi:random, wasi:cli, wasi:filesystem, wasi:sockets TCP, UDP and name \
            lookup, wasi:http) are served with the same capabilities as preview1's, plus the \
            network: -S inherit-network (sockets anywhere), -S http (outgoing wasi:http requests \
            anywhere), --allow-net HOST[:PORT] (both, to that host) and -S allow-ip-name-lookup; \
            other imports are refused, naming them. Without \
            --invoke a wasi:cli/command runs (wasi:cli/run#run: ok exits 0, err exits 1, \
            wasi:cli/exit sets the code). --invoke reads the arguments against the export's \
            parameter types, e.g. --invoke 'greet("world")', and names functions of exported \
            interfaces as "iface#f", quoted.
            """
    )

    @Option(help: ArgumentHelp("The function to call, with its arguments, in WAVE syntax.", valueName: "call"))
    var invoke: String?

    @Option(help: ArgumentHelp("Stop the guest with a trap after this many units of fuel.", valueName: "units"))
    var fuel: UInt64?

    @Option(help: ArgumentHelp("Stop the guest with a trap after this long (e.g. 500ms, 2s).", valueName: "duration"))
    var timeout: TimeLimit?

    @Option(name: .customShort("W"),
            help: ArgumentHelp("Runtime settings: max-memory-size=BYTES.", valueName: "key=value"))
    var settings: [String] = []

    @OptionGroup(title: "WASI capabilities")
    var wasi: WASIOptions

    @Argument(help: "The .wasm module or component to run.")
    var file: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the guest (WASI modules).")
    var arguments: [String] = []

    func run() throws {
        let options = try RuntimeOptions(parsing: settings)
        let call = try invoke.map { text throws(CLIError) in
            do { return try WAVECall(parsing: text) } catch { throw CLIError("invalid --invoke '\(text)': \(error)") }
        }
        var configuration = StoreConfiguration()
        if let bytes = options.maxMemoryBytes { configuration.maxMemoryPages = bytes / 65536 }
        let store = Store(configuration: configuration)
        store.fuel = fuel
        if let timeout { store.deadline = ContinuousClock.now.advanced(by: timeout.duration) }

        let bytes = try ModuleFile.read(file)
        if ComponentInvocation.isComponent(bytes) {
            try ComponentInvocation(file: file, bytes: bytes, call: call, wasi: wasi, arguments: arguments,
                                    limits: ResourceLimits(fuel: fuel, deadlinePerCall: timeout?.duration)).run(store: store)
            return
        }
        let module = try ModuleFile.load(bytes, path: file)
        let usesWASI = WASIOptions.isNeeded(by: module)
        try Self.requireNoImports(module, file: file, except: usesWASI ? WASIHost.preview1Module : nil)
        let host = usesWASI
            ? try wasi.makeHost(program: file, arguments: arguments, limits: ResourceLimits(fuel: fuel, deadlinePerCall: timeout?.duration))
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
