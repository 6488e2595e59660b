import ComponentModel

/// `wasi:random/random`, `wasi:random/insecure` and `wasi:random/insecure-seed`, allowed by
/// the random grant (without it, a call traps: the interfaces have no error results). All draw
/// from the system's cryptographically secure generator.
extension WASIComponentHost {
    /// The most bytes one call returns; a larger request traps, as the specification allows.
    static let maximumRandomBytes: UInt64 = 64 << 20

    func randomInterface() -> WASIInterface {
        var interface = interface("wasi:random/random")
        interface.function("get-random-bytes") { [self] arguments in .bytes(try randomBytes(try arguments.u64(0))) }
        interface.function("get-random-u64") { [self] _ in .u64(try randomWord()) }
        return interface
    }

    func insecureRandomInterface() -> WASIInterface {
        var interface = interface("wasi:random/insecure")
        interface.function("get-insecure-random-bytes") { [self] arguments in .bytes(try randomBytes(try arguments.u64(0))) }
        interface.function("get-insecure-random-u64") { [self] _ in .u64(try randomWord()) }
        return interface
    }

    /// A fresh seed per call: the specification allows any value, and fresh ones leak nothing.
    func insecureSeedInterface() -> WASIInterface {
        var interface = interface("wasi:random/insecure-seed")
        interface.function("insecure-seed") { [self] _ in .tuple([.u64(try randomWord()), .u64(try randomWord())]) }
        return interface
    }

    private func requireRandom() throws(ComponentTrap) {
        guard grants.random else { throw ComponentTrap("random bytes are not granted to this guest") }
    }

    private func randomWord() throws(ComponentTrap) -> UInt64 {
        try requireRandom()
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    private func randomBytes(_ count: UInt64) throws(ComponentTrap) -> [UInt8] {
        try requireRandom()
        guard count <= Self.maximumRandomBytes else {
            throw ComponentTrap("\(count) random bytes requested, more than \(Self.maximumRandomBytes)")
        }
        var generator = SystemRandomNumberGenerator()
        return (0..<Int(count)).map { _ in generator.next() }
    }
}
