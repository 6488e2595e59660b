import Foundation
import WasmCore
import WasmRuntime

/// Runs the commands of one converted .wast script, in order, against a fresh `Store`
/// holding the `spectest` module, and counts each command as passed, failed or skipped.
///
/// Every error is caught and counted; a module that failed to load makes the commands that
/// use it fail. Each action runs under a deadline so a runaway guest cannot stall the suite.
final class CoreScriptRunner: WastScriptRunning {
    /// A module command's result: its instance, or the line of the module that failed to load.
    private enum ModuleSlot {
        case instance(Instance)
        case failed(line: Int)
    }

    /// What running an action produced.
    private enum ActionResult {
        case returned([Value])
        case trapped(Trap)
        /// The action could not run (module missing, export missing, bad arguments) or failed
        /// in a way that is not a trap; the outcome says whether that is a failure or a skip.
        case unusable(WastOutcome)
    }

    /// Wall-clock limit for one action or instantiation.
    static let actionTimeLimit: Duration = .seconds(10)

    private(set) var totals = ConformanceTotals()
    private(set) var failures: [WastFailure] = []
    private let wasmDirectory: URL
    /// The language features modules are decoded and validated with.
    private let features: WasmFeatures
    private let store = Store()
    private var imports = Imports()
    private var current: ModuleSlot?
    private var namedModules: [String: ModuleSlot] = [:]

    /// Creates a runner whose module files are in `wasmDirectory`, decoded with `features`.
    init(wasmDirectory: URL, features: WasmFeatures) throws {
        self.wasmDirectory = wasmDirectory
        self.features = features
        try SpecTestHost.define(in: &imports, store: store)
    }

    /// Runs `command` and counts its outcome.
    func run(_ command: WastCommand) {
        let outcome: WastOutcome
        switch command.type {
        case "module": outcome = defineModule(command)
        case "register": outcome = register(command)
        case "action": outcome = action(command)
        case "assert_return": outcome = assertReturn(command)
        case "assert_trap", "assert_exhaustion": outcome = assertTrap(command)
        case "assert_exception": outcome = assertException(command)
        case "assert_invalid": outcome = assertRejected(command)
        case "assert_malformed":
            outcome = command.moduleType == "text" ? .skipped : assertRejected(command)
        case "assert_unlinkable": outcome = assertUnlinkable(command)
        case "assert_uninstantiable": outcome = assertUninstantiable(command)
        default: outcome = .failed("unknown command type '\(command.type)'")
        }
        totals.count(outcome, type: command.type, line: command.line, failures: &failures)
    }

    // MARK: - Modules

    private func defineModule(_ command: WastCommand) -> WastOutcome {
        let slot: ModuleSlot
        let outcome: WastOutcome
        do {
            let module = try load(command)
            let instance = try withDeadline {
                try store.instantiate(module: module, imports: imports, name: command.name ?? command.filename)
            }
            slot = .instance(instance)
            outcome = .passed
        } catch {
            slot = .failed(line: command.line)
            outcome = .failed("module did not load: \(Self.describe(error))")
        }
        current = slot
        if let name = command.name { namedModules[name] = slot }
        return outcome
    }

    private func register(_ command: WastCommand) -> WastOutcome {
        guard let importName = command.as else { return .failed("register without a name") }
        switch resolveModule(command.name) {
        case .success(let instance):
            imports.define(module: importName, instance: instance)
            return .passed
        case .failure(let failure):
            return .failed(failure.description)
        }
    }

    /// Reads, decodes and validates the command's module binary.
    private func load(_ command: WastCommand) throws -> Module {
        guard let filename = command.binaryFilename ?? command.filename else {
            throw CommandFailure("command has no module file")
        }
        let bytes = try [UInt8](Data(contentsOf: wasmDirectory.appendingPathComponent(filename)))
        let module = try Module(decoding: bytes, features: features)
        try module.validate()
        return module
    }

    private func resolveModule(_ name: String?) -> Result<Instance, CommandFailure> {
        let slot = name.map { namedModules[$0] } ?? current
        switch slot {
        case .instance(let instance): return .success(instance)
        case .failed(let line): return .failure(CommandFailure("its module (line \(line)) failed to load"))
        case nil: return .failure(CommandFailure("no module \(name ?? "") is defined"))
        }
    }

    // MARK: - Actions

    private func action(_ command: WastCommand) -> WastOutcome {
        switch perform(command.action) {
        case .returned: .passed
        case .trapped(let trap): .failed("trapped: \(trap.reason)")
        case .unusable(let outcome): outcome
        }
    }

    private func assertReturn(_ command: WastCommand) -> WastOutcome {
        let expectations: [ExpectedValue]
        do {
            expectations = try (command.expected ?? []).map { value throws(UnsupportedValue) in try value.expectation() }
        } catch {
            return Self.unsupported(error)
        }
        switch perform(command.action) {
        case .returned(let results):
            let matches = results.count == expectations.count
                && zip(expectations, results).allSatisfy { $0.matches($1) }
            if matches { return .passed }
            let expected = "(" + expectations.map(\.description).joined(separator: ", ") + ")"
            return .failed("\(Self.describe(command.action)): expected \(expected), got \(ValueDescription.of(results))")
        case .trapped(let trap):
            return .failed("\(Self.describe(command.action)): trapped: \(trap.reason)")
        case .unusable(let outcome):
            return outcome
        }
    }

    private func assertTrap(_ command: WastCommand) -> WastOutcome {
        let expected = command.text ?? ""
        switch perform(command.action) {
        case .returned(let results):
            return .failed("\(Self.describe(command.action)): expected trap '\(expected)', got \(ValueDescription.of(results))")
        case .trapped(let trap):
            if Self.trap(trap, matches: expected) { return .passed }
            return .failed("\(Self.describe(command.action)): expected trap '\(expected)', got trap '\(trap.reason)'")
        case .unusable(let outcome):
            return outcome
        }
    }

    /// `assert_exception`: the action must end with an exception no handler caught.
    private func assertException(_ command: WastCommand) -> WastOutcome {
        switch perform(command.action) {
        case .returned(let results):
            return .failed("\(Self.describe(command.action)): expected an exception, got \(ValueDescription.of(results))")
        case .trapped(let trap):
            if trap.reason == .uncaughtException { return .passed }
            return .failed("\(Self.describe(command.action)): expected an exception, got trap '\(trap.reason)'")
        case .unusable(let outcome):
            return outcome
        }
    }

    /// Resolves and runs an invoke or get action.
    private func perform(_ action: WastAction?) -> ActionResult {
        guard let action else { return .unusable(.failed("command has no action")) }
        let instance: Instance
        switch resolveModule(action.module) {
        case .success(let resolved): instance = resolved
        case .failure(let failure): return .unusable(.failed(failure.description))
        }
        switch action.type {
        case "invoke":
            guard let function = instance.function(action.field) else {
                return .unusable(.failed("no exported function '\(action.field)'"))
            }
            let arguments: [Value]
            do {
                arguments = try (action.args ?? []).map { value throws(UnsupportedValue) in try value.argument() }
            } catch {
                return .unusable(Self.unsupported(error))
            }
            do {
                return .returned(try withDeadline { try function.call(arguments) })
            } catch let trap as Trap {
                return .trapped(trap)
            } catch {
                return .unusable(.failed("\(Self.describe(action)): \(Self.describe(error))"))
            }
        case "get":
            guard let global = instance.global(action.field) else {
                return .unusable(.failed("no exported global '\(action.field)'"))
            }
            return .returned([global.value])
        default:
            return .unusable(.failed("unknown action type '\(action.type)'"))
        }
    }

    /// Runs `body` with the store's deadline set `actionTimeLimit` from now.
    private func withDeadline<T>(_ body: () throws -> T) throws -> T {
        store.deadline = ContinuousClock.now.advanced(by: Self.actionTimeLimit)
        defer { store.deadline = nil }
        return try body()
    }

    // MARK: - Module assertions

    /// `assert_invalid` and binary `assert_malformed`: validation, respectively decoding, must
    /// reject the module. The messages may differ from the script's; the stage may not.
    private func assertRejected(_ command: WastCommand) -> WastOutcome {
        let expectedKind: WasmError.Kind = command.type == "assert_invalid" ? .invalid : .malformed
        do {
            _ = try load(command)
            return .failed("module was accepted, expected '\(command.text ?? "")'")
        } catch let error as WasmError {
            if error.kind == expectedKind { return .passed }
            return .failed("expected \(expectedKind) '\(command.text ?? "")', got \(error)")
        } catch {
            return .failed(Self.describe(error))
        }
    }

    private func assertUnlinkable(_ command: WastCommand) -> WastOutcome {
        do {
            let module = try load(command)
            _ = try withDeadline { try store.instantiate(module: module, imports: imports) }
            return .failed("module linked, expected '\(command.text ?? "")'")
        } catch is RuntimeError {
            return .passed
        } catch {
            return .failed("expected link error '\(command.text ?? "")', got \(Self.describe(error))")
        }
    }

    private func assertUninstantiable(_ command: WastCommand) -> WastOutcome {
        let expected = command.text ?? ""
        do {
            let module = try load(command)
            _ = try withDeadline { try store.instantiate(module: module, imports: imports) }
            return .failed("module instantiated, expected trap '\(expected)'")
        } catch let trap as Trap {
            if Self.trap(trap, matches: expected) { return .passed }
            return .failed("expected trap '\(expected)', got trap '\(trap.reason)'")
        } catch {
            return .failed("expected trap '\(expected)', got \(Self.describe(error))")
        }
    }

    // MARK: - Helpers

    /// The script's message and ours name the same trap when one starts with the other
    /// (scripts sometimes add detail: "uninitialized element 2").
    private static func trap(_ trap: Trap, matches expected: String) -> Bool {
        let actual = trap.reason.description
        return actual.hasPrefix(expected) || expected.hasPrefix(actual)
    }

    /// v128 values are outside the runtime's value model; such commands are skipped.
    private static func unsupported(_ error: UnsupportedValue) -> WastOutcome {
        if case .type = error { return .skipped }
        return .failed(error.description)
    }

    private static func describe(_ action: WastAction?) -> String {
        guard let action else { return "?" }
        let arguments = (action.args ?? []).map { value -> String in
            switch value.value {
            case .scalar(let text): "\(value.type):\(text)"
            case .lanes(let lanes): "v128:[\(lanes.joined(separator: " "))]"
            case nil: value.type
            }
        }
        let target = (action.module.map { "\($0)." } ?? "") + action.field
        let text = action.type == "get" ? "get \(target)" : "\(target)(\(arguments.joined(separator: ", ")))"
        return text.count > 160 ? String(text.prefix(157)) + "..." : text
    }

    private static func describe(_ error: Error) -> String {
        if let trap = error as? Trap { return "trap '\(trap.reason)'" }
        return String(describing: error)
    }
}

/// Why a command could not be carried out (missing module file, module that failed to load).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
