import WasmRuntime

/// The payload of a `result` case that has none (`result<_, E>`, `result<T>`, `result`).
public struct NoPayload: ComponentValueConvertible, Hashable, Sendable {
    /// The absent payload.
    public init() {}

    /// Laid out like the empty tuple: no bytes, no flat values.
    public static var componentType: CanonicalType { CanonicalType(.tuple([])) }

    /// Appends nothing.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {}
    /// Writes nothing.
    public func store(at pointer: Int, context: LiftLowerContext) throws {}
    /// Reads nothing.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> NoPayload { NoPayload() }
    /// Reads nothing.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> NoPayload { NoPayload() }
}

/// A component `result<Success, Failure>` (`NoPayload` for an absent side). Unlike Swift's
/// `Result`, the failure need not be an `Error`: it is any value, as in WIT.
public enum TypedResult<Success, Failure> {
    case ok(Success)
    case error(Failure)
}

extension TypedResult: Equatable where Success: Equatable, Failure: Equatable {}
extension TypedResult: Hashable where Success: Hashable, Failure: Hashable {}
extension TypedResult: Sendable where Success: Sendable, Failure: Sendable {}

extension TypedResult: ComponentTyped where Success: ComponentTyped, Failure: ComponentTyped {
    /// `result<Success, Failure>`, with `NoPayload` sides absent.
    public static var componentType: CanonicalType {
        CanonicalType(.result(ok: Success.self == NoPayload.self ? nil : Success.componentType,
                              error: Failure.self == NoPayload.self ? nil : Failure.componentType))
    }
}

extension TypedResult: ComponentLowerable where Success: ComponentLowerable, Failure: ComponentLowerable {
    /// `lower_flat`: the case, then its payload widened to the joined flat types.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        let joined = Array(Self.componentType.flat.dropFirst())
        switch self {
        case .ok(let value): try context.lowerCase(0, joined: joined, into: &output) { try value.lowerFlat(into: &$0, context: context) }
        case .error(let value): try context.lowerCase(1, joined: joined, into: &output) { try value.lowerFlat(into: &$0, context: context) }
        }
    }

    /// `store`: the discriminant byte, then the payload at the payload offset.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        let payload = pointer + Self.componentType.casePayloadOffset
        switch self {
        case .ok(let value):
            try context.storeDiscriminant(0, size: 1, at: pointer)
            try value.store(at: payload, context: context)
        case .error(let value):
            try context.storeDiscriminant(1, size: 1, at: pointer)
            try value.store(at: payload, context: context)
        }
    }
}

extension TypedResult: ComponentLiftable where Success: ComponentLiftable, Failure: ComponentLiftable {
    /// `lift_flat`: traps on a discriminant other than 0 or 1.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        let caseFlat = [Success.componentType.flat, Failure.componentType.flat]
        return try context.liftCase(caseFlat: caseFlat, joinedCount: componentType.flat.count - 1, from: &reader) { index, payload in
            index == 0 ? .ok(try Success.liftFlat(from: &payload, context: context))
                : .error(try Failure.liftFlat(from: &payload, context: context))
        }
    }

    /// `load`: traps on a discriminant other than 0 or 1.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        let payload = pointer + componentType.casePayloadOffset
        return try context.loadDiscriminant(size: 1, caseCount: 2, at: pointer) == 0
            ? .ok(try Success.load(from: payload, context: context))
            : .error(try Failure.load(from: payload, context: context))
    }
}
