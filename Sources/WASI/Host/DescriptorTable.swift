/// The guest's descriptor numbers and what they refer to. New descriptors take the lowest
/// free number, as POSIX does.
struct DescriptorTable {
    private var entries: [UInt32: Descriptor] = [:]

    /// The descriptor numbered `number`; `EBADF` when there is none.
    func get(_ number: UInt32) throws(WASIErrno) -> Descriptor {
        guard let descriptor = entries[number] else { throw .badDescriptor }
        return descriptor
    }

    /// Adds `descriptor` under the lowest free number; `EMFILE` past `limit` entries.
    mutating func insert(_ descriptor: Descriptor, limit: Int = 4096) throws(WASIErrno) -> UInt32 {
        guard entries.count < limit else { throw .tooManyOpenFiles }
        var number: UInt32 = 0
        while entries[number] != nil { number += 1 }
        entries[number] = descriptor
        return number
    }

    /// Removes the descriptor numbered `number`; `EBADF` when there is none.
    mutating func remove(_ number: UInt32) throws(WASIErrno) {
        guard entries.removeValue(forKey: number) != nil else { throw .badDescriptor }
    }

    /// Moves the descriptor `from` to number `to`, closing what `to` referred to.
    /// Both must be open (`EBADF` otherwise), as preview1 requires.
    mutating func renumber(from: UInt32, to: UInt32) throws(WASIErrno) {
        let descriptor = try get(from)
        _ = try get(to)
        entries[from] = nil
        entries[to] = descriptor
    }
}
