/// A decoded component binary: its preamble and its sections in binary order.
///
/// Sections keep the order they had in the binary because each definition can refer only to
/// definitions before it. `Component(decoding:)` and `encoded()` are exact inverses: decoding
/// any well-formed component and encoding it again yields the same bytes.
public struct Component: Hashable, Sendable {
    /// The pre-standard version field of the preamble (0x0d for the current specification).
    public static let currentVersion: UInt16 = 0x0d
    /// The layer field that distinguishes components (1) from core modules (0).
    public static let componentLayer: UInt16 = 1

    public var version: UInt16
    public var layer: UInt16
    public var sections: [ComponentSection]

    /// Creates a component from sections, with the current preamble.
    public init(sections: [ComponentSection] = []) {
        self.version = Component.currentVersion
        self.layer = Component.componentLayer
        self.sections = sections
    }

    /// Every custom section (name and payload), in order.
    public var customSections: [(name: String, payload: [UInt8])] {
        sections.compactMap {
            if case .custom(let name, let payload) = $0.content { (name, payload) } else { nil }
        }
    }

    /// The decoded `component-name` section, or nil when absent or not well formed
    /// (a bad name section never makes a component invalid).
    public var nameSection: ComponentNameSection? {
        for section in customSections where section.name == ComponentNameSection.sectionName {
            return try? ComponentNameSection(decoding: section.payload)
        }
        return nil
    }
}

/// The contents of one section of a component (Binary.md `section`).
public enum ComponentSectionContent: Hashable, Sendable {
    /// Section 0: a custom section, kept verbatim.
    case custom(name: String, payload: [UInt8])
    /// Section 1: an embedded core module.
    case coreModule(CoreModule)
    /// Section 2.
    case coreInstances([CoreInstance])
    /// Section 3.
    case coreTypes([CoreType])
    /// Section 4: a nested component.
    case component(Component)
    /// Section 5.
    case instances([ComponentInstance])
    /// Section 6.
    case aliases([Alias])
    /// Section 7.
    case types([ComponentTypeDefinition])
    /// Section 8.
    case canonicals([CanonicalFunction])
    /// Section 9 (🪙).
    case start(ComponentStart)
    /// Section 10.
    case imports([ComponentImport])
    /// Section 11.
    case exports([ComponentExport])
    /// Section 12 (🪙).
    case values([ComponentValueDefinition])

    /// The section id byte.
    public var id: UInt8 {
        switch self {
        case .custom: 0
        case .coreModule: 1
        case .coreInstances: 2
        case .coreTypes: 3
        case .component: 4
        case .instances: 5
        case .aliases: 6
        case .types: 7
        case .canonicals: 8
        case .start: 9
        case .imports: 10
        case .exports: 11
        case .values: 12
        }
    }

    /// A human-readable section name used in error messages.
    public static func name(ofID id: UInt8) -> String {
        switch id {
        case 0: "custom section"
        case 1: "core module section"
        case 2: "core instance section"
        case 3: "core type section"
        case 4: "component section"
        case 5: "instance section"
        case 6: "alias section"
        case 7: "type section"
        case 8: "canonical function section"
        case 9: "start section"
        case 10: "import section"
        case 11: "export section"
        case 12: "value section"
        default: "section \(id)"
        }
    }
}

/// One section of a component: its contents plus how it was laid out in the binary it came from.
///
/// The layout lets encoding reproduce the original bytes exactly: the width of the section's
/// size field (producers sometimes pad it) and, for sections whose payload was not in the
/// canonical encoding this library writes (e.g. padded LEB128 integers), the original payload.
/// That payload is used only while `content` still equals what was decoded. Layout takes no
/// part in equality: two sections are equal when their contents are.
public struct ComponentSection: Hashable, Sendable {
    public var content: ComponentSectionContent
    /// Byte range of the whole section (id included) in the binary it was decoded from.
    public internal(set) var sourceRange: Range<Int>?
    /// Absolute offset of each item of a vector section in the binary it was decoded from.
    var itemOffsets: [Int] = []
    /// Width of the size field when it was wider than the minimal LEB128 encoding.
    var paddedSizeWidth: Int?
    /// The original payload, when it differs from the canonical encoding of `preservedContent`.
    var preservedPayload: [UInt8]?
    /// The content `preservedPayload` encodes.
    var preservedContent: ComponentSectionContent?

    /// Creates a section with no recorded layout.
    public init(_ content: ComponentSectionContent) {
        self.content = content
    }

    /// Whether the section's bytes were kept because they were not canonically encoded.
    public var keepsOriginalPayload: Bool { preservedPayload != nil }

    /// Equality of contents; layout and bookkeeping take no part.
    public static func == (lhs: ComponentSection, rhs: ComponentSection) -> Bool {
        lhs.content == rhs.content
    }

    /// Hashes the same parts `==` compares.
    public func hash(into hasher: inout Hasher) { hasher.combine(content) }
}
