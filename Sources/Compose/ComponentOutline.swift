import ComponentModel
import WasmCore

/// The structure of a component as a tree: its imports, embedded core modules and components
/// (recursively), instances and exports, with the size of everything embedded. `wcomp inspect`
/// prints it.
public struct ComponentOutline: Sendable {
    /// One line of the tree and the lines under it.
    public struct Node: Sendable {
        /// The line: what the item is, with its index and size where it has them.
        public var text: String
        /// The items inside this one (for a nested component, its contents).
        public var children: [Node]
    }

    /// The root: the component itself.
    public var root: Node

    /// Outlines `component`, whose encoding is `size` bytes long.
    public init(_ component: Component, size: Int) {
        root = ComponentOutline.outline(component, title: "component", size: size)
    }

    private static func outline(_ component: Component, title: String, size: Int) -> Node {
        var children: [Node] = []
        var counts = (modules: 0, components: 0, instances: 0, coreInstances: 0, types: 0, aliases: 0, canonicals: 0)
        for section in component.sections {
            switch section.content {
            case .imports(let imports):
                children += imports.map { Node(text: "import \"\($0.name.name)\": \(describe($0.type))", children: []) }
            case .exports(let exports):
                children += exports.map { Node(text: "export \"\($0.name.name)\": \($0.item.sort) \($0.item.index)", children: []) }
            case .coreModule(let module):
                children.append(Node(text: "module \(counts.modules) (\(formatSize(module.bytes.count))\(moduleSummary(module)))", children: []))
                counts.modules += 1
            case .component(let nested):
                let nestedSize = section.sourceRange?.count ?? nested.encoded().count
                children.append(outline(nested, title: "component \(counts.components)", size: nestedSize))
                counts.components += 1
            case .instances(let instances):
                for instance in instances {
                    children.append(Node(text: "instance \(counts.instances) = \(describe(instance))", children: []))
                    counts.instances += 1
                }
            case .coreInstances(let instances):
                for instance in instances {
                    children.append(Node(text: "core instance \(counts.coreInstances) = \(describe(instance))", children: []))
                    counts.coreInstances += 1
                }
            case .types(let types): counts.types += types.count
            case .coreTypes(let types): counts.types += types.count
            case .aliases(let aliases): counts.aliases += aliases.count
            case .canonicals(let functions): counts.canonicals += functions.count
            case .custom, .start, .values: break
            }
        }
        var summary: [String] = []
        if counts.types > 0 { summary.append("\(counts.types) types") }
        if counts.aliases > 0 { summary.append("\(counts.aliases) aliases") }
        if counts.canonicals > 0 { summary.append("\(counts.canonicals) canonical functions") }
        let extra = summary.isEmpty ? "" : ", " + summary.joined(separator: ", ")
        return Node(text: "\(title) (\(formatSize(size))\(extra))", children: children)
    }

    private static func moduleSummary(_ module: CoreModule) -> String {
        guard let decoded = try? module.decoded() else { return ", not decodable" }
        return ", \(decoded.functionBodies.count) functions, \(decoded.imports.count) imports, \(decoded.exports.count) exports"
    }

    private static func describe(_ type: ExternType) -> String {
        switch type {
        case .coreModule: "core module"
        case .function: "func"
        case .value: "value"
        case .type(.subResource): "resource"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }

    private static func describe(_ instance: ComponentInstance) -> String {
        switch instance {
        case .instantiate(let component, let arguments):
            let with = arguments.map { "\"\($0.name)\": \($0.item.sort) \($0.item.index)" }
            return "instantiate component \(component)" + (with.isEmpty ? "" : " with " + with.joined(separator: ", "))
        case .fromExports(let exports):
            return "exports " + exports.map { "\"\($0.name.name)\"" }.joined(separator: ", ")
        }
    }

    private static func describe(_ instance: CoreInstance) -> String {
        switch instance {
        case .instantiate(let module, let arguments):
            let with = arguments.map { "\"\($0.name)\": core instance \($0.instance)" }
            return "instantiate module \(module)" + (with.isEmpty ? "" : " with " + with.joined(separator: ", "))
        case .fromExports(let exports):
            return "exports " + exports.map { "\"\($0.name)\"" }.joined(separator: ", ")
        }
    }

    /// `1234 B`, `12.3 KiB`, `4.5 MiB`.
    public static func formatSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let kibibytes = Double(bytes) / 1024
        if kibibytes < 1024 { return "\(tenths(kibibytes)) KiB" }
        return "\(tenths(kibibytes / 1024)) MiB"
    }

    private static func tenths(_ value: Double) -> String {
        let scaled = Int((value * 10).rounded())
        return "\(scaled / 10).\(scaled % 10)"
    }

    /// The tree drawn with box-drawing characters, one node per line.
    public var text: String {
        var lines = [root.text]
        func draw(_ nodes: [Node], prefix: String) {
            for (index, node) in nodes.enumerated() {
                let last = index == nodes.count - 1
                lines.append(prefix + (last ? "└─ " : "├─ ") + node.text)
                draw(node.children, prefix: prefix + (last ? "   " : "│  "))
            }
        }
        draw(root.children, prefix: "")
        return lines.joined(separator: "\n") + "\n"
    }
}
