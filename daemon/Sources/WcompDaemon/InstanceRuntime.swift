import ComponentModel
import Dispatch
import Foundation
import WASI
import WAVE
import WasmRuntime
import WcompDaemonProto

/// The live side of one instance: its component instantiated in a `Store`, driven on a
/// dedicated serial queue so guest code never blocks the server's threads, one call at a time.
///
/// Components importing WASI 0.2 interfaces run on a `WASIComponentHost` whose capabilities
/// are the instance's live `grants`: every host call reads them, so a revoked directory or
/// network rule is refused at the guest's next use of it, in the same instantiation.
/// Directories are opened when the component is instantiated: one granted later is seen by
/// the next instantiation.
///
/// The store, the loaded component and its instantiation are confined to `queue`; only
/// `interrupt()` touches the store from elsewhere, under `lock`, which is what `Store`
/// allows. A failed or stopped call discards the instantiation (a trapped component instance
/// may not be re-entered); the next call instantiates the component anew.
final class InstanceRuntime: @unchecked Sendable {
    /// The instance's name, for messages.
    let name: String
    /// The instance's live grants: changes apply at the guest's next host call.
    let grants: GrantSet
    /// What the guest wrote to stdout and stderr.
    var log: InstanceLog { capture.log }

    private let bytes: [UInt8]
    private let limits: InstanceLimits
    private let queue: DispatchQueue
    private let capture: OutputCapture

    // Confined to `queue`.
    private var loaded: LoadedComponent?
    private var instantiation: Instantiation? {
        // A discarded instantiation is freed: its store and host hold each other.
        didSet { if let oldValue, oldValue.store !== instantiation?.store { oldValue.release() } }
    }

    // Guarded by `lock`: the store of the running call, whether a stop hit it, and the memory
    // the instantiation held at the end of the last call.
    private let lock = NSLock()
    private var runningStore: Store?
    private var stopRequested = false
    private var lastMemoryBytes: UInt64 = 0

    /// A runtime for the component `bytes` (already validated) with `limits` and `grants`;
    /// the guest's stdout and stderr go to `log`.
    init(name: String, bytes: [UInt8], limits: InstanceLimits, grants: GrantSet, log: InstanceLog) {
        self.name = name
        self.bytes = bytes
        self.limits = limits
        self.grants = grants
        capture = OutputCapture(grants: grants, log: log)
        queue = DispatchQueue(label: "wcompd.instance.\(name)")
    }

    deinit {
        instantiation?.release()
    }

    /// What the HTTP front serves this instance's requests with: its component (loaded once
    /// more, for the front's threads) on its live grants. FAILED_PRECONDITION when the
    /// component is not a `wasi:http/proxy`.
    func httpTarget(reuse: InstanceReuse = .perRequest) throws(DaemonError) -> WASIHTTPTarget {
        try Self.httpTarget(try ComponentCatalog.validate(bytes), grants: grants, instance: name, reuse: reuse)
    }

    /// `component` prepared for serving HTTP with `grants`.
    static func httpTarget(
        _ component: LoadedComponent, grants: GrantSet, instance: String, reuse: InstanceReuse = .perRequest
    ) throws(DaemonError) -> WASIHTTPTarget {
        do {
            return try WASIHTTPTarget(component: component, grants: grants, reuse: reuse)
        } catch {
            throw DaemonError(.failedPrecondition, "instance \(instance) cannot serve HTTP: \(error.message)")
        }
    }

    /// While serving HTTP, the output of requests (which run at any time) is collected too.
    func setServingHTTP(_ serving: Bool) {
        if serving { capture.startPolling() } else { capture.stopPolling() }
    }

    /// Replaces the grants (after a grant change), keeping the stdio routes of the log.
    func replaceGrants(with new: WASIGrants) {
        grants.update { grants in
            let stdio = grants.stdio
            grants = new
            grants.stdio = stdio
        }
    }

    /// What one call produced.
    struct CallOutcome: Sendable {
        /// The result, when the function returns one.
        var result: ComponentValue?
        /// Fuel consumed (0 without a fuel limit).
        var fuelUsed: UInt64
    }

    /// The arguments of a call, as they arrived.
    enum Arguments: Sendable {
        /// A WAVE call: function name and arguments in text.
        case wave(String)
        /// A function name and typed values.
        case typed(function: String, values: [Wcomp_Daemon_V1_Value])
    }

    /// Calls an export; the error says what failed (bad arguments, link failure, trap, limit).
    func invoke(_ arguments: Arguments) async throws(DaemonError) -> CallOutcome {
        try await perform { () throws(DaemonError) -> CallOutcome in
            let instantiation = try self.instantiate()
            let (function, values) = try Self.decode(arguments, component: instantiation.instance.component)
            switch try self.call(instantiation, function, values) {
            case .returned(let values, let fuelUsed):
                return CallOutcome(result: values.first, fuelUsed: fuelUsed)
            case .exited(let code, _):
                throw DaemonError(.aborted, "instance \(self.name): the guest exited with code \(code) during the call")
            }
        }
    }

    /// Runs the component's `wasi:cli/run` export to completion; returns the exit code and the fuel used.
    func run() async throws(DaemonError) -> (exitCode: Int32, fuelUsed: UInt64) {
        try await perform { () throws(DaemonError) -> (exitCode: Int32, fuelUsed: UInt64) in
            let instantiation = try self.instantiate()
            guard let export = instantiation.instance.component.exports.first(where: { $0.name.hasPrefix("wasi:cli/run@") }) else {
                throw DaemonError(.failedPrecondition, "instance \(self.name) exports no wasi:cli/run interface: it is not a command")
            }
            defer {
                self.instantiation = nil
                self.locked { self.lastMemoryBytes = 0 }
            }
            switch try self.call(instantiation, export.name + "#run", []) {
            case .returned(let values, let fuelUsed):
                if case .result(.error)? = values.first { return (1, fuelUsed) }
                return (0, fuelUsed)
            case .exited(let code, let fuelUsed):
                return (Int32(truncatingIfNeeded: code), fuelUsed)
            }
        }
    }

    /// The store of the live instantiation, nil when the component is not instantiated (tests
    /// check that a discarded instantiation's store is freed).
    var liveStore: Store? {
        get async { try? await perform { () throws(DaemonError) -> StoreReference in StoreReference(store: self.instantiation?.store) }.store }
    }

    /// A store handed out of `queue`.
    private struct StoreReference: @unchecked Sendable {
        let store: Store?
    }

    /// The linear memory the live instantiation held at the end of its last call, in bytes;
    /// 0 when the component is not instantiated.
    var memoryBytes: UInt64 {
        locked { lastMemoryBytes }
    }

    /// Interrupts the running call, if any; returns whether one was running.
    func interrupt() -> Bool {
        locked {
            guard let runningStore else { return false }
            stopRequested = true
            runningStore.interrupt()
            return true
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    // MARK: On the queue

    /// How a guest call ended without a failure.
    private enum CallEnd {
        /// It returned these results.
        case returned([ComponentValue], fuelUsed: UInt64)
        /// The guest exited (`wasi:cli/exit`) with this code.
        case exited(UInt32, fuelUsed: UInt64)
    }

    /// One instantiation of the component and the WASI host it runs on.
    private struct Instantiation {
        let store: Store
        let instance: InstantiatedComponent
        /// The WASI 0.2 host, when the component imports WASI interfaces.
        let wasi: WASIComponentHost?

        /// Breaks the reference cycle between the store and its host functions (and closes the
        /// WASI host's objects), so the store and its memories are freed with the last reference.
        func release() {
            if let wasi { wasi.release() } else { store.releaseHostFunctions() }
        }

        /// Calls the export `function`, through the WASI host when there is one (it turns a
        /// `wasi:cli/exit` into `WASIExit`).
        func call(_ function: String, _ values: [ComponentValue]) throws -> [ComponentValue] {
            guard let wasi else { return try instance.call(function, values) }
            guard let exported = instance.function(function) else { throw DaemonError.notFound("no exported function '\(function)'") }
            return try wasi.call(exported, values)
        }
    }

    private func instantiate() throws(DaemonError) -> Instantiation {
        if let instantiation { return instantiation }
        let component: LoadedComponent
        if let loaded {
            component = loaded
        } else {
            component = try ComponentCatalog.validate(bytes)
            loaded = component
        }
        var configuration = StoreConfiguration()
        grants.current.limits.apply(to: &configuration)
        let store = Store(configuration: configuration)
        let linker = ComponentLinker(store: store)
        do {
            var wasi: WASIComponentHost?
            if component.imports.contains(where: { WASIComponentHost.implements($0.name) }) {
                let host = WASIComponentHost(host: try WASIHost(grants: grants), store: store)
                host.define(in: linker, for: component)
                wasi = host
            }
            let instantiation = Instantiation(store: store, instance: try linker.instantiate(component), wasi: wasi)
            self.instantiation = instantiation
            return instantiation
        } catch let error as ComponentLinkError {
            throw DaemonError(.failedPrecondition, "cannot instantiate \(name): \(error.message)")
        } catch let error as WASIHostError {
            throw DaemonError(.failedPrecondition, "cannot give \(name) its grants: \(error.message)")
        } catch {
            throw Self.failure(error, instance: name)
        }
    }

    /// Calls `function` with the per-call fuel and deadline, registered for `interrupt()`; a
    /// failure discards the instantiation.
    private func call(_ instantiation: Instantiation, _ function: String, _ values: [ComponentValue]) throws(DaemonError) -> CallEnd {
        let store = instantiation.store
        store.fuel = limits.fuel
        store.deadline = limits.deadlineMilliseconds.map { ContinuousClock.now.advanced(by: .milliseconds(Int64(clamping: $0))) }
        locked {
            runningStore = store
            stopRequested = false
        }
        if instantiation.wasi != nil { capture.startPolling() }
        let result = Result { try instantiation.call(function, values) }
        if instantiation.wasi != nil { capture.stopPolling() }
        let stopped = locked {
            runningStore = nil
            return stopRequested
        }
        let fuelUsed = limits.fuel.map { $0 - min($0, store.fuel ?? 0) } ?? 0
        let end: Result<CallEnd, DaemonError>
        switch result {
        case .success(let values):
            if stopped { self.instantiation = nil }
            end = .success(.returned(values, fuelUsed: fuelUsed))
        case .failure(let exit as WASIExit):
            self.instantiation = nil
            end = .success(.exited(exit.code, fuelUsed: fuelUsed))
        case .failure(let error):
            self.instantiation = nil
            end = .failure(Self.failure(error, instance: name))
        }
        let memory = self.instantiation.map { UInt64($0.store.memoryByteCount) } ?? 0
        locked { lastMemoryBytes = memory }
        return try end.get()
    }

    private func perform<T: Sendable>(_ body: @escaping @Sendable () throws(DaemonError) -> T) async throws(DaemonError) -> T {
        let result: Result<T, DaemonError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: Result { () throws(DaemonError) -> T in try body() })
                }
            }
        } onCancel: {
            _ = self.interrupt()
        }
        return try result.get()
    }

    // MARK: Values

    private static func decode(_ arguments: Arguments, component: LoadedComponent) throws(DaemonError) -> (String, [ComponentValue]) {
        let types = component.validated.types
        switch arguments {
        case .wave(let text):
            let call: WAVECall
            do { call = try WAVECall(parsing: text) } catch { throw .invalid("wave: \(error)") }
            guard let type = component.exportedFunctionType(call.name) else {
                throw .notFound("no exported function '\(call.name)'")
            }
            do {
                return (call.name, try WAVEDecoder(types: types).arguments(of: call, for: type))
            } catch {
                throw .invalid("wave: \(error)")
            }
        case .typed(let function, let values):
            guard let type = component.exportedFunctionType(function) else {
                throw .notFound("no exported function '\(function)'")
            }
            guard values.count == type.parameters.count else {
                throw .invalid("\(function) takes \(type.parameters.count) arguments, got \(values.count)")
            }
            let converter = TypedValueConversion(types: types)
            var decoded: [ComponentValue] = []
            for (index, (value, parameter)) in zip(values, type.parameters).enumerated() {
                decoded.append(try converter.componentValue(value, as: parameter.type, path: "arguments[\(index)] (\(parameter.label))"))
            }
            return (function, decoded)
        }
    }

    /// Maps a guest failure to a status: stop → ABORTED, fuel or memory → RESOURCE_EXHAUSTED,
    /// deadline → DEADLINE_EXCEEDED, any other trap → ABORTED with the trap's message.
    static func failure(_ error: any Error, instance: String) -> DaemonError {
        if let error = error as? DaemonError { return error }
        var failure: DaemonError
        if let trap = error as? Trap {
            switch trap.reason {
            case .interrupted:
                failure = DaemonError(.aborted, "instance \(instance): the call was stopped")
                failure.guestFailure = .stopped
                return failure
            case .outOfFuel: failure = DaemonError(.resourceExhausted, "instance \(instance): all fuel consumed")
            case .deadlineExceeded: failure = DaemonError(.deadlineExceeded, "instance \(instance): the call's deadline passed")
            default: failure = DaemonError(.aborted, "instance \(instance): wasm trap: \(trap.reason)")
            }
            failure.guestFailure = .trapped
            return failure
        }
        if let trap = error as? ComponentTrap {
            failure = DaemonError(.aborted, "instance \(instance): wasm trap: \(trap.message)")
            failure.guestFailure = .trapped
            return failure
        }
        return DaemonError(.aborted, "instance \(instance): \(error)")
    }
}
