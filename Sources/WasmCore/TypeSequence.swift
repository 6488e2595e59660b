/// The parameter or result types of a block, loop, if or function, without allocating for
/// the common cases (no type, one type).
struct TypeSequence: Sendable {
    private enum Storage: Sendable {
        case empty
        case single(ValueType)
        case list([ValueType])
    }

    private let storage: Storage

    static let empty = TypeSequence(storage: .empty)

    private init(storage: Storage) { self.storage = storage }

    init(_ type: ValueType) { storage = .single(type) }

    init(_ types: [ValueType]) { storage = types.isEmpty ? .empty : .list(types) }

    var count: Int {
        switch storage {
        case .empty: 0
        case .single: 1
        case .list(let types): types.count
        }
    }

    subscript(index: Int) -> ValueType {
        switch storage {
        case .empty: preconditionFailure("index out of range")
        case .single(let type): type
        case .list(let types): types[index]
        }
    }

    /// Whether both sequences hold the same types in the same order.
    func elementsEqual(_ other: TypeSequence) -> Bool {
        guard count == other.count else { return false }
        for index in 0..<count where self[index] != other[index] { return false }
        return true
    }
}
