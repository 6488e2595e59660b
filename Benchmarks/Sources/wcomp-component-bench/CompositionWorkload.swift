import ComponentModel
import Compose
import WIT
import WITComponent

/// Two components of about 1 MB each, made in memory with `ComponentNew`: a provider exporting
/// `test:big/api` (`f: func(x: u32) -> u32`, adds one) and a consumer importing it and
/// exporting `run: func(n: u32) -> u32`, which calls `f` `n` times in a loop. Both core
/// modules carry filler functions so that composing them handles megabytes of code.
struct CompositionWorkload {
    static let wit = """
        package test:big;
        interface api { f: func(x: u32) -> u32; }
        world provider { export api; }
        world consumer { import api; export run: func(n: u32) -> u32; }
        """
    /// Filler functions per module (about 52 bytes of code each).
    static let fillerCount = 20_000

    let provider: [UInt8]
    let consumer: [UInt8]

    init() throws {
        let (resolve, package) = try Resolve.parse(source: Self.wit, path: "big.wit")
        func world(_ name: String) throws -> Component {
            guard let id = resolve[package: package].worlds[name] else { throw BenchmarkError("no world \(name)") }
            return try WITComponentEncoder.worldPackage(id, in: resolve)
        }
        provider = try ComponentNew.component(fromCoreModule: Self.providerModule(), name: "provider", world: world("provider")).encoded()
        consumer = try ComponentNew.component(fromCoreModule: Self.consumerModule(), name: "consumer", world: world("consumer")).encoded()
    }

    /// Reads both components and plugs the provider into the consumer, validating the result
    /// (what `wcomp compose consumer.wasm provider.wasm` does between reading and writing files).
    func compose() throws -> [UInt8] {
        let socket = try InputComponent(name: "consumer", bytes: consumer)
        let plug = try InputComponent(name: "provider", bytes: provider)
        return try PlugComposer.compose(socket: socket, plugs: [plug]).encoded()
    }

    /// The provider alone, instantiated: `f` called from the host.
    func providerFunction() throws -> ComponentFunction {
        let instance = try ComponentLinker().instantiate(try LoadedComponent(bytes: provider))
        guard let f = instance.function("test:big/api#f") else { throw BenchmarkError("provider lacks test:big/api#f") }
        return f
    }

    /// The composition instantiated: `run`, whose loop calls the provider's `f` through the
    /// composed boundary.
    func composedRun() throws -> ComponentFunction {
        let instance = try ComponentLinker().instantiate(try LoadedComponent(bytes: try compose()))
        guard let run = instance.function("run") else { throw BenchmarkError("composition lacks run") }
        guard try run.invoke(UInt32(1000), returning: UInt32.self) == 1000 else { throw BenchmarkError("run(1000) != 1000") }
        return run
    }

    // MARK: Core modules

    /// `(func $f (param i32) (result i32) local.get 0 i32.const 1 i32.add)` exported as
    /// `test:big/api#f`, then the filler.
    static func providerModule() -> [UInt8] {
        var module = CoreModuleWriter()
        module.bodies = [[0x00, 0x20, 0x00, 0x41, 0x01, 0x6A]] + filler()
        module.exports = [("test:big/api#f", 0)]
        return module.bytes()
    }

    /// Imports `test:big/api` `f`; `run(n)` loops `n` times `acc = f(acc)` and returns `acc`.
    static func consumerModule() -> [UInt8] {
        var module = CoreModuleWriter()
        module.imports = [("test:big/api", "f")]
        let run: [UInt8] = [
            0x01, 0x01, 0x7F,  // one local i32: the accumulator
            0x02, 0x40, 0x03, 0x40,  // block loop
            0x20, 0x00, 0x45, 0x0D, 0x01,  // local.get n, i32.eqz, br_if 1
            0x20, 0x01, 0x10, 0x00, 0x21, 0x01,  // local.get acc, call f, local.set acc
            0x20, 0x00, 0x41, 0x01, 0x6B, 0x21, 0x00,  // n -= 1
            0x0C, 0x00, 0x0B, 0x0B,  // br 0, end, end
            0x20, 0x01,  // local.get acc
        ]
        module.bodies = [run] + filler()
        module.exports = [("run", 1)]
        return module.bytes()
    }

    /// `fillerCount` functions `(param i32) (result i32)` of straight-line arithmetic.
    static func filler() -> [[UInt8]] {
        (0 ..< fillerCount).map { index in
            var body: [UInt8] = [0x00, 0x20, 0x00]  // no locals, local.get 0
            for step in 0 ..< 8 {
                body += [0x41, UInt8((index + step) % 64), 0x6A, 0x41, 0x03, 0x6C]  // i32.const k, add, const 3, mul
            }
            return body
        }
    }
}

/// The few sections the workload modules need, written by hand: one function type
/// `(i32) -> (i32)` for every function, function imports, exports and code.
struct CoreModuleWriter {
    var imports: [(module: String, name: String)] = []
    /// Function bodies (local declarations and code) without the size prefix and final `end`.
    var bodies: [[UInt8]] = []
    var exports: [(name: String, function: UInt32)] = []

    func bytes() -> [UInt8] {
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        section(1, &out) { $0 += [0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F] }  // type 0: (i32) -> (i32)
        section(2, &out) { payload in
            leb(UInt32(imports.count), &payload)
            for item in imports {
                name(item.module, &payload)
                name(item.name, &payload)
                payload += [0x00, 0x00]
            }
        }
        section(3, &out) { payload in
            leb(UInt32(bodies.count), &payload)
            for _ in bodies { payload.append(0x00) }
        }
        section(7, &out) { payload in
            leb(UInt32(exports.count), &payload)
            for item in exports {
                name(item.name, &payload)
                payload.append(0x00)
                leb(item.function, &payload)
            }
        }
        section(10, &out) { payload in
            leb(UInt32(bodies.count), &payload)
            for body in bodies {
                leb(UInt32(body.count + 1), &payload)
                payload += body + [0x0B]
            }
        }
        return out
    }

    private func section(_ id: UInt8, _ out: inout [UInt8], _ fill: (inout [UInt8]) -> Void) {
        var payload: [UInt8] = []
        fill(&payload)
        out.append(id)
        leb(UInt32(payload.count), &out)
        out += payload
    }

    private func name(_ text: String, _ out: inout [UInt8]) {
        leb(UInt32(text.utf8.count), &out)
        out += Array(text.utf8)
    }

    private func leb(_ value: UInt32, _ out: inout [UInt8]) {
        var value = value
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
    }
}
