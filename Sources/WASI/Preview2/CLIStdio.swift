#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// `wasi:cli/stdin`, `stdout`, `stderr` and the `terminal-*` interfaces. The streams follow the
/// stdio routes of the grants at every read or write; a stream is a terminal only when it is
/// inherited from the host and the host's stream is one.
extension WASIComponentHost {
    func stdinInterface() -> WASIInterface {
        var interface = interface("wasi:cli/stdin")
        interface.function("get-stdin") { [self] _ in
            try own(HostInputStream(descriptor: Self.stdioDescriptor(.stdin), offset: nil), types.inputStream)
        }
        return interface
    }

    func stdoutInterface() -> WASIInterface {
        var interface = interface("wasi:cli/stdout")
        interface.function("get-stdout") { [self] _ in
            try own(HostOutputStream(descriptor: Self.stdioDescriptor(.stdout), offset: nil), types.outputStream)
        }
        return interface
    }

    func stderrInterface() -> WASIInterface {
        var interface = interface("wasi:cli/stderr")
        interface.function("get-stderr") { [self] _ in
            try own(HostOutputStream(descriptor: Self.stdioDescriptor(.stderr), offset: nil), types.outputStream)
        }
        return interface
    }

    func terminalInputInterface() -> WASIInterface {
        interface("wasi:cli/terminal-input")
    }

    func terminalOutputInterface() -> WASIInterface {
        interface("wasi:cli/terminal-output")
    }

    func terminalStdinInterface() -> WASIInterface {
        var interface = interface("wasi:cli/terminal-stdin")
        interface.function("get-terminal-stdin") { [self] _ in try terminal(.stdin, types.terminalInput) }
        return interface
    }

    func terminalStdoutInterface() -> WASIInterface {
        var interface = interface("wasi:cli/terminal-stdout")
        interface.function("get-terminal-stdout") { [self] _ in try terminal(.stdout, types.terminalOutput) }
        return interface
    }

    func terminalStderrInterface() -> WASIInterface {
        var interface = interface("wasi:cli/terminal-stderr")
        interface.function("get-terminal-stderr") { [self] _ in try terminal(.stderr, types.terminalOutput) }
        return interface
    }

    /// A descriptor for one of the guest's standard streams (routed by the grants at each use).
    static func stdioDescriptor(_ stream: StdioStream) -> Descriptor {
        Descriptor(kind: .stdio(stream), isReadable: stream == .stdin, isWritable: stream != .stdin,
                   rightsBase: .stream, rightsInheriting: [])
    }

    /// `some(terminal)` when `stream` is inherited from a host terminal, else `none`.
    private func terminal(_ stream: StdioStream, _ type: ComponentResourceType) throws -> ComponentValue {
        guard case .inherit = grants.stdio.route(for: stream), isatty(Int32(stream.rawValue)) == 1 else { return .option(nil) }
        return .option(try own(TerminalHandle(), type))
    }
}

/// The object behind `terminal-input` and `terminal-output`, which have no methods yet.
final class TerminalHandle {}
