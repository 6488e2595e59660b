import WasmCore
import WasmRuntime

/// Defines the functions of a canonical function section (`canon lift`, `canon lower`,
/// `resource.new`, `resource.drop`, `resource.rep`) in an instance's index spaces.
struct CanonicalBuiltins {
    let store: Store
    let scope: InstantiationScope

    func define(_ function: CanonicalFunction) throws {
        switch function {
        case .lift(let coreFunction, let options, let typeIndex):
            guard case .function(let type) = try scope.type(typeIndex) else {
                throw ComponentLinkError("type \(typeIndex) of a lifted function is not a function type")
            }
            let core = try scope.coreFunction(coreFunction)
            scope.functions.append(ComponentFunction(
                type: type, body: .lifted(core: core, options: try resolve(options), instance: scope.state)))
        case .lower(let functionIndex, let options):
            guard case .function(let callee) = try scope.item(SortIndex(sort: .function, index: functionIndex)) else {
                throw ComponentLinkError("function \(functionIndex) is not a function")
            }
            let values = try resolve(options)
            if values.isAsync {
                scope.coreFunctions.append(callee.asyncLowered(into: scope.state, options: values, store: store))
            } else {
                scope.coreFunctions.append(callee.lowered(into: scope.state, options: values, store: store))
            }
        case .resourceNew(let typeIndex):
            scope.coreFunctions.append(resourceNew(try resource(typeIndex)))
        case .resourceDrop(let typeIndex):
            scope.coreFunctions.append(resourceDrop(try resource(typeIndex)))
        case .resourceRep(let typeIndex):
            scope.coreFunctions.append(resourceRep(try resource(typeIndex)))
        case .taskReturn(let result, let options):
            let type = try result.map { try TypeResolver(scope: scope).resolve($0) }
            scope.coreFunctions.append(AsyncCalls.taskReturn(type, options: try resolve(options), in: scope.state, store: store))
        case .contextGet(let type, let slot):
            scope.coreFunctions.append(try contextGet(type, slot: Int(slot)))
        case .contextSet(let type, let slot):
            scope.coreFunctions.append(try contextSet(type, slot: Int(slot)))
        case .backpressureIncrement:
            scope.coreFunctions.append(backpressure(by: 1))
        case .backpressureDecrement:
            scope.coreFunctions.append(backpressure(by: -1))
        default:
            guard let builtin = UnsupportedBuiltins(store: store, instance: scope.state).builtin(function) else {
                throw ComponentLinkError("canonical built-in \(function) is not supported")
            }
            scope.coreFunctions.append(builtin)
        }
    }

    private func resolve(_ options: [CanonicalOption]) throws -> CanonicalOptionValues {
        var values = CanonicalOptionValues()
        for option in options {
            switch option {
            case .stringEncodingUTF8: values.stringEncoding = .utf8
            case .stringEncodingUTF16: values.stringEncoding = .utf16
            case .stringEncodingLatin1UTF16: values.stringEncoding = .latin1UTF16
            case .memory(let index):
                guard Int(index) < scope.coreMemories.count else { throw ComponentLinkError("core memory \(index) out of bounds") }
                values.memory = scope.coreMemories[Int(index)]
            case .realloc(let index): values.realloc = try scope.coreFunction(index)
            case .postReturn(let index): values.postReturn = try scope.coreFunction(index)
            case .async: values.isAsync = true
            case .callback: values.hasCallback = true
            case .coreType, .gc:
                throw ComponentLinkError("canonical option \(option) is not supported")
            }
        }
        return values
    }

    private func resource(_ typeIndex: UInt32) throws -> ComponentResourceType {
        guard case .resource(let resource) = try scope.type(typeIndex) else {
            throw ComponentLinkError("type \(typeIndex) is not a resource type")
        }
        return resource
    }

    /// `canon resource.new`.
    private func resourceNew(_ resource: ComponentResourceType) -> Function {
        let instance = scope.state
        return store.makeHostFunction(type: FunctionType(parameters: [.i32], results: [.i32]), name: "resource.new") { _, arguments in
            guard instance.mayLeave else { throw ComponentTrap.cannotLeave }
            guard case .i32(let representation) = arguments[0] else { throw ComponentTrap("resource.new expects an i32") }
            let index = try instance.handles.add(ResourceHandleEntry(
                resourceType: resource, representation: representation, isOwned: true, borrowScope: nil))
            return [.i32(index)]
        }
    }

    /// `canon resource.drop`: an owned handle runs the destructor, a borrowed one ends its borrow.
    private func resourceDrop(_ resource: ComponentResourceType) -> Function {
        let instance = scope.state
        return store.makeHostFunction(type: FunctionType(parameters: [.i32], results: []), name: "resource.drop") { _, arguments in
            guard instance.mayLeave else { throw ComponentTrap.cannotLeave }
            guard case .i32(let index) = arguments[0] else { throw ComponentTrap("resource.drop expects an i32") }
            let entry = try instance.handles.get(index, of: resource)
            guard entry.lendCount == 0 else { throw ComponentTrap("cannot remove owned resource while borrowed") }
            _ = try instance.handles.remove(index)
            guard entry.isOwned else {
                entry.borrowScope?.borrowCount -= 1
                return []
            }
            try ResourceDestruction.destroy(entry.representation, of: resource, from: instance)
            return []
        }
    }

    /// `canon resource.rep`.
    private func resourceRep(_ resource: ComponentResourceType) -> Function {
        let instance = scope.state
        return store.makeHostFunction(type: FunctionType(parameters: [.i32], results: [.i32]), name: "resource.rep") { _, arguments in
            guard case .i32(let index) = arguments[0] else { throw ComponentTrap("resource.rep expects an i32") }
            return [.i32(try instance.handles.get(index, of: resource).representation)]
        }
    }
}

extension CanonicalBuiltins {
    /// The core type of a context slot: i32 (or i64 with 64-bit memories).
    private func contextSlotType(_ type: CoreValueType, slot: Int) throws -> WasmCore.ValueType {
        guard slot < 2 else { throw ComponentLinkError("context slot \(slot) out of bounds") }
        switch type {
        case .i32: return .i32
        case .i64: return .i64
        default: throw ComponentLinkError("context slots hold i32 or i64 values")
        }
    }

    /// 🔀 `canon context.get`: reads a slot of the current thread's storage.
    func contextGet(_ type: CoreValueType, slot: Int) throws -> Function {
        let valueType = try contextSlotType(type, slot: slot)
        let instance = scope.state
        return store.makeHostFunction(type: FunctionType(parameters: [], results: [valueType]), name: "context.get") { _, _ in
            guard let call = instance.calls.last else { throw ComponentTrap("context.get called outside of a call") }
            let value = call.contextStorage[slot]
            return [valueType == .i32 ? .i32(UInt32(truncatingIfNeeded: value)) : .i64(value)]
        }
    }

    /// 🔀 `canon context.set`: writes a slot of the current thread's storage.
    func contextSet(_ type: CoreValueType, slot: Int) throws -> Function {
        let valueType = try contextSlotType(type, slot: slot)
        let instance = scope.state
        return store.makeHostFunction(type: FunctionType(parameters: [valueType], results: []), name: "context.set") { _, arguments in
            guard let call = instance.calls.last else { throw ComponentTrap("context.set called outside of a call") }
            switch arguments[0] {
            case .i32(let value): call.contextStorage[slot] = UInt64(value)
            case .i64(let value): call.contextStorage[slot] = value
            default: throw ComponentTrap("context.set expects an integer")
            }
            return []
        }
    }

    /// 🔀 `canon backpressure.inc` (`delta` 1) and `backpressure.dec` (`delta` -1).
    func backpressure(by delta: Int) -> Function {
        let instance = scope.state
        let name = delta > 0 ? "backpressure.inc" : "backpressure.dec"
        return store.makeHostFunction(type: FunctionType(parameters: [], results: []), name: name) { _, _ in
            let value = instance.backpressure + delta
            guard value >= 0, value < 1 << 16 else { throw ComponentTrap("backpressure counter out of range") }
            instance.backpressure = value
            return []
        }
    }
}

/// Running a resource's destructor when its owning handle is dropped.
enum ResourceDestruction {
    /// Calls the destructor of `resource` on `representation`, entering the defining instance
    /// from `caller` (nil for the host) as a lifted-then-lowered call does.
    static func destroy(_ representation: UInt32, of resource: ComponentResourceType,
                        from caller: ComponentInstanceState?) throws {
        switch resource.destructor {
        case nil:
            if let implementation = resource.implementation {
                try implementation.enter(from: caller)
                implementation.leave(to: caller)
            }
        case .host(let body):
            try body(representation)
        case .core(let function):
            guard let implementation = resource.implementation else { return }
            try implementation.enter(from: caller)
            defer { implementation.leave(to: caller) }
            _ = try function.call([.i32(representation)])
        }
    }
}
