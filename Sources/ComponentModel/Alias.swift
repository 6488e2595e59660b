/// An alias definition: a new index for an item reached through an instance or an outer scope.
public enum Alias: Hashable, Sendable {
    /// `(alias export i "name" (sort))`: an export of a component instance.
    case instanceExport(sort: ComponentSort, instance: UInt32, name: String)
    /// `(alias core export i "name" (core sort))`: an export of a core instance.
    case coreInstanceExport(sort: CoreSort, instance: UInt32, name: String)
    /// `(alias outer count index (sort))`: an item of an enclosing scope, `count` scopes out.
    /// The sort is one of core type, core module, type or component.
    case outer(sort: ComponentSort, count: UInt32, index: UInt32)

    /// The index space the alias adds to.
    public var sort: ComponentSort {
        switch self {
        case .instanceExport(let sort, _, _), .outer(let sort, _, _): sort
        case .coreInstanceExport(let sort, _, _): .core(sort)
        }
    }
}
