/// The `-W key=value[,key=value…]` runtime settings of `wcomp run` (the wasmtime spelling).
struct RuntimeOptions {
    /// `max-memory-size=BYTES`: the largest size any linear memory may grow to.
    var maxMemoryBytes: UInt64?

    /// Parses the values of every `-W` given.
    init(parsing values: [String]) throws(CLIError) {
        for setting in values.flatMap({ $0.split(separator: ",") }) {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CLIError("-W expects key=value, got '\(setting)'") }
            switch parts[0] {
            case "max-memory-size":
                guard let bytes = UInt64(parts[1]) else {
                    throw CLIError("-W max-memory-size expects a number of bytes, got '\(parts[1])'")
                }
                maxMemoryBytes = bytes
            default:
                throw CLIError("unknown -W setting '\(parts[0])' (known: max-memory-size)")
            }
        }
    }
}
