import ComponentModel

/// The operations measured on wcomp, on `workloads/component.wasm`: instantiation with the
/// host import `log` defined, and calls of its exports with typed (`invoke`) and dynamic
/// (`call` with `ComponentValue`s) arguments. Each result is checked once before timing.
struct ComponentOperations {
    /// The string `echo` returns unchanged (the same one the wasmtime anchor uses).
    static let text = "hello, component model"
    /// The list `sum` adds up: 0 ..< 1000.
    static let values = (0 ..< 1000).map { UInt32($0) }

    let component: LoadedComponent
    let linker: ComponentLinker
    let instance: InstantiatedComponent
    private let nop: ComponentFunction
    private let echo: ComponentFunction
    private let sum: ComponentFunction
    private let dynamicValues: ComponentValue

    init(bytes: [UInt8]) throws {
        component = try LoadedComponent(bytes: bytes)
        linker = ComponentLinker()
        linker.defineFunction("log") { _ in [] }
        instance = try linker.instantiate(component)
        guard let nop = instance.function("nop"), let echo = instance.function("echo"),
              let sum = instance.function("sum") else {
            throw BenchmarkError("component.wasm lacks the nop, echo or sum export")
        }
        self.nop = nop
        self.echo = echo
        self.sum = sum
        dynamicValues = .list(Self.values.map { .u32($0) })
        try check()
    }

    /// Fails unless every operation returns the expected result.
    private func check() throws {
        let expectedSum = Self.values.reduce(0, +)
        guard try echo.invoke(Self.text, returning: String.self) == Self.text,
              try echo.call([.string(Self.text)]) == [.string(Self.text)],
              try sum.invoke(Self.values, returning: UInt32.self) == expectedSum,
              try sum.call([dynamicValues]) == [.u32(expectedSum)] else {
            throw BenchmarkError("wrong results from component.wasm on wcomp")
        }
    }

    /// Instantiates the component once more (in the same linker and store).
    func instantiate() throws { _ = try linker.instantiate(component) }
    /// `nop()` typed.
    func nopTyped() throws { try nop.invoke() }
    /// `nop()` dynamic.
    func nopDynamic() throws { _ = try nop.call([]) }
    /// `echo(text)` typed.
    func echoTyped() throws { _ = try echo.invoke(Self.text, returning: String.self) }
    /// `echo(text)` dynamic.
    func echoDynamic() throws { _ = try echo.call([.string(Self.text)]) }
    /// `sum(values)` typed.
    func sumTyped() throws { _ = try sum.invoke(Self.values, returning: UInt32.self) }
    /// `sum(values)` dynamic (the `ComponentValue` list is built once, outside the timing).
    func sumDynamic() throws { _ = try sum.call([dynamicValues]) }
}

/// A benchmark that cannot run (missing file, wrong result, anchor failure).
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
