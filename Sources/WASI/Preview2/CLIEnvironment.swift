import ComponentModel

/// `wasi:cli/environment`: the granted arguments and environment variables. No working
/// directory is granted, so `initial-cwd` is `none`.
extension WASIComponentHost {
    func environmentInterface() -> WASIInterface {
        var interface = interface("wasi:cli/environment")
        interface.function("get-environment") { [self] _ in
            .list(grants.environment.map { .tuple([.string($0.name), .string($0.value)]) })
        }
        interface.function("get-arguments") { [self] _ in .list(grants.arguments.map { .string($0) }) }
        interface.function("initial-cwd") { _ in .option(nil) }
        return interface
    }
}
