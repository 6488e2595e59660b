import ComponentModel
import WasmCore

/// Makes a component from a core module that follows the canonical ABI naming conventions of
/// guest toolchains (what `wasm-tools component new` does), using the world in the module's
/// `component-type` custom section:
///
/// - imports `"$root" "f"` are the world's function imports, `"ns:pkg/iface" "f"` the functions
///   of its interface imports and `"ns:pkg/iface" "[resource-drop]r"` the destructor of an
///   imported resource; only what the module imports is imported;
/// - `"$root" "[resource-drop]r"` drops a world-level (imported) resource `r`, whose
///   constructor, methods and static functions are `$root` functions `[constructor]r`, ...;
/// - exports `"f"` implement world functions and `"ns:pkg/iface#f"` interface functions, with
///   `cabi_post_<name>` as post-return, `memory` and `cabi_realloc` as the memory and allocator,
///   and `_initialize` runs once the component is instantiated;
/// - async functions: `[async-lower]f` imports lower with the async ABI, `[async-lift]f` (with
///   `[callback][async-lift]f`) and `[async-lift-stackful]f` exports lift with it, returning
///   through `[task-return]f` from `[export]$root` or `[export]ns:pkg/iface`; the built-ins of
///   `AsyncBuiltinImport` come from `"$root"` (streams, futures, error contexts and threads are
///   refused).
///
/// Imports that need the module's memory are lowered after the module exists and reach it
/// through a table filled by a small fixup module (see `AdapterModules`). Resources of exported
/// interfaces are defined by the component: the module imports `[resource-new]r`,
/// `[resource-rep]r` and `[resource-drop]r` from `[export]ns:pkg/iface` and may export
/// `ns:pkg/iface#[dtor]r`, which reaches the resource type through the same table.
public enum ComponentNew {
    /// Builds the component for the core module `bytes`; `name` names it in errors.
    ///
    /// The world comes from the module's `component-type` custom section, or from `world` when
    /// given: a package-shaped component exporting the world's component type (what
    /// `WITComponentEncoder.worldPackage` makes from WIT), whose guest strings are UTF-8.
    public static func component(fromCoreModule bytes: [UInt8], name: String, world: Component? = nil) throws(ComposeError) -> Component {
        let module: Module
        do {
            module = try Module(decoding: bytes)
            try module.validate()
        } catch {
            throw ComposeError.invalidInput(component: name, reason: "\(error)")
        }
        let section = if let world {
            try ComponentTypeSection(worldPackage: world, stringEncoding: .stringEncodingUTF8, source: "the given world", name: name)
        } else {
            try ComponentTypeSection(in: module, name: name)
        }
        var generator = Generator(module: module, section: section, name: name)
        let component = try generator.generate(mainModule: ComponentTypeSection.stripped(bytes))
        do { try component.validate() } catch { throw ComposeError.invalidResult(error) }
        return component
    }
}

/// The state of one `ComponentNew` run.
private struct Generator {
    let module: Module
    let section: ComponentTypeSection
    let name: String
    var builder = ComponentBuilder()
    var types: ResolvedTypeEncoder
    /// Component-level index of each imported world item, by world import name.
    var importedItems: [String: UInt32] = [:]
    /// Function indices of aliased instance exports, by "instance/name".
    var aliasedFunctions: [String: UInt32] = [:]
    /// The module's `memory` and `cabi_realloc` as aliased by the component, once the module
    /// is instantiated (and when it exports them).
    var memory: UInt32?
    var realloc: UInt32?

    init(module: Module, section: ComponentTypeSection, name: String) {
        self.module = module
        self.section = section
        self.name = name
        types = ResolvedTypeEncoder(arena: section.types)
    }

    var arena: TypeArena { section.types }

    func unsupported(_ message: String) -> ComposeError { .unsupported("\(name): \(message)") }

    /// One function import of the core module and the component function it lowers.
    struct LoweredImport {
        var module: String
        var field: String
        var signature: FunctionType
        enum Target {
            /// A world or interface function, lowered with the async ABI when `isAsync`
            /// (`[async-lower]f`).
            case function(componentFunction: UInt32, type: TypeID, isAsync: Bool)
            case resourceDrop(resourceType: UInt32)
            /// `[task-return]f` of exported function `f` (of type `type`).
            case taskReturn(type: TypeID)
            /// A built-in of the async ABI.
            case asyncBuiltin(AsyncBuiltinImport)
            /// `[resource-new]`, `[resource-rep]` or `[resource-drop]` of a resource an
            /// exported interface defines (module `[export]iface`).
            case exportedResource(Intrinsic, interface: String, resource: String)
        }
        enum Intrinsic { case new, rep, drop }
        var target: Target
    }

    /// A resource an exported interface defines.
    struct ExportedResource {
        var interface: String
        var name: String
        var resource: ResourceID
        /// The core export implementing its destructor, if the module has one.
        var destructor: String?
    }

    mutating func generate(mainModule: [UInt8]) throws(ComposeError) -> Component {
        let lowered = try declareImports()
        let exportsMemory = module.exports.contains { $0.name == "memory" }
        let exportsRealloc = module.exports.contains { $0.name == "cabi_realloc" }
        let resources = exportedResources()

        // Imports that need the module's memory and resource destructors (module exports) go
        // through the shim's table; they are filled in once the module exists.
        let shimmed = lowered.indices.filter { needsMemory(lowered[$0].target) }
        let destructors = resources.indices.filter { resources[$0].destructor != nil }
        let signatures = shimmed.map { lowered[$0].signature } + destructors.map { _ in FunctionType(parameters: [.i32]) }
        var coreFunctions: [Int: UInt32] = [:]
        var destructorFunctions: [Int: UInt32] = [:]
        var shimInstance: UInt32?
        if !signatures.isEmpty {
            if !shimmed.isEmpty && !exportsMemory {
                throw unsupported("imports that pass strings, lists or spilled results (and async calls and waits) need the module to export `memory`")
            }
            let shimModule = builder.addCoreModule(AdapterModules.shim(signatures))
            let instance = builder.addCoreInstance(.instantiate(module: shimModule, arguments: []))
            shimInstance = instance
            for (slot, index) in shimmed.enumerated() {
                coreFunctions[index] = builder.addAlias(.coreInstanceExport(sort: .function, instance: instance, name: String(slot)))
            }
            for (offset, index) in destructors.enumerated() {
                destructorFunctions[index] = builder.addAlias(.coreInstanceExport(
                    sort: .function, instance: instance, name: String(shimmed.count + offset)))
            }
        }
        var resourceTypes: [String: UInt32] = [:]
        for (index, resource) in resources.enumerated() {
            let type = builder.addType(.resource(ResourceType(representation: .i32, destructor: destructorFunctions[index])))
            resourceTypes[resource.interface + "/" + resource.name] = type
            types.bind(resource: resource.resource, to: type)
        }
        for (index, item) in lowered.enumerated() where coreFunctions[index] == nil {
            coreFunctions[index] = builder.addCanonical(try canonical(for: item, resourceTypes: resourceTypes))
        }

        // One core instance per import module name, then the main module.
        var arguments: [CoreInstantiationArgument] = []
        var moduleNames: [String] = []
        for item in lowered where !moduleNames.contains(item.module) { moduleNames.append(item.module) }
        for moduleName in moduleNames {
            let exports = lowered.indices.filter { lowered[$0].module == moduleName }.map {
                CoreInlineExport(name: lowered[$0].field, item: CoreSortIndex(sort: .function, index: coreFunctions[$0] ?? 0))
            }
            let instance = builder.addCoreInstance(.fromExports(exports))
            arguments.append(CoreInstantiationArgument(name: moduleName, instance: instance))
        }
        let mainIndex = builder.addCoreModule(mainModule)
        let main = builder.addCoreInstance(.instantiate(module: mainIndex, arguments: arguments))
        memory = exportsMemory ? builder.addAlias(.coreInstanceExport(sort: .memory, instance: main, name: "memory")) : nil
        realloc = exportsRealloc ? builder.addAlias(.coreInstanceExport(sort: .function, instance: main, name: "cabi_realloc")) : nil

        if let shimInstance {
            var fixupExports = [CoreInlineExport(name: "$imports", item: CoreSortIndex(
                sort: .table, index: builder.addAlias(.coreInstanceExport(sort: .table, instance: shimInstance, name: "$imports"))))]
            for (slot, index) in shimmed.enumerated() {
                let core = builder.addCanonical(try canonical(for: lowered[index], resourceTypes: resourceTypes))
                fixupExports.append(CoreInlineExport(name: String(slot), item: CoreSortIndex(sort: .function, index: core)))
            }
            for (offset, index) in destructors.enumerated() {
                guard let destructor = resources[index].destructor else { continue }
                let core = builder.addAlias(.coreInstanceExport(sort: .function, instance: main, name: destructor))
                fixupExports.append(CoreInlineExport(name: String(shimmed.count + offset), item: CoreSortIndex(sort: .function, index: core)))
            }
            let fixupModule = builder.addCoreModule(AdapterModules.fixup(signatures))
            let fixupArguments = builder.addCoreInstance(.fromExports(fixupExports))
            _ = builder.addCoreInstance(.instantiate(module: fixupModule, arguments: [CoreInstantiationArgument(name: "", instance: fixupArguments)]))
        }
        if module.exports.contains(where: { $0.name == "_initialize" }) {
            // A reactor's initializer runs once the imports it may call are in place.
            let initializer = builder.addCoreModule(AdapterModules.initializer())
            _ = builder.addCoreInstance(.instantiate(module: initializer, arguments: [CoreInstantiationArgument(name: "", instance: main)]))
        }

        try defineExports(main: main)
        return builder.component
    }

    /// Whether the canonical definition for an import uses the module's memory or allocator:
    /// such imports are defined after the module exists (through the adapter table).
    func needsMemory(_ target: LoweredImport.Target) -> Bool {
        switch target {
        case .function(_, let type, let isAsync):
            RequiredCanonicalOptions.of(type, .lowered(isAsync: isAsync), in: arena).usesModuleExports
        case .taskReturn(let type): RequiredCanonicalOptions.taskReturn(of: type, in: arena).usesModuleExports
        case .asyncBuiltin(let builtin): builtin.needsMemory
        case .resourceDrop, .exportedResource: false
        }
    }

    /// The canonical options `required` stands for, with the module's memory and allocator;
    /// `what` names the import or export in the error when the module lacks them.
    func options(_ required: RequiredCanonicalOptions, for what: String) throws(ComposeError) -> [CanonicalOption] {
        guard let options = required.options(encoding: section.stringEncoding, memory: memory, realloc: realloc) else {
            throw unsupported("\(what) passes values through memory, which needs the module to export `memory` and `cabi_realloc`")
        }
        return options
    }

    /// The canonical definition of the core function an import of the module receives (the
    /// ones that need the module's memory or allocator once `memory` and `realloc` are known).
    private mutating func canonical(for item: LoweredImport, resourceTypes: [String: UInt32]) throws(ComposeError) -> CanonicalFunction {
        let what = "import `\(item.module)` `\(item.field)`"
        switch item.target {
        case .resourceDrop(let resourceType):
            return .resourceDrop(resource: resourceType)
        case .function(let function, let type, let isAsync):
            return .lower(function: function, options: try options(.of(type, .lowered(isAsync: isAsync), in: arena), for: what))
        case .taskReturn(let type):
            guard case .function(let function) = arena[type] else { throw unsupported("internal: `\(item.field)` has no function type") }
            var result: ComponentModel.ValueType?
            if let type = function.result { result = try types.encodeValueType(type, &builder) }
            return .taskReturn(result: result, options: try options(.taskReturn(of: type, in: arena), for: what))
        case .asyncBuiltin(let builtin):
            guard let definition = builtin.canonical(memory: memory) else {
                throw unsupported("\(what) needs the module to export `memory`")
            }
            return definition
        case .exportedResource(let intrinsic, let interface, let resource):
            guard let type = resourceTypes[interface + "/" + resource] else {
                throw unsupported("import `[export]\(interface)` `\(item.field)`: interface `\(interface)` exports no resource `\(resource)`")
            }
            switch intrinsic {
            case .new: return .resourceNew(resource: type)
            case .rep: return .resourceRep(resource: type)
            case .drop: return .resourceDrop(resource: type)
            }
        }
    }

    // MARK: Imports

    /// The world import a core import refers to: for `"$root"`, the function `f` of `f` and
    /// `[async-lower]f` or the resource `r` of `[resource-drop]r`, none for a built-in of the
    /// async ABI; else the interface named by the module name.
    static func worldImportName(of item: Import) -> String? {
        guard item.module == "$root" else { return item.module }
        if AsyncBuiltinImport(rootImport: item.name) != nil || AsyncBuiltinImport.isUnsupportedBuiltin(item.name) { return nil }
        if item.name.hasPrefix(resourceDropPrefix) { return String(item.name.dropFirst(resourceDropPrefix.count)) }
        return item.name.hasPrefix(asyncLowerPrefix) ? String(item.name.dropFirst(asyncLowerPrefix.count)) : item.name
    }

    static let resourceDropPrefix = "[resource-drop]"
    static let asyncLowerPrefix = "[async-lower]"

    /// The world imports the component declares: those the module uses, and those providing
    /// the types their types or the world's exports refer to (a world-level type or resource,
    /// or the interface defining a type an exported function uses), as wit-component does.
    func neededImports() throws(ComposeError) -> Set<String> {
        var needed = Set<String>()
        for item in module.imports {
            guard case .function = item.descriptor else {
                throw unsupported("import `\(item.module)` `\(item.name)` is not a function; only functions can be imported from the world")
            }
            if item.module.hasPrefix("[export]") { continue }
            if let name = Generator.worldImportName(of: item) { needed.insert(name) }
        }
        // Which world import provides each type (a world-level type, or an interface's type
        // export) and each resource, the first one wins.
        var typeProviders: [TypeID: String] = [:]
        var resourceProviders: [ResourceID: String] = [:]
        for item in section.world.imports {
            let provided: [TypeID] = switch item.type {
            case .type(let id): [id]
            case .instance(let id): if case .instance(let instance) = arena[id] {
                instance.exports.compactMap { if case .type(let type) = $0.type { type } else { nil } }
            } else { [] }
            default: []
            }
            for type in provided {
                if typeProviders[type] == nil { typeProviders[type] = item.name }
                if let resource = arena.resourceOf(type), resourceProviders[resource] == nil { resourceProviders[resource] = item.name }
            }
        }
        var pending = section.world.imports.filter { needed.contains($0.name) }.map(\.type) + section.world.exports.map(\.type)
        while let entity = pending.popLast() {
            let referenced = arena.typesReferenced(by: entity)
            let providers = referenced.compactMap { typeProviders[$0] } + referenced.compactMap { arena.resourceOf($0).flatMap { resourceProviders[$0] } }
            for provider in providers where needed.insert(provider).inserted {
                if let item = section.world.imports.first(where: { $0.name == provider }) { pending.append(item.type) }
            }
        }
        return needed
    }

    /// Imports the world items the module uses and returns its function imports in order.
    mutating func declareImports() throws(ComposeError) -> [LoweredImport] {
        let needed = try neededImports()
        for item in section.world.imports where needed.contains(item.name) {
            try types.addImport(name: item.name, type: item.type, to: &builder)
            importedItems[item.name] = builder.count(item.type.sort) - 1
        }
        var lowered: [LoweredImport] = []
        for item in module.imports {
            guard case .function(let typeIndex) = item.descriptor, Int(typeIndex) < module.types.count else { continue }
            let signature = module.types[Int(typeIndex)]
            lowered.append(LoweredImport(module: item.module, field: item.name, signature: signature,
                                         target: try target(of: item)))
        }
        return lowered
    }

    private mutating func target(of item: Import) throws(ComposeError) -> LoweredImport.Target {
        if item.module.hasPrefix("[export]") {
            let interface = String(item.module.dropFirst("[export]".count))
            if item.name == "[task-cancel]" { return .asyncBuiltin(.taskCancel) }
            if item.name.hasPrefix("[task-return]") {
                return .taskReturn(type: try exportedFunction(String(item.name.dropFirst("[task-return]".count)), of: interface, for: item))
            }
            if AsyncBuiltinImport.isUnsupportedBuiltin(item.name) { throw unsupportedBuiltin(item) }
            for (prefix, intrinsic) in [("[resource-new]", LoweredImport.Intrinsic.new), ("[resource-rep]", .rep), ("[resource-drop]", .drop)]
                where item.name.hasPrefix(prefix) {
                return .exportedResource(intrinsic, interface: interface, resource: String(item.name.dropFirst(prefix.count)))
            }
            throw unsupported("import `\(item.module)` `\(item.name)` is not a resource intrinsic")
        }
        if item.module == "$root", let builtin = AsyncBuiltinImport(rootImport: item.name) { return .asyncBuiltin(builtin) }
        if AsyncBuiltinImport.isUnsupportedBuiltin(item.name) { throw unsupportedBuiltin(item) }
        let worldImport = section.world.imports.first { $0.name == Generator.worldImportName(of: item) }
        guard let worldImport, let index = importedItems[worldImport.name] else {
            throw unsupported("import `\(item.module)` `\(item.name)` is not in world `\(section.worldName)`")
        }
        if item.module == "$root", item.name.hasPrefix(Generator.resourceDropPrefix) {
            guard case .type(let type) = worldImport.type, arena.resourceOf(type) != nil else {
                throw unsupported("import `$root` `\(item.name)`: world import `\(worldImport.name)` is not a resource")
            }
            return .resourceDrop(resourceType: index)
        }
        let isAsync = item.name.hasPrefix(Generator.asyncLowerPrefix)
        let functionName = isAsync ? String(item.name.dropFirst(Generator.asyncLowerPrefix.count)) : item.name
        if item.module == "$root" {
            guard case .function(let type) = worldImport.type else {
                throw unsupported("world import `\(functionName)` is not a function")
            }
            return .function(componentFunction: index, type: type, isAsync: isAsync)
        }
        guard case .instance(let instanceType) = worldImport.type, case .instance(let instance) = arena[instanceType] else {
            throw unsupported("world import `\(item.module)` is not an interface")
        }
        if item.name.hasPrefix(Generator.resourceDropPrefix) {
            let resource = String(item.name.dropFirst(Generator.resourceDropPrefix.count))
            guard case .type? = instance.export(named: resource) else {
                throw unsupported("interface `\(item.module)` has no resource `\(resource)`")
            }
            let typeIndex = builder.addAlias(.instanceExport(sort: .type, instance: index, name: resource))
            return .resourceDrop(resourceType: typeIndex)
        }
        guard case .function(let type)? = instance.export(named: functionName) else {
            throw unsupported("interface `\(item.module)` has no function `\(functionName)`")
        }
        let key = item.module + "/" + functionName
        if let known = aliasedFunctions[key] { return .function(componentFunction: known, type: type, isAsync: isAsync) }
        let function = builder.addAlias(.instanceExport(sort: .function, instance: index, name: functionName))
        aliasedFunctions[key] = function
        return .function(componentFunction: function, type: type, isAsync: isAsync)
    }

    /// The type of exported function `name` of the world (`interface` is `$root`) or of an
    /// exported interface, for `[task-return]name`.
    private func exportedFunction(_ name: String, of interface: String, for item: Import) throws(ComposeError) -> TypeID {
        let owner = interface == "$root" ? "world `\(section.worldName)`" : "exported interface `\(interface)`"
        let found: EntityType?
        if interface == "$root" {
            found = section.world.exports.first { $0.name == name }?.type
        } else if case .instance(let id)? = section.world.exports.first(where: { $0.name == interface })?.type,
                  case .instance(let instance) = arena[id] {
            found = instance.export(named: name)
        } else {
            throw unsupported("import `\(item.module)` `\(item.name)`: the world exports no interface `\(interface)`")
        }
        guard case .function(let type)? = found else {
            throw unsupported("import `\(item.module)` `\(item.name)`: \(owner) exports no function `\(name)`")
        }
        return type
    }

    private func unsupportedBuiltin(_ item: Import) -> ComposeError {
        unsupported("import `\(item.module)` `\(item.name)`: streams, futures, error contexts and threads are not supported by `wcomp new` (async calls, task.return, waitable sets, subtasks, backpressure and context slots are)")
    }

    // MARK: Exports

    /// The resources the world's exported interfaces define, with their destructors.
    func exportedResources() -> [ExportedResource] {
        var result: [ExportedResource] = []
        for export in section.world.exports {
            guard case .instance(let id) = export.type, case .instance(let instance) = arena[id] else { continue }
            for item in instance.exports {
                guard case .type(let type) = item.type, let resource = arena.resourceOf(type) else { continue }
                let destructor = "\(export.name)#[dtor]\(item.name)"
                result.append(ExportedResource(interface: export.name, name: item.name, resource: resource,
                                               destructor: module.exports.contains { $0.name == destructor } ? destructor : nil))
            }
        }
        return result
    }

    /// Lifts the module's implementation of export `coreName` (`f` or `ns:pkg/iface#f`): the
    /// core export `coreName` (with `cabi_post_<coreName>` as post-return when present),
    /// `[async-lift]coreName` with its `[callback][async-lift]coreName`, or
    /// `[async-lift-stackful]coreName` (both with the async option).
    private mutating func lift(_ coreName: String, _ type: TypeID, main: UInt32) throws(ComposeError) -> UInt32 {
        let exports = Set(module.exports.map(\.name))
        func alias(_ name: String) -> UInt32 { builder.addAlias(.coreInstanceExport(sort: .function, instance: main, name: name)) }
        let what = "export `\(coreName)`"
        var all: [CanonicalOption]
        let core: UInt32
        if exports.contains(coreName) {
            core = alias(coreName)
            all = try options(.of(type, .lifted(isAsync: false), in: arena), for: what)
            if exports.contains("cabi_post_" + coreName) { all.append(.postReturn(alias("cabi_post_" + coreName))) }
        } else if exports.contains("[async-lift]" + coreName) {
            guard exports.contains("[callback][async-lift]" + coreName) else {
                throw unsupported("the module exports `[async-lift]\(coreName)` but not its callback `[callback][async-lift]\(coreName)`")
            }
            core = alias("[async-lift]" + coreName)
            all = try options(.of(type, .lifted(isAsync: true), in: arena), for: what)
            all.append(.callback(alias("[callback][async-lift]" + coreName)))
        } else if exports.contains("[async-lift-stackful]" + coreName) {
            core = alias("[async-lift-stackful]" + coreName)
            all = try options(.of(type, .lifted(isAsync: true), in: arena), for: what)
        } else {
            throw unsupported("the module does not export `\(coreName)` (nor `[async-lift]\(coreName)` or `[async-lift-stackful]\(coreName)`), which world `\(section.worldName)` requires")
        }
        let typeIndex = try types.encodeFunctionType(type, &builder)
        return builder.addCanonical(.lift(coreFunction: core, options: all, typeIndex: typeIndex))
    }

    private mutating func defineExports(main: UInt32) throws(ComposeError) {
        for export in section.world.exports {
            switch export.type {
            case .function(let type):
                let function = try lift(export.name, type, main: main)
                builder.addExport(ComponentExport(name: ExternName(export.name), item: SortIndex(sort: .function, index: function)))
            case .instance(let instanceType):
                guard case .instance(let instance) = arena[instanceType] else { continue }
                let shim = try interfaceShim(export.name, instance, main: main)
                builder.addExport(ComponentExport(name: ExternName(export.name), item: SortIndex(sort: .instance, index: shim)))
            default:
                throw unsupported("world export `\(export.name)` is a \(export.type.sort); only functions and interfaces are supported")
            }
        }
    }

    /// Lifts an exported interface's functions and gives them the interface's names and types
    /// through a nested component that imports them and exports them with type ascriptions
    /// (so every function refers to exported, named types). Returns the instance index.
    private mutating func interfaceShim(_ interfaceName: String, _ instance: ResolvedInstanceType, main: UInt32) throws(ComposeError) -> UInt32 {
        var arguments: [InstantiationArgument] = []
        var inner = ComponentBuilder()
        var innerTypes = ResolvedTypeEncoder(arena: arena)
        var importedFunctions: [String: UInt32] = [:]
        for item in instance.exports {
            switch item.type {
            case .type(let type):
                if let resource = arena.resourceOf(type) {
                    let importName = "import-type-\(item.name)"
                    let outer = try types.encodeTypeDefinition(type, &builder)
                    let imported = inner.addImport(ComponentImport(name: ExternName(importName), type: .type(.subResource)))
                    innerTypes.bind(resource: resource, to: imported)
                    innerTypes.bind(type, to: imported)
                    arguments.append(InstantiationArgument(name: importName, item: SortIndex(sort: .type, index: outer)))
                    continue
                }
                let outer = try types.encodeTypeDefinition(type, &builder)
                let bound = try innerTypes.encodeTypeDefinition(type, &inner)
                let importName = "import-type-\(item.name)"
                let imported = inner.addImport(ComponentImport(name: ExternName(importName), type: .type(.equal(bound))))
                innerTypes.bind(type, to: imported)
                arguments.append(InstantiationArgument(name: importName, item: SortIndex(sort: .type, index: outer)))
            case .function(let type):
                let function = try lift("\(interfaceName)#\(item.name)", type, main: main)
                let importName = Generator.shimImportName(ofFunction: item.name)
                let typeIndex = try innerTypes.encodeFunctionType(type, &inner)
                importedFunctions[item.name] = inner.addImport(ComponentImport(name: ExternName(importName), type: .function(typeIndex: typeIndex)))
                arguments.append(InstantiationArgument(name: importName, item: SortIndex(sort: .function, index: function)))
            default:
                throw unsupported("interface `\(interfaceName)` export `\(item.name)` is a \(item.type.sort)")
            }
        }
        innerTypes.forgetComponentTypes()
        for item in instance.exports {
            if case .type(let type) = item.type {
                let importIndex = try innerIndexOfTypeImport(item.name, inner)
                let exported = inner.addExport(ComponentExport(name: ExternName(item.name), item: SortIndex(sort: .type, index: importIndex)))
                innerTypes.bind(type, to: exported)
                if let resource = arena.resourceOf(type) { innerTypes.bind(resource: resource, to: exported) }
            }
        }
        for item in instance.exports {
            guard case .function(let type) = item.type, let function = importedFunctions[item.name] else { continue }
            let ascription = try innerTypes.encodeFunctionType(type, &inner)
            inner.addExport(ComponentExport(name: ExternName(item.name), item: SortIndex(sort: .function, index: function),
                                            type: .function(typeIndex: ascription)))
        }
        let component = builder.addComponent(inner.component)
        return builder.addInstance(.instantiate(component: component, arguments: arguments))
    }

    /// A kebab-case import name for function `name` of an interface:
    /// `import-func-f`, `import-constructor-r`, `import-method-r-m`, `import-static-r-s`.
    static func shimImportName(ofFunction name: String) -> String {
        for kind in ["constructor", "method", "static"] where name.hasPrefix("[\(kind)]") {
            return "import-\(kind)-" + String(name.dropFirst(kind.count + 2).map { $0 == "." ? "-" : $0 })
        }
        return "import-func-\(name)"
    }

    /// The type index the import `import-type-<name>` got in the shim component.
    private func innerIndexOfTypeImport(_ name: String, _ inner: ComponentBuilder) throws(ComposeError) -> UInt32 {
        var typeIndex: UInt32 = 0
        for section in inner.sections {
            switch section.content {
            case .types(let definitions): typeIndex += UInt32(definitions.count)
            case .aliases(let aliases): typeIndex += UInt32(aliases.filter { $0.sort == .type }.count)
            case .imports(let imports):
                for item in imports {
                    if item.name.name == "import-type-\(name)" { return typeIndex }
                    if item.type.sort == .type { typeIndex += 1 }
                }
            default: break
            }
        }
        throw unsupported("internal: no type import for `\(name)`")
    }
}
