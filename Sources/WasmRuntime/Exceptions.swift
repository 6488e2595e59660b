internal import CWasmInterpreter
import WasmCore

/// An exception tag of a store (exception-handling proposal). Tags have identity: a
/// `try_table` clause catches exactly the exceptions thrown with the same tag object, whichever
/// instance defined, imported or re-exported it. Hashable by identity.
public struct Tag: Hashable {
    let store: Store
    let index: Int

    /// The tag's type: its parameters are the payload of the exceptions it throws.
    public var type: FunctionType { store.tags[index].type }

    public static func == (lhs: Tag, rhs: Tag) -> Bool { lhs.store === rhs.store && lhs.index == rhs.index }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(store))
        hasher.combine(index)
    }
}

/// An exception thrown by WebAssembly code: the value an `exnref` refers to. Hashable by identity.
///
/// Exceptions live as long as their store. One that is not caught ends the call that
/// raised it with a `Trap` of reason `.uncaughtException` carrying the exception; a host
/// function's frame stops the unwinding (the exception is not rethrown into the calling guest,
/// which sees the trap).
public struct Exception: Hashable {
    let store: Store
    let index: Int

    /// The tag the exception was thrown with.
    public var tag: Tag { Tag(store: store, index: store.exceptions[index].tag) }

    /// The payload: one value per parameter of the tag's type.
    public var payload: [Value] {
        let entity = store.exceptions[index]
        return zip(entity.payload, store.tags[entity.tag].type.parameters).map { store.decode($0, as: $1) }
    }

    public static func == (lhs: Exception, rhs: Exception) -> Bool { lhs.store === rhs.store && lhs.index == rhs.index }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(store))
        hasher.combine(index)
    }
}

/// The store's record of one tag.
final class TagEntity {
    let type: FunctionType
    init(type: FunctionType) { self.type = type }
}

/// The store's record of one thrown exception; an `exnref` slot holds its index plus one.
struct ExceptionEntity {
    /// Store index of the tag.
    var tag: Int
    /// The payload's slot bits.
    var payload: [UInt64]
}

extension Store {
    /// Creates a tag of type `type` that instances of this store can import.
    public func makeTag(type: FunctionType) throws -> Tag {
        guard type.results.isEmpty else { throw RuntimeError("a tag's type must have no results") }
        return Tag(store: self, index: addTag(type: type))
    }

    func addTag(type: FunctionType) -> Int {
        tags.append(TagEntity(type: type))
        return tags.count - 1
    }

    /// Records a thrown exception; returns its `exnref` slot bits.
    func addException(tag: Int, payload: [UInt64]) -> UInt64 {
        exceptions.append(ExceptionEntity(tag: tag, payload: payload))
        return UInt64(exceptions.count)
    }

    /// The first handler of `function` around code offset `site` that catches exceptions of `tag`.
    func handler(in function: UnsafeMutablePointer<FunctionRecord>, at site: Int, tag: Int) -> HandlerRecord? {
        guard let handlers = function.pointee.handlers else { return nil }
        for index in 0..<function.pointee.handlerCount {
            let handler = handlers[index]
            if handler.start <= site, site < handler.end, handler.tag == tag || handler.tag < 0 { return handler }
        }
        return nil
    }
}

// Like `Function`: handles are used on the thread that owns their store, but a `Value` or a
// `Trap` holding them must be `Sendable`.
extension Tag: @unchecked Sendable {}
extension Exception: @unchecked Sendable {}
