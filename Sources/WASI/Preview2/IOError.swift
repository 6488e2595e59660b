import ComponentModel

/// `wasi:io/error`: the `error` resource streams report failures with.
extension WASIComponentHost {
    func ioErrorInterface() -> WASIInterface {
        var interface = interface("wasi:io/error")
        interface.function("[method]error.to-debug-string") { [self] arguments in
            .string(try resources.get(try arguments.handle(0), as: HostIOError.self).message)
        }
        return interface
    }
}
