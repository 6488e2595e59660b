import ComponentModel

/// `wasi:io/poll`: pollables and the blocking `poll` over several of them.
extension WASIComponentHost {
    /// The longest list `poll` accepts (the specification lets a host bound it; it traps beyond).
    static let maximumPollables = 4096

    func ioPollInterface() -> WASIInterface {
        var interface = interface("wasi:io/poll")
        interface.function("[method]pollable.ready") { [self] arguments in
            .bool(host.isReady(try pollable(arguments.handle(0)), grants: grants))
        }
        interface.function("[method]pollable.block") { [self] arguments in
            _ = try host.waitForAny([try pollable(arguments.handle(0))], grants: grants, limit: waitLimit)
            return nil
        }
        interface.function("poll") { [self] arguments in
            let handles = try arguments.handles(0)
            guard !handles.isEmpty else { throw ComponentTrap("wasi:io/poll#poll: the list of pollables is empty") }
            guard handles.count <= Self.maximumPollables else {
                throw ComponentTrap("wasi:io/poll#poll: more than \(Self.maximumPollables) pollables")
            }
            let pollables = try handles.map { handle throws(ComponentTrap) in try pollable(handle) }
            return .list(try host.waitForAny(pollables, grants: grants, limit: waitLimit).map { .u32($0) })
        }
        return interface
    }

    func pollable(_ representation: UInt32) throws(ComponentTrap) -> HostPollable {
        try resources.get(representation, as: HostPollable.self)
    }

    /// A new owned `pollable` handle.
    func newPollable(_ source: HostPollable.Source) throws(ComponentTrap) -> ComponentValue {
        try own(HostPollable(source), types.pollable)
    }
}
