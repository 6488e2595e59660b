/// How much linear memory a store's guests hold, for embedders that report it (the daemon's
/// per-instance memory counter). Read it from the thread that runs the store's guests.
extension Store {
    /// The current size of every linear memory in the store, in bytes.
    public var memoryByteCount: Int {
        memories.indices.reduce(0) { $0 + Memory(store: self, index: $1).byteCount }
    }
}
