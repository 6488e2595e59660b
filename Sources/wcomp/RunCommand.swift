import ArgumentParser

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

    /// What to run, as plain values.
    var request: RunRequest {
        RunRequest(invoke: invoke, fuel: fuel, timeout: timeout?.duration, settings: settings,
                   capabilities: wasi.capabilities, file: file, arguments: arguments)
    }

    func run() throws {
        try request.run()
    }
}
