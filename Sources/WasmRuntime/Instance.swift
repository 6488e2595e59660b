import WasmCore

/// An instantiated module: its exports.
public final class Instance {
    let store: Store
    let entity: InstanceEntity

    init(store: Store, entity: InstanceEntity) {
        self.store = store
        self.entity = entity
    }

    /// The instance's name, when one was given at instantiation.
    public var name: String? { entity.name }

    /// Every export, in the module's export order.
    public var exports: [(name: String, value: ExternalValue)] { entity.exports.map { ($0.name, $0.entity.value(in: store)) } }

    /// The export called `name`.
    public func export(_ name: String) -> ExternalValue? {
        // Names compare by their bytes: Swift's `==` would equate canonically equivalent Unicode.
        entity.exports.first { $0.name.utf8.elementsEqual(name.utf8) }?.entity.value(in: store)
    }

    /// The function exported as `name`.
    public func function(_ name: String) -> Function? {
        if case .function(let function) = export(name) { function } else { nil }
    }

    /// The memory exported as `name`.
    public func memory(_ name: String) -> Memory? {
        if case .memory(let memory) = export(name) { memory } else { nil }
    }

    /// The table exported as `name`.
    public func table(_ name: String) -> Table? {
        if case .table(let table) = export(name) { table } else { nil }
    }

    /// The global exported as `name`.
    public func global(_ name: String) -> Global? {
        if case .global(let global) = export(name) { global } else { nil }
    }
}

/// What a host function sees of its caller: the calling instance (for WASI: its "memory") and the store.
public struct Caller {
    /// The instance whose code called the host function (nil when the host called it directly).
    public var instance: Instance?
    /// The store the call runs in.
    public var store: Store
}

/// Values an import can be resolved to.
public enum ExternalValue: Hashable {
    case function(Function)
    case table(Table)
    case memory(Memory)
    case global(Global)
    /// An exception tag (exception handling).
    case tag(Tag)
}

/// Import resolution by (module, name).
public struct Imports {
    /// Keyed by the UTF-8 bytes of module and name (not by `String`, whose equality is Unicode-canonical).
    var definitions: [[UInt8]: [[UInt8]: ExternalValue]] = [:]

    /// No definitions.
    public init() {}

    /// Defines `module`.`name` as `value`.
    public mutating func define(module: String, name: String, _ value: ExternalValue) {
        definitions[Array(module.utf8), default: [:]][Array(name.utf8)] = value
    }

    /// Defines every export of `instance` under `module` (the spec tests' `register`).
    public mutating func define(module: String, instance: Instance) {
        for export in instance.exports { define(module: module, name: export.name, export.value) }
    }

    /// The definition of `module`.`name`.
    public func lookup(module: String, name: String) -> ExternalValue? {
        definitions[Array(module.utf8)]?[Array(name.utf8)]
    }
}
