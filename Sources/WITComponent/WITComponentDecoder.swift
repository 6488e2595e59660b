import ComponentModel
import WIT

/// What a component binary describes in WIT.
public enum DecodedWIT: Sendable {
    /// A WIT package encoded as a component (`wasm-tools component wit --wasm`): the package
    /// and the packages it uses.
    case package(Resolve, PackageID)
    /// A component: its world `root` in package `root:component`, and the packages of the
    /// interfaces it imports and exports.
    case component(Resolve, WorldID)

    /// The resolve holding the decoded items.
    public var resolve: Resolve {
        switch self {
        case .package(let resolve, _), .component(let resolve, _): resolve
        }
    }

    /// The decoded package (`root:component` for a component).
    public var package: PackageID {
        switch self {
        case .package(_, let id): id
        case .component(let resolve, let world): resolve[world: world].package!
        }
    }
}

/// Reads WIT back from component binaries, the inverse of `WITComponentEncoder` and what
/// `wasm-tools component wit` does with a `.wasm` file: a component whose exports are all
/// component types is a WIT package; any other component is described by its world.
public enum WITComponentDecoder {
    /// Decodes and validates `bytes`, then reads its WIT into `resolve` (an empty one by
    /// default; packages it already has are reused by name).
    public static func decode(_ bytes: [UInt8], into resolve: Resolve = Resolve()) throws(WITDecodingError) -> DecodedWIT {
        let component: Component
        do { component = try Component(decoding: bytes) } catch { throw WITDecodingError("\(error)") }
        return try decode(component, into: resolve)
    }

    /// Validates `component`, then reads its WIT into `resolve`.
    public static func decode(_ component: Component, into resolve: Resolve = Resolve()) throws(WITDecodingError) -> DecodedWIT {
        let validated: ValidatedComponent
        do { validated = try component.validate() } catch { throw WITDecodingError("\(error)") }
        let externs = orderedExterns(component, validated.type)
        var decoder = WITTypeDecoder(resolve: resolve, types: validated.types)
        if let packageTypes = packageComponentTypes(externs, validated.types) {
            let id = try decodePackage(packageTypes, with: &decoder)
            var result = decoder.resolve
            PackageDocs.apply(component, to: &result, package: id)
            return .package(result, id)
        }
        let world = decoder.resolve.append(world: World(name: "root"))
        var items = WITTypeDecoder.PackageItems()
        items.worlds["root"] = world
        try decoder.addWorldItems(world, externs, skipsOtherImports: true, into: &items)
        _ = try decoder.finish(PackageName(namespace: "root", name: "component"), items)
        return .component(decoder.resolve, world)
    }

    /// The top-level imports and exports in binary order, with their validated types.
    private static func orderedExterns(_ component: Component, _ type: ResolvedComponentType) -> [(item: NamedEntity, isImport: Bool)] {
        var imports: [String: NamedEntity] = [:]
        for item in type.imports { imports[item.name] = item }
        var exports: [String: NamedEntity] = [:]
        for item in type.exports { exports[item.name] = item }
        var ordered: [(item: NamedEntity, isImport: Bool)] = []
        for section in component.sections {
            switch section.content {
            case .imports(let items):
                ordered += items.compactMap { imports[$0.name.name].map { ($0, true) } }
            case .exports(let items):
                ordered += items.compactMap { exports[$0.name.name].map { ($0, false) } }
            default:
                break
            }
        }
        return ordered
    }

    /// The exported component types when the component is a WIT package (in the current
    /// encoding, which names each export by the item's plain name), else nil.
    private static func packageComponentTypes(_ externs: [(item: NamedEntity, isImport: Bool)],
                                              _ types: TypeArena) -> [ResolvedComponentType]? {
        guard let first = externs.first, case .label? = try? ExternNameSyntax(parsing: first.item.name) else { return nil }
        var result: [ResolvedComponentType] = []
        for (item, isImport) in externs {
            guard !isImport, case .type(let id) = item.type, case .component(let type) = types[id] else { return nil }
            result.append(type)
        }
        return result
    }

    /// Each exported component type exports one world (a component) or one interface (an
    /// instance, after importing the interfaces it uses); all name the same package.
    private static func decodePackage(_ items: [ResolvedComponentType], with decoder: inout WITTypeDecoder) throws(WITDecodingError) -> PackageID {
        var packageName: PackageName?
        var package = WITTypeDecoder.PackageItems()
        for component in items {
            guard component.exports.count == 1, let export = component.exports.first else {
                throw WITDecodingError("Expected a single export, but found \(component.exports.count) instead")
            }
            do throws(WITDecodingError) {
                let name = try WITTypeDecoder.interfaceName(export.name).package
                switch export.type {
                case .component(let id):
                    guard case .component(let world) = decoder.types[id] else { throw WITDecodingError("`\(export.name)` is not a component type") }
                    _ = try decoder.registerWorld(export.name, world, into: &package)
                case .instance(let id):
                    guard case .instance(let instance) = decoder.types[id] else { throw WITDecodingError("`\(export.name)` is not an instance type") }
                    for dependency in component.imports {
                        guard case .instance(let dependencyID) = dependency.type, case .instance(let used) = decoder.types[dependencyID] else {
                            throw WITDecodingError("import `\(dependency.name)` is not an instance")
                        }
                        do throws(WITDecodingError) { _ = try decoder.registerImport(dependency.name, used) } catch { throw error.within("import `\(dependency.name)`") }
                    }
                    _ = try decoder.registerInterface(export.name, instance, into: &package)
                default:
                    throw WITDecodingError("`\(export.name)` is neither a world nor an interface")
                }
                if let packageName, packageName != name { throw WITDecodingError("item defined with mismatched package name") }
                packageName = name
            } catch { throw error.within("`\(export.name)`") }
        }
        guard let packageName else { throw WITDecodingError("no exported component type found") }
        return try decoder.finish(packageName, package)
    }
}

/// Lets the WIT loader read `.wasm` packages, in `deps/` and as the top-level input.
public struct WITBinaryPackageDecoder: BinaryWITDecoder {
    /// A decoder.
    public init() {}

    /// Decodes the WIT package in `bytes` into `resolve`; a component that is not a WIT package
    /// is rejected, as wit-parser does.
    public func decodePackage(_ bytes: [UInt8], path: String, into resolve: inout Resolve) throws(WITError) -> PackageID {
        let decoded: DecodedWIT
        do { decoded = try WITComponentDecoder.decode(bytes, into: resolve) } catch {
            throw WITError(binaryPackage: path, "failed to decode WIT package: \(error)")
        }
        guard case .package(let result, let id) = decoded else {
            throw WITError(binaryPackage: path, "found an actual component instead of an encoded WIT package in binary")
        }
        resolve = result
        return id
    }
}
