import ComponentModel
import WasmCore

/// The `component-type` custom section guest toolchains (wit-bindgen, `wasm-tools component
/// embed`) put in a core module: a WIT world encoded as a component whose exported type is a
/// package type exporting the world's component type, plus the string encoding the guest uses
/// (`wit-component-encoding`: version byte, then 0 utf8, 1 utf16, 2 latin1+utf16).
struct ComponentTypeSection {
    /// The world's component type (its imports and exports) in `types`.
    var world: ResolvedComponentType
    /// The world's name, e.g. `test:calc/calc`.
    var worldName: String
    /// The arena `world` refers to.
    var types: TypeArena
    /// The canonical option for the guest's strings.
    var stringEncoding: CanonicalOption

    /// Finds and decodes the section in `module`; `name` names the module in errors.
    init(in module: Module, name: String) throws(ComposeError) {
        let sections = module.customSections.filter { $0.name.hasPrefix("component-type") }
        guard let section = sections.first else {
            throw ComposeError.invalidInput(component: name, reason: "the module has no `component-type` custom section (build it with wit-bindgen, or add one with `wasm-tools component embed WIT module.wasm --world W`)")
        }
        guard sections.count == 1 else {
            throw ComposeError.unsupported("\(name) has \(sections.count) `component-type` sections; merging worlds is not supported")
        }
        let payload = Array(module.bytes[section.payload])
        let component: Component
        do {
            component = try Component(decoding: payload)
        } catch {
            throw ComposeError.invalidInput(component: name, reason: "its `\(section.name)` section is not a valid component type: \(error)")
        }
        let encoding = component.customSections.first { $0.name == "wit-component-encoding" }?.payload ?? []
        let stringEncoding: CanonicalOption = switch encoding.count >= 2 ? encoding[1] : 0 {
        case 1: .stringEncodingUTF16
        case 2: .stringEncodingLatin1UTF16
        default: .stringEncodingUTF8
        }
        try self.init(worldPackage: component, stringEncoding: stringEncoding, source: "its `\(section.name)` section", name: name)
    }

    /// Reads the world from `component`, a package-shaped component exporting a world's
    /// component type (the custom section's payload, or `WITComponentEncoder.worldPackage`);
    /// `source` says where it came from in errors.
    init(worldPackage component: Component, stringEncoding: CanonicalOption, source: String, name: String) throws(ComposeError) {
        let validated: ValidatedComponent
        do {
            validated = try component.validate()
        } catch {
            throw ComposeError.invalidInput(component: name, reason: "\(source) is not a valid component type: \(error)")
        }
        var found: (String, ResolvedComponentType)?
        for export in validated.type.exports {
            guard case .type(let id) = export.type, case .component(let package) = validated.types[id] else { continue }
            for item in package.exports {
                if case .component(let worldID) = item.type, case .component(let world) = validated.types[worldID] {
                    found = (item.name, world)
                }
            }
        }
        guard let (worldName, world) = found else {
            throw ComposeError.invalidInput(component: name, reason: "\(source) does not export a world")
        }
        self.world = world
        self.worldName = worldName
        types = validated.types
        self.stringEncoding = stringEncoding
    }

    /// `bytes` (a core module) without its `component-type` custom sections.
    static func stripped(_ bytes: [UInt8]) -> [UInt8] {
        var result = Array(bytes.prefix(8))
        var offset = 8
        while offset < bytes.count {
            let start = offset
            let id = bytes[offset]
            offset += 1
            var size = 0
            var shift = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                size |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            let end = min(offset + size, bytes.count)
            var keep = true
            if id == 0, offset < end {
                var nameLength = 0
                var nameShift = 0
                var cursor = offset
                while cursor < end {
                    let byte = bytes[cursor]
                    cursor += 1
                    nameLength |= Int(byte & 0x7F) << nameShift
                    nameShift += 7
                    if byte & 0x80 == 0 { break }
                }
                if cursor + nameLength <= end,
                   String(decoding: bytes[cursor..<cursor + nameLength], as: UTF8.self).hasPrefix("component-type") {
                    keep = false
                }
            }
            if keep { result += bytes[start..<end] }
            offset = end
        }
        return result
    }
}
