/// A dictionary that remembers insertion order, the way WIT items keep source order.
public struct OrderedDictionary<Key: Hashable & Sendable, Value: Hashable & Sendable>: Hashable, Sendable, Sequence {
    /// The keys in order.
    public private(set) var keys: [Key] = []
    private var storage: [Key: Value] = [:]

    /// Creates an empty dictionary.
    public init() {}

    /// Number of entries.
    public var count: Int { keys.count }
    /// Whether the dictionary is empty.
    public var isEmpty: Bool { keys.isEmpty }
    /// The values in key order.
    public var values: [Value] { keys.map { storage[$0]! } }

    /// Reads an entry. Setting `nil` removes the entry (keeping the order of the rest);
    /// setting a new key appends it.
    public subscript(key: Key) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Inserts or replaces an entry, returning the previous value. A replaced entry keeps its position.
    @discardableResult
    public mutating func insert(_ value: Value, forKey key: Key) -> Value? {
        let previous = storage.updateValue(value, forKey: key)
        if previous == nil { keys.append(key) }
        return previous
    }

    /// Whether `key` is present.
    public func contains(_ key: Key) -> Bool { storage[key] != nil }

    /// Keeps only the entries for which `keep` returns true.
    public mutating func retain(_ keep: (Key, Value) -> Bool) {
        keys = keys.filter { key in
            if keep(key, storage[key]!) { return true }
            storage[key] = nil
            return false
        }
    }

    /// Reorders the entries by a key, keeping the order of equal elements.
    public mutating func stableSort<K: Comparable>(by sortKey: (Key, Value) -> K) {
        let decorated = keys.enumerated().map { (offset, key) in (sortKey(key, storage[key]!), offset, key) }
        keys = decorated.sorted { a, b in a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 }.map(\.2)
    }

    /// Iterates `(key, value)` pairs in order.
    public func makeIterator() -> AnyIterator<(key: Key, value: Value)> {
        var iterator = keys.makeIterator()
        let storage = storage
        return AnyIterator {
            guard let key = iterator.next() else { return nil }
            return (key, storage[key]!)
        }
    }

    /// Equal when keys, order and values are equal.
    public static func == (a: OrderedDictionary, b: OrderedDictionary) -> Bool {
        a.keys == b.keys && a.storage == b.storage
    }

    /// Hashes keys in order and values.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        for key in keys { hasher.combine(storage[key]!) }
    }
}
