/// The component `name` custom section (`component-name`): debug names for the component and
/// for items of its index spaces.
///
/// Like the core name section it is advisory: `Component.nameSection` returns nil rather than
/// rejecting the component when it is not well formed.
public struct ComponentNameSection: Hashable, Sendable {
    /// The custom section name that holds these names.
    public static let sectionName = "component-name"

    /// Names of the items of one index space.
    public struct SortNames: Hashable, Sendable {
        public var sort: ComponentSort
        /// (index, name) pairs in the order they were written.
        public var names: [(index: UInt32, name: String)]

        /// Creates the names of `sort`'s items.
        public init(sort: ComponentSort, names: [(index: UInt32, name: String)]) {
            self.sort = sort
            self.names = names
        }

        /// Equality of contents; layout and bookkeeping take no part.
        public static func == (lhs: SortNames, rhs: SortNames) -> Bool {
            lhs.sort == rhs.sort && lhs.names.elementsEqual(rhs.names) { $0.index == $1.index && $0.name == $1.name }
        }

        /// Hashes the same parts `==` compares.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(sort)
            for entry in names {
                hasher.combine(entry.index)
                hasher.combine(entry.name)
            }
        }

        /// The name of item `index`, if it has one.
        public subscript(index: UInt32) -> String? {
            names.first { $0.index == index }?.name
        }
    }

    public var componentName: String?
    public var sortNames: [SortNames]
    /// Subsections with unknown ids, as (id, payload), kept so encoding loses nothing.
    public var unknownSubsections: [(id: UInt8, payload: [UInt8])]

    /// Creates a name section.
    public init(componentName: String? = nil, sortNames: [SortNames] = [],
                unknownSubsections: [(id: UInt8, payload: [UInt8])] = []) {
        self.componentName = componentName
        self.sortNames = sortNames
        self.unknownSubsections = unknownSubsections
    }

    /// Decodes the payload of a `component-name` custom section (after the section name).
    public init(decoding payload: [UInt8]) throws(ComponentError) {
        self.init()
        var reader = BinaryReader(bytes: payload)
        reader.section = "component-name section"
        while !reader.isAtEnd {
            let id = try reader.readByte()
            let size = Int(try reader.readU32())
            var subsection = try reader.subReader(length: size)
            switch id {
            case 0:
                componentName = try subsection.readName()
            case 1:
                let sort = try subsection.readSort()
                let names = try subsection.readVector { reader throws(ComponentError) in
                    let index = try reader.readU32()
                    return (index: index, name: try reader.readName())
                }
                sortNames.append(SortNames(sort: sort, names: names))
            default:
                unknownSubsections.append((id: id, payload: try subsection.readBytes(size)))
            }
            guard subsection.isAtEnd else { throw subsection.malformed("name subsection size mismatch") }
            try reader.skip(size)
        }
    }

    /// The names of `sort`'s items, if the section names any.
    public func names(of sort: ComponentSort) -> SortNames? {
        sortNames.first { $0.sort == sort }
    }

    /// Encodes the section payload (to be stored as a custom section named `sectionName`).
    public func encodedPayload() -> [UInt8] {
        var writer = BinaryWriter()
        if let componentName {
            var subsection = BinaryWriter()
            subsection.name(componentName)
            writer.subsection(id: 0, subsection.bytes)
        }
        for entry in sortNames {
            var subsection = BinaryWriter()
            subsection.sort(entry.sort)
            subsection.vector(entry.names) { writer, pair in
                writer.u32(pair.index)
                writer.name(pair.name)
            }
            writer.subsection(id: 1, subsection.bytes)
        }
        for unknown in unknownSubsections { writer.subsection(id: unknown.id, unknown.payload) }
        return writer.bytes
    }

    /// Equality of contents; layout and bookkeeping take no part.
    public static func == (lhs: ComponentNameSection, rhs: ComponentNameSection) -> Bool {
        lhs.componentName == rhs.componentName && lhs.sortNames == rhs.sortNames
            && lhs.unknownSubsections.elementsEqual(rhs.unknownSubsections) { $0.id == $1.id && $0.payload == $1.payload }
    }

    /// Hashes the same parts `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(componentName)
        hasher.combine(sortNames)
    }
}

extension BinaryWriter {
    fileprivate mutating func subsection(id: UInt8, _ payload: [UInt8]) {
        byte(id)
        unsigned(UInt64(payload.count))
        bytes(payload)
    }
}
