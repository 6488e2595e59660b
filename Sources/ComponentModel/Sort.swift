/// A core index space a component can refer to (`core:sort` in Binary.md).
public enum CoreSort: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case function = 0x00
    case table = 0x01
    case memory = 0x02
    case global = 0x03
    case tag = 0x04
    case type = 0x10
    case module = 0x11
    case instance = 0x12

    /// A readable rendering for messages and debugging.
    public var description: String {
        switch self {
        case .function: "core func"
        case .table: "core table"
        case .memory: "core memory"
        case .global: "core global"
        case .tag: "core tag"
        case .type: "core type"
        case .module: "core module"
        case .instance: "core instance"
        }
    }
}

/// A component-level index space (`sort` in Binary.md): one of the core sorts or a component sort.
public enum ComponentSort: Hashable, Sendable, CustomStringConvertible {
    case core(CoreSort)
    case function
    case value
    case type
    case component
    case instance

    /// A readable rendering for messages and debugging.
    public var description: String {
        switch self {
        case .core(let sort): sort.description
        case .function: "func"
        case .value: "value"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }
}

/// An index into a core index space (`core:sortidx`).
public struct CoreSortIndex: Hashable, Sendable {
    public var sort: CoreSort
    public var index: UInt32
    /// Creates a reference to item `index` of the core index space `sort`.
    public init(sort: CoreSort, index: UInt32) {
        self.sort = sort
        self.index = index
    }
}

/// An index into a component-level index space (`sortidx`).
public struct SortIndex: Hashable, Sendable {
    public var sort: ComponentSort
    public var index: UInt32
    /// Creates a reference to item `index` of the index space `sort`.
    public init(sort: ComponentSort, index: UInt32) {
        self.sort = sort
        self.index = index
    }
}
