import ArgumentParser

/// The command-line options of the WASI capabilities `wcomp run` and `wcomp serve` grant a
/// guest (see `WASICapabilities`).
struct WASIOptions: ParsableArguments {
    @Option(name: .customLong("dir"),
            help: ArgumentHelp("Give the guest a host directory, read-write, under the name GUEST (default: HOST).",
                               valueName: "HOST[::GUEST]"))
    var readWriteDirectories: [String] = []

    @Option(name: .customLong("dir-ro"),
            help: ArgumentHelp("Give the guest a host directory, read-only, under the name GUEST (default: HOST).",
                               valueName: "HOST[::GUEST]"))
    var readOnlyDirectories: [String] = []

    @Option(name: .customLong("tcplisten"),
            help: ArgumentHelp("Listen on a TCP socket the guest accepts connections on (descriptors after the directories).",
                               valueName: "ADDRESS:PORT"))
    var listeners: [String] = []

    @Option(name: .customShort("S"),
            help: ArgumentHelp("WASI settings: inherit-network (sockets: connections and datagrams anywhere), allow-ip-name-lookup, http (outgoing wasi:http requests anywhere; a grant of its own, sockets stay closed).",
                               valueName: "setting"))
    var settings: [String] = []

    @Option(name: .customLong("allow-net"),
            help: ArgumentHelp("Allow outbound connections (sockets and wasi:http requests) to HOST, a name, *.name, an address or ADDRESS/PREFIX, on PORT or LOW-HIGH (default: any port).",
                               valueName: "HOST[:PORT]"))
    var outbound: [String] = []

    @Option(name: .customLong("env"),
            help: ArgumentHelp("Set an environment variable for the guest; NAME alone passes the host's value.",
                               valueName: "NAME[=VALUE]"))
    var environment: [String] = []

    /// The capabilities as plain values.
    var capabilities: WASICapabilities {
        WASICapabilities(readWriteDirectories: readWriteDirectories, readOnlyDirectories: readOnlyDirectories,
                         listeners: listeners, settings: settings, outbound: outbound, environment: environment)
    }
}
