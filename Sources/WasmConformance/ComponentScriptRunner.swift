import ComponentModel
import Foundation
import WasmRuntime

/// One command of a converted component-model script.
struct ComponentWastCommand: WastScriptCommand {
    /// `module`, `module_definition`, `module_instance`, `assert_return`, `assert_trap`,
    /// `assert_invalid`, `assert_malformed`.
    var type: String
    var line: Int
    var filename: String?
    /// `binary` or `text`.
    var moduleType: String?
    /// The `$name` of a module or definition; for `module_instance`, the definition's name.
    var name: String?
    var module: String?
    /// For `module_instance`: the new instance's name.
    var instance: String?
    var action: ComponentWastAction?
    var expected: [WastJSON]?
    var text: String?

    enum CodingKeys: String, CodingKey {
        case type, line, filename, name, module, instance, action, expected, text
        case moduleType = "module_type"
    }
}

/// An `invoke` of an exported function.
struct ComponentWastAction: Decodable {
    var type: String
    /// The named instance the export belongs to; the most recent one when absent.
    var module: String?
    var field: String
    var args: [WastJSON]?
}

/// Runs the commands of one converted component-model script in order and counts each
/// assertion as passed, failed or skipped; module commands count only when they fail.
///
/// Traps are recognised by kind (a `ComponentTrap` or a core `Trap`), not by message: the
/// specification leaves trap messages to implementations.
final class ComponentScriptRunner: WastScriptRunning {

    private enum InstanceSlot {
        case instance(InstantiatedComponent)
        case failed(line: Int)
    }

    private(set) var totals = ConformanceTotals()
    private(set) var failures: [WastFailure] = []
    private let wasmDirectory: URL
    private let linker = ComponentLinker()
    private var current: InstanceSlot?
    private var namedInstances: [String: InstanceSlot] = [:]
    private var definitions: [String: Result<LoadedComponent, CommandFailure>] = [:]

    /// Wall-clock limit for one action or instantiation.
    static let actionTimeLimit: Duration = .seconds(10)

    /// Creates a runner whose component files are in `wasmDirectory`.
    init(wasmDirectory: URL) {
        self.wasmDirectory = wasmDirectory
    }

    /// Runs `command` and counts its outcome.
    func run(_ command: ComponentWastCommand) {
        let outcome: WastOutcome
        switch command.type {
        case "module": outcome = defineModule(command)
        case "module_definition": outcome = defineDefinition(command)
        case "module_instance": outcome = instantiateDefinition(command)
        case "assert_return": outcome = assertReturn(command)
        case "assert_trap": outcome = assertTrap(command)
        case "assert_invalid", "assert_malformed":
            outcome = command.moduleType == "text" ? .skipped : assertRejected(command)
        default: outcome = .failed("unknown command type '\(command.type)'")
        }
        totals.count(outcome, type: command.type, line: command.line, failures: &failures)
    }

    // MARK: - Modules

    private func defineModule(_ command: ComponentWastCommand) -> WastOutcome {
        let slot: InstanceSlot
        let outcome: WastOutcome
        do {
            let component = try load(command)
            slot = .instance(try withDeadline { try linker.instantiate(component) })
            outcome = .uncounted
        } catch {
            slot = .failed(line: command.line)
            outcome = .failed("component did not instantiate: \(error)")
        }
        current = slot
        if let name = command.name { namedInstances[name] = slot }
        return outcome
    }

    private func defineDefinition(_ command: ComponentWastCommand) -> WastOutcome {
        let result: Result<LoadedComponent, CommandFailure>
        do {
            result = .success(try load(command))
        } catch {
            result = .failure(CommandFailure("definition (line \(command.line)) did not load: \(error)"))
        }
        if let name = command.name { definitions[name] = result }
        if case .failure(let failure) = result { return .failed(failure.description) }
        return .uncounted
    }

    private func instantiateDefinition(_ command: ComponentWastCommand) -> WastOutcome {
        let slot: InstanceSlot
        let outcome: WastOutcome
        switch definitions[command.module ?? ""] {
        case .success(let component)?:
            do {
                slot = .instance(try withDeadline { try linker.instantiate(component) })
                outcome = .uncounted
            } catch {
                slot = .failed(line: command.line)
                outcome = .failed("component did not instantiate: \(error)")
            }
        case .failure(let failure)?:
            slot = .failed(line: command.line)
            outcome = .failed(failure.description)
        case nil:
            slot = .failed(line: command.line)
            outcome = .failed("no component definition \(command.module ?? "")")
        }
        current = slot
        if let name = command.instance { namedInstances[name] = slot }
        return outcome
    }

    /// Reads, decodes and validates the command's component binary.
    private func load(_ command: ComponentWastCommand) throws -> LoadedComponent {
        guard let filename = command.filename else { throw CommandFailure("command has no component file") }
        let bytes = try [UInt8](Data(contentsOf: wasmDirectory.appendingPathComponent(filename)))
        return try LoadedComponent(bytes: bytes)
    }

    /// `assert_invalid` and binary `assert_malformed`: decoding or validation must reject the
    /// component. Either stage counts: the suite's split follows wasmparser, which checks some
    /// grammar rules (such as core type leading bytes) only while validating.
    private func assertRejected(_ command: ComponentWastCommand) -> WastOutcome {
        do {
            _ = try load(command)
            return .failed("component was accepted, expected '\(command.text ?? "")'")
        } catch is ComponentError {
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }

    // MARK: - Actions

    private enum ActionResult {
        case returned([ComponentValue])
        case trapped(String)
        case unusable(String)
    }

    private func assertReturn(_ command: ComponentWastCommand) -> WastOutcome {
        let expected: [ComponentValue]
        do {
            expected = try (command.expected ?? []).map(ComponentWastValue.value)
        } catch {
            return .failed("\(error)")
        }
        switch perform(command.action) {
        case .returned(let results):
            if results == expected { return .passed }
            return .failed("\(Self.describe(command.action)): expected \(expected), got \(results)")
        case .trapped(let message):
            return .failed("\(Self.describe(command.action)): trapped: \(message)")
        case .unusable(let message):
            return .failed(message)
        }
    }

    private func assertTrap(_ command: ComponentWastCommand) -> WastOutcome {
        switch perform(command.action) {
        case .returned(let results):
            return .failed("\(Self.describe(command.action)): expected trap '\(command.text ?? "")', got \(results)")
        case .trapped:
            return .passed
        case .unusable(let message):
            return .failed(message)
        }
    }

    private func perform(_ action: ComponentWastAction?) -> ActionResult {
        guard let action, action.type == "invoke" else { return .unusable("command has no invoke action") }
        let slot = action.module.map { namedInstances[$0] } ?? current
        let instance: InstantiatedComponent
        switch slot {
        case .instance(let resolved)?: instance = resolved
        case .failed(let line)?: return .unusable("its component (line \(line)) failed to instantiate")
        case nil: return .unusable("no component instance \(action.module ?? "") is defined")
        }
        guard let function = instance.function(action.field) else {
            return .unusable("no exported function '\(action.field)'")
        }
        let arguments: [ComponentValue]
        do {
            arguments = try (action.args ?? []).map(ComponentWastValue.value)
        } catch {
            return .unusable("\(error)")
        }
        do {
            return .returned(try withDeadline { try function.call(arguments) })
        } catch let trap as Trap {
            return .trapped(trap.reason.description)
        } catch let trap as ComponentTrap {
            return .trapped(trap.message)
        } catch {
            return .unusable("\(Self.describe(action)): \(error)")
        }
    }

    /// Runs `body` with the store's deadline set `actionTimeLimit` from now.
    private func withDeadline<T>(_ body: () throws -> T) throws -> T {
        linker.store.deadline = ContinuousClock.now.advanced(by: Self.actionTimeLimit)
        defer { linker.store.deadline = nil }
        return try body()
    }

    private static func describe(_ action: ComponentWastAction?) -> String {
        guard let action else { return "?" }
        return (action.module.map { "\($0)." } ?? "") + action.field
    }
}
