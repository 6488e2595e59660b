import Foundation
import WASI
import WcompDaemonProto

/// Owns the instances: creates and deletes them, runs their calls on their runtimes, keeps
/// their live grants in step with the stored ones, and publishes lifecycle events.
public actor InstanceManager {
    private let database: StateDatabase
    /// Records call starts and ends; the counters of ended calls are folded into `database`
    /// from time to time.
    private let journal: CallJournal
    private let catalog: ComponentCatalog
    private let stateDirectory: String
    /// Lifecycle events of every instance.
    public let events: InstanceEventHub
    private let logBytesPerInstance: Int
    private let metrics: DaemonMetrics
    private let executor = DispatchSerialExecutor(label: "wcompd.instances")
    /// Runs the manager (whose database writes block) off the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var runtimes: [String: InstanceRuntime] = [:]
    private var httpFront: HTTPFront?
    /// Instances with HTTP routes in the front.
    private var servingHTTP: Set<String> = []
    private var activeCalls: [String: Int] = [:]

    /// A manager over the persisted state, recording calls in `journal`. Instances are
    /// instantiated lazily, at their first call; each keeps `logBytesPerInstance` of recent
    /// output in memory.
    init(database: StateDatabase, journal: CallJournal, catalog: ComponentCatalog, stateDirectory: String,
         events: InstanceEventHub, metrics: DaemonMetrics, logBytesPerInstance: Int) {
        self.database = database
        self.journal = journal
        self.metrics = metrics
        self.catalog = catalog
        self.stateDirectory = stateDirectory
        self.events = events
        self.logBytesPerInstance = logBytesPerInstance
    }

    /// What creating an instance needs.
    public struct Definition: Sendable {
        /// Unique name.
        public var name: String
        /// SHA-256 of a stored component.
        public var componentSHA256: String
        /// Grants given at creation.
        public var grants: [Wcomp_Daemon_V1_Grant]
        /// Environment variables (recorded as environment grants).
        public var environment: [String: String]
        /// Guest arguments.
        public var arguments: [String]
        /// Limits.
        public var limits: InstanceLimits

        /// Creates a definition.
        public init(name: String, componentSHA256: String, grants: [Wcomp_Daemon_V1_Grant] = [],
                    environment: [String: String] = [:], arguments: [String] = [], limits: InstanceLimits = InstanceLimits()) {
            self.name = name
            self.componentSHA256 = componentSHA256
            self.grants = grants
            self.environment = environment
            self.arguments = arguments
            self.limits = limits
        }
    }

    /// Validates and records a new instance with its grants (audited as `caller`'s).
    public func create(_ definition: Definition, caller: String) async throws(DaemonError) -> StoredInstance {
        try RequestValidation.name(definition.name, field: "name")
        try RequestValidation.sha256(definition.componentSHA256, field: "component_sha256")
        try RequestValidation.arguments(definition.arguments)
        var grants = definition.grants
        guard grants.count + definition.environment.count <= RequestLimits.grantsPerRequest else {
            throw .invalid("more than \(RequestLimits.grantsPerRequest) grants and environment variables")
        }
        for (name, value) in definition.environment.sorted(by: { $0.key < $1.key }) {
            var variable = Wcomp_Daemon_V1_EnvironmentGrant()
            variable.name = name
            variable.value = value
            var grant = Wcomp_Daemon_V1_Grant()
            grant.environment = variable
            grants.append(grant)
        }
        for (index, grant) in grants.enumerated() {
            try RequestValidation.grant(grant, field: index < definition.grants.count ? "grants[\(index)]" : "env", stateDirectory: stateDirectory)
        }
        if grants.contains(where: Self.isHTTPRoute) {
            let (_, bytes) = try catalog.read(definition.componentSHA256)
            _ = try InstanceRuntime.httpTarget(try ComponentCatalog.validate(bytes), grants: GrantSet(), instance: definition.name)
        }
        let instance = StoredInstance(
            name: definition.name, componentSHA256: definition.componentSHA256, limits: definition.limits,
            arguments: definition.arguments, state: .idle, createdAt: Date(), calls: 0, failedCalls: 0, fuelUsed: 0)
        _ = try database.insertInstance(instance, grants: grants, caller: caller)
        try refreshRoutes(of: definition.name)
        await events.publish(.created, instance: definition.name)
        return instance
    }

    /// The instance named `name` with its live state.
    public func instance(_ name: String) throws(DaemonError) -> StoredInstance {
        guard let instance = try database.instance(name) else { throw .notFound("no instance named \(name)") }
        return live(instance)
    }

    /// Every instance with its live state, oldest first.
    public func instances() throws(DaemonError) -> [StoredInstance] {
        try database.instances().map(live)
    }

    /// `instance` with what only the live daemon knows: the counts of calls not folded into
    /// the stored counters yet, a running call, the memory held.
    private func live(_ instance: StoredInstance) -> StoredInstance {
        var instance = journal.unfolded(of: instance.name)?.applied(to: instance) ?? instance
        if activeCalls[instance.name, default: 0] > 0 { instance.state = .running }
        instance.memoryBytes = runtimes[instance.name]?.memoryBytes ?? 0
        return instance
    }

    /// Calls an export of instance `name`.
    func invoke(_ name: String, _ arguments: InstanceRuntime.Arguments) async throws(DaemonError) -> InstanceRuntime.CallOutcome {
        let runtime = try runtime(name)
        let detail = switch arguments {
        case .wave(let text): String(text.prefix(200))
        case .typed(let function, _): function
        }
        let call = try await begin(name, detail: detail)
        let result: Result<InstanceRuntime.CallOutcome, DaemonError>
        do { result = .success(try await runtime.invoke(arguments)) } catch { result = .failure(error) }
        switch result {
        case .success(let outcome): try await finish(call, of: name, state: .idle, failure: nil, fuelUsed: outcome.fuelUsed)
        case .failure(let error): try await finish(call, of: name, state: .failed, failure: error, fuelUsed: 0)
        }
        return try result.get()
    }

    /// Runs command instance `name` to completion; returns its exit code.
    public func run(_ name: String) async throws(DaemonError) -> Int32 {
        let runtime = try runtime(name)
        let call = try await begin(name, detail: "wasi:cli/run")
        let result: Result<(exitCode: Int32, fuelUsed: UInt64), DaemonError>
        do { result = .success(try await runtime.run()) } catch { result = .failure(error) }
        switch result {
        case .success(let outcome):
            try await finish(call, of: name, state: .exited, failure: nil, fuelUsed: outcome.fuelUsed)
            await events.publish(.exited, instance: name, detail: "\(outcome.exitCode)", exitCode: outcome.exitCode)
        case .failure(let error):
            try await finish(call, of: name, state: .failed, failure: error, fuelUsed: 0)
        }
        return try result.get().exitCode
    }

    /// Interrupts the running call of instance `name`; returns whether one was running.
    public func stop(_ name: String) throws(DaemonError) -> Bool {
        guard try database.instance(name) != nil else { throw .notFound("no instance named \(name)") }
        return runtimes[name]?.interrupt() ?? false
    }

    /// Deletes instance `name` and its grants, interrupting a running call (which then counts
    /// for nothing).
    public func delete(_ name: String) async throws(DaemonError) {
        try database.deleteInstance(name)
        try journal.forget(name)
        httpFront?.setRoutes([], of: name)
        if let runtime = runtimes.removeValue(forKey: name) {
            _ = runtime.interrupt()
            if servingHTTP.remove(name) != nil { runtime.setServingHTTP(false) }
            runtime.log.close()
        }
        await events.publish(.deleted, instance: name)
    }

    /// Adds a grant to instance `instance`; the live instance sees it at its next host call.
    public func addGrant(_ grant: Wcomp_Daemon_V1_Grant, to instance: String, caller: String) async throws(DaemonError) -> StoredGrant {
        try RequestValidation.name(instance, field: "instance")
        try RequestValidation.grant(grant, field: "grant", stateDirectory: stateDirectory)
        if Self.isHTTPRoute(grant) { _ = try runtime(instance).httpTarget() }
        let stored = try database.addGrant(grant, to: instance, caller: caller)
        try refreshGrants(of: instance)
        try refreshRoutes(of: instance)
        await events.publish(.grantChanged, instance: instance, detail: "granted \(stored.id)")
        return stored
    }

    /// Revokes grant `id` of instance `instance`; the live instance loses it at its next host call.
    public func revokeGrant(_ id: Int64, of instance: String, caller: String) async throws(DaemonError) -> StoredGrant {
        try RequestValidation.name(instance, field: "instance")
        let revoked = try database.revokeGrant(id, of: instance, caller: caller)
        try refreshGrants(of: instance)
        try refreshRoutes(of: instance)
        await events.publish(.grantChanged, instance: instance, detail: "revoked \(revoked.id)")
        return revoked
    }

    /// The output instance `name` wrote: retained lines (`tail` and `since` select) and, with
    /// `follow`, the lines written from now on.
    func logs(of name: String, tail: Int, since: Date?, follow: Bool) throws(DaemonError) -> InstanceLog.Subscription {
        try runtime(name).log.subscribe(tail: tail, since: since, follow: follow)
    }

    /// The live grants of instance `name` as the WASI host sees them.
    public func effectiveGrants(of name: String) throws(DaemonError) -> WASIGrants {
        try runtime(name).grants.current
    }

    /// Serves the HTTP routes of every instance on `front` from now on.
    func serveHTTP(on front: HTTPFront) throws(DaemonError) {
        httpFront = front
        for instance in try database.instances() { try refreshRoutes(of: instance.name) }
    }

    // MARK: Internals

    private static func isHTTPRoute(_ grant: Wcomp_Daemon_V1_Grant) -> Bool {
        if case .httpRoute? = grant.capability { true } else { false }
    }

    /// Puts the routes of instance `name`'s HTTP route grants into the front.
    private func refreshRoutes(of name: String) throws(DaemonError) {
        guard let httpFront else { return }
        let grants = try database.grants(of: name).filter { Self.isHTTPRoute($0.grant) }
        guard !grants.isEmpty else {
            httpFront.setRoutes([], of: name)
            if servingHTTP.remove(name) != nil { runtimes[name]?.setServingHTTP(false) }
            return
        }
        let runtime = try runtime(name)
        let target = try runtime.httpTarget(reuse: httpFront.reuse)
        httpFront.setRoutes(grants.map { stored in
            let route = stored.grant.httpRoute
            var prefix = route.pathPrefix
            while prefix.hasSuffix("/") { prefix.removeLast() }
            return HTTPFront.Route(instance: name, grantID: stored.id, host: route.host.isEmpty ? nil : route.host.lowercased(),
                                   pathPrefix: prefix, target: target)
        }, of: name)
        if servingHTTP.insert(name).inserted { runtime.setServingHTTP(true) }
    }

    private func runtime(_ name: String) throws(DaemonError) -> InstanceRuntime {
        if let runtime = runtimes[name] { return runtime }
        guard let instance = try database.instance(name) else { throw .notFound("no instance named \(name)") }
        let (_, bytes) = try catalog.read(instance.componentSHA256)
        let grants = GrantSet(EffectiveGrants.wasiGrants(try database.grants(of: name), arguments: instance.arguments, limits: instance.limits))
        let runtime = InstanceRuntime(name: name, bytes: bytes, limits: instance.limits, grants: grants,
                                      log: InstanceLog(capacityBytes: logBytesPerInstance))
        runtimes[name] = runtime
        return runtime
    }

    private func refreshGrants(of name: String) throws(DaemonError) {
        guard let runtime = runtimes[name], let instance = try database.instance(name) else { return }
        let current = EffectiveGrants.wasiGrants(try database.grants(of: name), arguments: instance.arguments, limits: instance.limits)
        runtime.replaceGrants(with: current)
    }

    /// Starts a call of instance `name`: records it in the journal (so that it counts as
    /// failed if the daemon dies during it), then publishes it.
    private func begin(_ name: String, detail: String) async throws(DaemonError) -> CallJournal.Call {
        let call = try journal.started(name)
        activeCalls[name, default: 0] += 1
        metrics.setActiveInstances(activeCalls.count)
        await events.publish(.callStarted, instance: name, detail: detail)
        return call
    }

    /// Ends a call: publishes its outcome and records it, except for requests refused before
    /// the guest ran (bad arguments, unknown function, not a command, unresolved imports),
    /// which change neither the counters nor the state.
    private func finish(_ call: CallJournal.Call, of name: String, state: InstanceState, failure: DaemonError?,
                        fuelUsed: UInt64) async throws(DaemonError) {
        activeCalls[name, default: 1] -= 1
        if activeCalls[name] == 0 { activeCalls[name] = nil }
        metrics.setActiveInstances(activeCalls.count)
        let kind: Wcomp_Daemon_V1_InstanceEvent.Kind = switch failure?.guestFailure {
        case .trapped: .trapped
        case .stopped: .stopped
        case nil: failure == nil ? .callFinished : .callFailed
        }
        await events.publish(kind, instance: name, detail: failure?.message ?? "")
        if let failure, [.invalidArgument, .notFound, .failedPrecondition].contains(failure.code) {
            try journal.refused(call)
            return
        }
        metrics.recordGuestCall(trapped: failure?.guestFailure == .trapped, fuelUsed: fuelUsed)
        try journal.ended(call, state: state, failed: failure != nil, fuelUsed: fuelUsed)
    }
}
