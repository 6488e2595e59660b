import ComponentModel

/// `wasi:cli/exit`: ends the guest with an exit code (`WASIExit`, as preview1's `proc_exit`).
extension WASIComponentHost {
    func exitInterface() -> WASIInterface {
        var interface = interface("wasi:cli/exit")
        interface.function("exit") { [self] arguments in
            try exit(code: try arguments.isOk(0) ? 0 : 1)
        }
        interface.function("exit-with-code") { [self] arguments in
            try exit(code: UInt32(try arguments.u8(0)))
        }
        return interface
    }

    /// Stops the guest: the call in progress unwinds and `call` throws `WASIExit`.
    private func exit(code: UInt32) throws -> ComponentValue? {
        let exit = WASIExit(code: code)
        host.pendingExit = exit
        throw exit
    }
}
