import ComponentModel

/// `wasi:filesystem/preopens`: the granted directories that are still granted, with the names
/// the guest sees them by.
extension WASIComponentHost {
    func filesystemPreopensInterface() -> WASIInterface {
        var interface = interface("wasi:filesystem/preopens")
        interface.function("get-directories") { [self] _ in
            let grants = self.grants
            return .list(try host.preopenedDirectories.compactMap { descriptor -> ComponentValue? in
                guard let preopen = descriptor.preopen, let current = grants.grant(matching: preopen) else { return nil }
                return .tuple([try own(descriptor, types.descriptor), .string(current.guestPath)])
            })
        }
        return interface
    }
}
