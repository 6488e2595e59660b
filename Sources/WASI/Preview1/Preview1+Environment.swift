/// `args_*` and `environ_*`: the granted arguments and environment, as they are at each call.
extension WASIHost {
    func argumentsSizesGet(_ call: Preview1Call) throws(WASIErrno) {
        let layout = StringListLayout(call.grants.arguments)
        try Self.store(layout, count: call.u32(0), byteCount: call.u32(1), in: call.memory)
        reportedArguments = layout
    }

    func argumentsGet(_ call: Preview1Call) throws(WASIErrno) {
        try Self.writeStrings(call.grants.arguments, reported: reportedArguments,
                              pointers: call.u32(0), buffer: call.u32(1), in: call.memory)
    }

    func environmentSizesGet(_ call: Preview1Call) throws(WASIErrno) {
        let layout = StringListLayout(call.grants.environment.map(\.entry))
        try Self.store(layout, count: call.u32(0), byteCount: call.u32(1), in: call.memory)
        reportedEnvironment = layout
    }

    func environmentGet(_ call: Preview1Call) throws(WASIErrno) {
        try Self.writeStrings(call.grants.environment.map(\.entry), reported: reportedEnvironment,
                              pointers: call.u32(0), buffer: call.u32(1), in: call.memory)
    }

    private static func store(_ layout: StringListLayout, count: UInt32, byteCount: UInt32, in memory: GuestMemory) throws(WASIErrno) {
        try memory.store(layout.count, at: count)
        try memory.store(layout.byteCount, at: byteCount)
    }

    /// Writes the strings NUL-terminated into `buffer` and their addresses at `pointers`.
    /// When the list changed since its sizes were reported (a grant changed in between), the
    /// guest's buffers may be too small: `EAGAIN` tells it to ask for the sizes again.
    private static func writeStrings(_ strings: [String], reported: StringListLayout?, pointers: UInt32,
                                     buffer: UInt32, in memory: GuestMemory) throws(WASIErrno) {
        let layout = StringListLayout(strings)
        if let reported, reported != layout { throw .again }
        _ = try memory.range(pointers, count: layout.count.multipliedReportingOverflow(by: 4).partialValue)
        _ = try memory.range(buffer, count: layout.byteCount)
        var address = buffer
        for (index, string) in strings.enumerated() {
            try memory.store(address, at: pointers + UInt32(index) * 4)
            let bytes = Array(string.utf8) + [0]
            try memory.write(bytes, at: address)
            address += UInt32(bytes.count)
        }
    }
}
