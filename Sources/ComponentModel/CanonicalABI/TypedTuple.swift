import WasmRuntime

/// A component `tuple<...>` of typed values (Swift tuples cannot conform to protocols).
public struct TypedTuple<each Element> {
    /// The elements, in order.
    public var elements: (repeat each Element)

    /// A tuple of `elements`.
    public init(_ elements: repeat each Element) {
        self.elements = (repeat each elements)
    }
}

extension TypedTuple: Equatable where repeat each Element: Equatable {
    /// Element-wise equality.
    public static func == (a: Self, b: Self) -> Bool {
        for (x, y) in repeat (each a.elements, each b.elements) {
            if x != y { return false }
        }
        return true
    }
}

extension TypedTuple: Hashable where repeat each Element: Hashable {
    /// Hashes the elements in order.
    public func hash(into hasher: inout Hasher) {
        for element in repeat each elements { hasher.combine(element) }
    }
}

extension TypedTuple: Sendable where repeat each Element: Sendable {}

extension TypedTuple: ComponentTyped where repeat each Element: ComponentTyped {
    /// `tuple<...>` of the element types.
    public static var componentType: CanonicalType {
        var types: [CanonicalType] = []
        for element in repeat (each Element).self { types.append(element.componentType) }
        return CanonicalType(.tuple(types))
    }
}

extension TypedTuple: ComponentLowerable where repeat each Element: ComponentLowerable {
    /// `lower_flat`: the elements' flat values in order.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        for element in repeat each elements { try element.lowerFlat(into: &output, context: context) }
    }

    /// `store`: each element at its offset.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        let offsets = Self.componentType.memberOffsets
        var index = 0
        for element in repeat each elements {
            try element.store(at: pointer + offsets[index], context: context)
            index += 1
        }
    }
}

extension TypedTuple: ComponentLiftable where repeat each Element: ComponentLiftable {
    /// `lift_flat`: the elements in order.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        let source = TupleSource(reader: reader, context: context, offsets: nil)
        let tuple = Self(repeat try source.next((each Element).self))
        reader = source.reader
        return tuple
    }

    /// `load`: each element at its offset.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        let source = TupleSource(reader: FlatValueReader([]), context: context,
                                 offsets: componentType.memberOffsets.map { pointer + $0 })
        return Self(repeat try source.next((each Element).self))
    }
}

/// The reading position while lifting a tuple's elements one after the other.
private final class TupleSource {
    var reader: FlatValueReader
    let context: LiftLowerContext
    let addresses: [Int]?
    private var index = 0

    init(reader: FlatValueReader, context: LiftLowerContext, offsets: [Int]?) {
        self.reader = reader
        self.context = context
        addresses = offsets
    }

    func next<Element: ComponentLiftable>(_: Element.Type) throws -> Element {
        defer { index += 1 }
        if let addresses { return try Element.load(from: addresses[index], context: context) }
        return try Element.liftFlat(from: &reader, context: context)
    }
}
