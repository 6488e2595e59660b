import ComponentModel
import WIT

/// Encodes WIT as component types, in the binary layout of wit-component (what
/// `wasm-tools component wit --wasm` writes and guest toolchains embed as the
/// `component-type` custom section).
public enum WITComponentEncoder {
    /// The component type of world `world`: its imports and exports, with one instance type
    /// per interface, resources as abstract `sub resource` exports and every value type.
    public static func worldType(_ world: WorldID, in resolve: Resolve) throws(WITEncodingError) -> ComponentTypeDefinition {
        var builder = ComponentTypeBuilder(resolve: resolve, description: "world \(resolve[world: world].name)")
        try builder.declareWorld(world)
        return .component(builder.declarations)
    }

    /// The component that describes package `package`: for each interface a component type
    /// that imports its dependencies and exports it, for each world a component type exporting
    /// the world's component type, each exported under the item's name.
    public static func package(_ package: PackageID, in resolve: Resolve) throws(WITEncodingError) -> Component {
        let pkg = resolve[package: package]
        var items: [(name: String, type: ComponentTypeDefinition)] = []
        for (name, interface) in pkg.interfaces {
            var builder = ComponentTypeBuilder(resolve: resolve, description: "interface \(pkg.name.interfaceID(name))")
            try builder.declareStandaloneInterface(interface)
            items.append((name, .component(builder.declarations)))
        }
        for (name, world) in pkg.worlds {
            items.append((name, try wrappedWorldType(world, in: resolve)))
        }
        return Component(sections: exportedTypes(items))
    }

    /// The component guest toolchains embed in a core module's `component-type` custom section
    /// for world `world`: a package-shaped component exporting only that world.
    public static func worldPackage(_ world: WorldID, in resolve: Resolve) throws(WITEncodingError) -> Component {
        let type = try wrappedWorldType(world, in: resolve)
        let name = resolve[world: world].name
        return Component(sections: exportedTypes([(name, type)]))
    }

    /// `(component (type (component <world>)) (export "ns:pkg/w" (component (type 0))))`.
    private static func wrappedWorldType(_ world: WorldID, in resolve: Resolve) throws(WITEncodingError) -> ComponentTypeDefinition {
        let inner = try worldType(world, in: resolve)
        let def = resolve[world: world]
        let qualified = def.package.map { resolve[package: $0].name.interfaceID(def.name) } ?? def.name
        return .component([
            .type(inner),
            .export(name: ExternName(qualified), type: .component(typeIndex: 0)),
        ])
    }

    /// Each type followed by its export; the export of a type adds a type index too, so item
    /// `n`'s type has index `2n`.
    private static func exportedTypes(_ items: [(name: String, type: ComponentTypeDefinition)]) -> [ComponentSection] {
        var sections: [ComponentSection] = []
        for (offset, item) in items.enumerated() {
            sections.append(ComponentSection(.types([item.type])))
            let export = ComponentExport(name: ExternName(item.name), item: SortIndex(sort: .type, index: UInt32(2 * offset)))
            sections.append(ComponentSection(.exports([export])))
        }
        return sections
    }
}
