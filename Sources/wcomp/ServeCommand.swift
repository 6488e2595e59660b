import ArgumentParser
import ComponentModel
import Dispatch
import FoundationEssentials
import WASI
import WasmRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `wcomp serve`: serves a `wasi:http/proxy` component over HTTP/1.1, an instance per request.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a wasi:http/proxy component over HTTP.",
        discussion: """
            The component must export wasi:http/incoming-handler. It is loaded and validated \
            once; every request gets a fresh instance, on one of --workers threads, with the \
            WASI capabilities given here (stdout and stderr are the server's, clocks and random \
            bytes are granted; directories and environment variables only with --dir, --dir-ro, \
            --env). Request and response bodies are streamed. --fuel and --timeout limit each \
            request. SIGINT or SIGTERM stops accepting connections and exits once the requests \
            in progress are answered.
            """
    )

    @Option(help: ArgumentHelp("The address and port to listen on (a numeric address).", valueName: "address:port"))
    var addr = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("Threads serving requests concurrently.", valueName: "count"))
    var workers = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)

    @Option(help: ArgumentHelp(
        "Keep up to this many idle instances and reuse them for later requests (state in guest memory then carries over); 0: a fresh instance per request.",
        valueName: "count"))
    var pool = 0

    @Option(help: ArgumentHelp("Stop a request's guest with a trap after this many units of fuel.", valueName: "units"))
    var fuel: UInt64?

    @Option(help: ArgumentHelp("Stop a request's guest with a trap after this long (e.g. 500ms, 2s).", valueName: "duration"))
    var timeout: TimeLimit?

    @Option(name: .customShort("W"),
            help: ArgumentHelp("Runtime settings: max-memory-size=BYTES.", valueName: "key=value"))
    var settings: [String] = []

    @OptionGroup(title: "WASI capabilities")
    var wasi: WASIOptions

    @Argument(help: "The component to serve.")
    var file: String

    func run() throws {
        let options = try RuntimeOptions(parsing: settings)
        guard let listen = ListenerGrant(parsing: addr) else {
            throw CLIError("--addr expects ADDRESS:PORT with a numeric address, got '\(addr)'")
        }
        let component: LoadedComponent
        do {
            component = try LoadedComponent(bytes: try ModuleFile.read(file))
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(file): \(error)")
        }
        var configuration = StoreConfiguration()
        if let bytes = options.maxMemoryBytes { configuration.maxMemoryPages = bytes / 65536 }
        let grants = try wasi.capabilities.makeGrants(program: file, arguments: [],
                                         limits: ResourceLimits(fuel: fuel, deadlinePerCall: timeout?.duration))
        let server: WASIHTTPServer
        do {
            server = try WASIHTTPServer(component: component, grants: GrantSet(grants), listen: listen,
                                        workers: workers, storeConfiguration: configuration,
                                        reuse: pool > 0 ? .pool(size: pool) : .perRequest)
        } catch {
            throw CLIError("\(file): \(error.message)")
        }
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.shutdown() }
            source.resume()
            return source
        }
        StandardError.write("serving \(file) on http://\(addr)/ (port \(server.port))\n")
        do {
            try server.run()
        } catch {
            throw CLIError(error.message)
        }
        signals.forEach { $0.cancel() }
    }
}
