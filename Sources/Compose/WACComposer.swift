import ComponentModel

/// Composition from a composition file (a subset of the WAC language, see `WACParser`):
/// explicit wiring for what plug composition cannot express — several instances of one
/// component, arguments chosen by name, exports picked and renamed.
///
/// Packages named by `new` are resolved by the caller (the CLI maps them to files with
/// `--dep ns:name=path.wasm` or a deps folder holding `ns/name.wasm`). Argument names follow
/// WAC's inference rules: a named argument `c: x` or an inferred `c` satisfies the import whose
/// interface path ends in `/c` when there is exactly one, else the import named `c`; an inferred
/// argument that is an export of another instance also matches an import of the same name
/// (semver-compatible). `...x` spreads instance `x`'s exports over the imports still open and a
/// final `...` imports the rest from the composition (shared by name).
public enum WACComposer {
    /// Composes the composition file `text` (`file` names it in errors); `package` returns the
    /// component for a package name. `validateResult` as in `PlugComposer.compose`.
    public static func compose(
        _ text: String, file: String, validateResult: Bool = true,
        package: @escaping (String) throws(ComposeError) -> InputComponent
    ) throws(ComposeError) -> Component {
        var parser = try WACParser(text, file: file)
        let document = try parser.document()
        var evaluator = WACEvaluator(file: file, resolvePackage: package)
        for statement in document.statements { try evaluator.evaluate(statement) }
        guard !evaluator.graph.exports.isEmpty else {
            throw ComposeError.configuration(location: file, message: "the composition exports nothing (add an `export` statement)")
        }
        return try CompositionEncoder.encode(evaluator.graph, validate: validateResult)
    }
}

/// The value of a WAC expression.
private enum WACValue {
    /// An instance made by `new`.
    case instance(Int)
    /// An export of an instance, with the name it was accessed by.
    case item(CompositionGraph.Source, name: String)
}

/// Evaluates statements in order into a `CompositionGraph`.
private struct WACEvaluator {
    let file: String
    let resolvePackage: (String) throws(ComposeError) -> InputComponent
    var graph = CompositionGraph()
    var packages: [String: Int] = [:]
    var names: [String: WACValue] = [:]

    init(file: String, resolvePackage: @escaping (String) throws(ComposeError) -> InputComponent) {
        self.file = file
        self.resolvePackage = resolvePackage
    }

    func error(_ message: String, at location: WACLocation) -> ComposeError {
        .configuration(location: "\(file):\(location)", message: message)
    }

    mutating func evaluate(_ statement: WACStatement) throws(ComposeError) {
        switch statement {
        case .let(let name, let value, let at):
            guard names[name] == nil else { throw error("`\(name)` is already defined", at: at) }
            names[name] = try evaluate(value)
        case .export(let expression, let options, let at):
            let value = try evaluate(expression)
            switch (value, options) {
            case (.item(let source, let name), .implied):
                try export(name, source, at)
            case (.item(let source, _), .renamed(let name)):
                try export(name, source, at)
            case (.instance(let instance), .spread):
                let existing = Set(graph.exports.map(\.name))
                let items = graph.instances[instance].exports.filter { !existing.contains($0.name) }
                guard !items.isEmpty else { throw error("the instance has no exports left to spread", at: at) }
                for item in items { try export(item.name, .export(instance: instance, name: item.name), at) }
            case (.instance, _):
                throw error("a whole instance cannot be exported: export one of its exports, or all of them with `...`", at: at)
            case (.item, .spread):
                throw error("only an instance can be spread", at: at)
            }
        }
    }

    private mutating func export(_ name: String, _ source: CompositionGraph.Source, _ at: WACLocation) throws(ComposeError) {
        do { try graph.addExport(name: name, source: source) } catch {
            throw self.error(error.description, at: at)
        }
    }

    private mutating func evaluate(_ expression: WACExpression) throws(ComposeError) -> WACValue {
        switch expression {
        case .name(let name, let at):
            guard let value = names[name] else { throw error("`\(name)` is not defined", at: at) }
            return value
        case .access(let base, let name, let at):
            let instance = try instanceValue(base, at)
            let exports = graph.instances[instance].exports.map(\.name)
            let byPath = exports.filter { WACEvaluator.interfaceName(of: $0) == name }
            let chosen = byPath.count == 1 ? byPath[0] : name
            guard exports.contains(chosen) else {
                throw error("the instance has no export `\(name)` (it exports \(exports.map { "`\($0)`" }.joined(separator: ", ")))", at: at)
            }
            return .item(.export(instance: instance, name: chosen), name: chosen)
        case .namedAccess(let base, let name, let at):
            let instance = try instanceValue(base, at)
            guard graph.instances[instance].exports.contains(where: { $0.name == name }) else {
                throw error("the instance has no export `\(name)`", at: at)
            }
            return .item(.export(instance: instance, name: name), name: name)
        case .new(let package, let arguments, let importsRest, let at):
            return .instance(try instantiate(package, arguments, importsRest: importsRest, at))
        }
    }

    private mutating func instanceValue(_ expression: WACExpression, _ at: WACLocation) throws(ComposeError) -> Int {
        guard case .instance(let instance) = try evaluate(expression) else {
            throw error("only an instance has exports to access", at: at)
        }
        return instance
    }

    /// `iface` for `ns:pkg/iface@version`, nil for plain names.
    static func interfaceName(of name: String) -> String? {
        guard let slash = name.lastIndex(of: "/") else { return nil }
        let rest = name[name.index(after: slash)...]
        return String(rest.split(separator: "@", maxSplits: 1)[0])
    }

    private mutating func instantiate(_ package: String, _ arguments: [WACArgument], importsRest: Bool,
                                      _ at: WACLocation) throws(ComposeError) -> Int {
        let component: Int
        if let known = packages[package] {
            component = known
        } else {
            component = graph.addComponent(try resolvePackage(package))
            packages[package] = component
        }
        let input = graph.components[component]
        let importNames = input.imports.map(\.name)
        func importNamed(_ name: String) -> String {
            let byPath = importNames.filter { WACEvaluator.interfaceName(of: $0) == name }
            return byPath.count == 1 ? byPath[0] : name
        }
        var supplied: [String: CompositionGraph.Source] = [:]
        func supply(_ name: String, _ source: CompositionGraph.Source, _ location: WACLocation) throws(ComposeError) {
            guard importNames.contains(name) else {
                throw error("\(package) has no import `\(name)` (it imports \(importNames.map { "`\($0)`" }.joined(separator: ", ")))", at: location)
            }
            guard supplied[name] == nil else { throw error("import `\(name)` of \(package) is given twice", at: location) }
            supplied[name] = source
        }
        var spreads: [(Int, WACLocation)] = []
        for argument in arguments {
            switch argument {
            case .named(let name, let isString, let expression, let location):
                guard case .item(let source, _) = try evaluate(expression) else {
                    throw error("an instance made by `new` cannot be passed as a whole; pass one of its exports", at: location)
                }
                try supply(isString ? name : importNamed(name), source, location)
            case .inferred(let local, let location):
                guard let value = names[local] else { throw error("`\(local)` is not defined", at: location) }
                guard case .item(let source, let exportName) = value else {
                    throw error("an instance made by `new` cannot be passed as a whole; spread it with `...\(local)`", at: location)
                }
                let matching = importNames.filter { InterfaceVersionMatch.rank(import: $0, export: exportName) != nil }
                try supply(matching.count == 1 ? matching[0] : importNamed(local), source, location)
            case .spread(let local, let location):
                guard case .instance(let instance)? = names[local] else {
                    throw error("`...\(local)` needs `\(local)` to be an instance", at: location)
                }
                spreads.append((instance, location))
            }
        }
        for (instance, location) in spreads {
            var matched = false
            for name in importNames where supplied[name] == nil {
                let candidates = graph.instances[instance].exports.compactMap { export in
                    InterfaceVersionMatch.rank(import: name, export: export.name).map { (export.name, $0) }
                }
                if let best = candidates.max(by: { $0.1 < $1.1 }) {
                    supplied[name] = .export(instance: instance, name: best.0)
                    matched = true
                }
            }
            guard matched else { throw error("the spread instance has no export matching an open import of \(package)", at: location) }
        }
        let file = self.file
        return try graph.instantiate(component) { name, expected, graph throws(ComposeError) in
            if let source = supplied[name] { return source }
            guard importsRest else {
                throw ComposeError.configuration(location: "\(file):\(at)",
                    message: "missing argument for import `\(name)` of \(package) (pass it, or end the arguments with `...` to import it)")
            }
            return try graph.addImport(name: name, type: expected)
        }
    }
}
