import WasmRuntime

/// A component `list<Element, count>`: exactly `count` elements, laid out inline (flat: each
/// element's flat values in turn; in memory: the elements one after the other).
public struct FixedLengthList<let count: Int, Element> {
    /// The elements; lowering throws unless there are exactly `count`.
    public var elements: [Element]

    /// A list of `elements`.
    public init(_ elements: [Element]) {
        self.elements = elements
    }
}

extension FixedLengthList: Equatable where Element: Equatable {}
extension FixedLengthList: Hashable where Element: Hashable {}
extension FixedLengthList: Sendable where Element: Sendable {}

extension FixedLengthList: ComponentTyped where Element: ComponentTyped {
    /// `list<Element, count>`.
    public static var componentType: CanonicalType { CanonicalType(.fixedLengthList(Element.componentType, count: count)) }
}

extension FixedLengthList: ComponentLowerable where Element: ComponentLowerable {
    /// Throws unless there are exactly `count` elements.
    private func checkCount() throws(ComponentTrap) {
        guard elements.count == count else {
            throw ComponentTrap("\(Self.componentType) needs \(count) elements, not \(elements.count)")
        }
    }

    /// `lower_flat`: each element in turn.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        try checkCount()
        for element in elements { try element.lowerFlat(into: &output, context: context) }
    }

    /// `store`: the elements one after the other.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try checkCount()
        let size = Element.componentType.size
        for (index, element) in elements.enumerated() { try element.store(at: pointer + index * size, context: context) }
    }
}

extension FixedLengthList: ComponentLiftable where Element: ComponentLiftable {
    /// `lift_flat`: `count` elements in turn.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0 ..< count { elements.append(try Element.liftFlat(from: &reader, context: context)) }
        return Self(elements)
    }

    /// `load`: the elements one after the other.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        let size = Element.componentType.size
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for index in 0 ..< count { elements.append(try Element.load(from: pointer + index * size, context: context)) }
        return Self(elements)
    }
}
