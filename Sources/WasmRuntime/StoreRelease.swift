extension Store {
    /// Lets go of the host closures of this store's host functions, for an owner done with
    /// the store and its instances. A host closure that holds a handle to this store (a
    /// `Function`, `Memory` or an object holding one: canonical-ABI lowerings do, and so do
    /// hosts that keep the store) forms a reference cycle with the store, which otherwise
    /// keeps the store, its memories and everything the closures hold alive for good.
    /// Afterwards a call to one of those host functions traps; the store and its instances
    /// are freed once their last outside reference goes.
    public func releaseHostFunctions() {
        for function in functions {
            guard case .host(let name, _) = function.body else { continue }
            function.body = .host(name: name) { _, _ in
                throw Trap(.host("host function \(name) was released with its store"))
            }
        }
    }
}
