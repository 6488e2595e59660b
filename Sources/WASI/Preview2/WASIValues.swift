import ComponentModel

/// Building and reading the `ComponentValue`s the WASI 0.2 host functions exchange with guests.
extension ComponentValue {
    /// `ok`, with an optional payload.
    static func ok(_ payload: ComponentValue? = nil) -> ComponentValue { .result(.ok(payload)) }
    /// `err`, with an optional payload.
    static func error(_ payload: ComponentValue? = nil) -> ComponentValue { .result(.error(payload)) }
    /// A new owned handle of a host resource type, for the representation `representation`.
    static func own(_ type: ComponentResourceType, _ representation: UInt32) -> ComponentValue {
        .resource(ResourceHandle(ownership: .own, resourceType: type.id, index: representation))
    }
    /// A `list<u8>`.
    static func bytes(_ bytes: some Sequence<UInt8>) -> ComponentValue { .list(bytes.map { .u8($0) }) }
    /// A record from its fields, in the order of the record type.
    static func record(_ fields: KeyValuePairs<String, ComponentValue>) -> ComponentValue {
        .record(fields.map { ComponentRecordField(name: $0.key, value: $0.value) })
    }
}

/// The arguments of one host call, read by position with the type the WIT declares. A value
/// of another shape means the host and the import type disagree: a trap, never a crash.
struct WASIArguments {
    let values: [ComponentValue]
    /// The function, for messages.
    let function: String

    private func value(_ index: Int) throws(ComponentTrap) -> ComponentValue {
        guard index < values.count else { throw ComponentTrap("\(function): missing argument \(index)") }
        return values[index]
    }

    private func mismatch(_ index: Int, _ expected: String) -> ComponentTrap {
        ComponentTrap("\(function): argument \(index) is not a \(expected)")
    }

    /// The representation behind the handle in argument `index` (own or borrow).
    func handle(_ index: Int) throws(ComponentTrap) -> UInt32 {
        guard case .resource(let handle) = try value(index) else { throw mismatch(index, "resource handle") }
        return handle.index
    }

    func u64(_ index: Int) throws(ComponentTrap) -> UInt64 {
        guard case .u64(let number) = try value(index) else { throw mismatch(index, "u64") }
        return number
    }

    func u32(_ index: Int) throws(ComponentTrap) -> UInt32 {
        guard case .u32(let number) = try value(index) else { throw mismatch(index, "u32") }
        return number
    }

    func u16(_ index: Int) throws(ComponentTrap) -> UInt16 {
        guard case .u16(let number) = try value(index) else { throw mismatch(index, "u16") }
        return number
    }

    func u8(_ index: Int) throws(ComponentTrap) -> UInt8 {
        guard case .u8(let number) = try value(index) else { throw mismatch(index, "u8") }
        return number
    }

    func bool(_ index: Int) throws(ComponentTrap) -> Bool {
        guard case .bool(let flag) = try value(index) else { throw mismatch(index, "bool") }
        return flag
    }

    func string(_ index: Int) throws(ComponentTrap) -> String {
        guard case .string(let text) = try value(index) else { throw mismatch(index, "string") }
        return text
    }

    /// A `list<u8>` argument.
    func bytes(_ index: Int) throws(ComponentTrap) -> [UInt8] {
        guard case .list(let elements) = try value(index) else { throw mismatch(index, "list<u8>") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(elements.count)
        for element in elements {
            guard case .u8(let byte) = element else { throw mismatch(index, "list<u8>") }
            bytes.append(byte)
        }
        return bytes
    }

    /// A `list<borrow<T>>` argument: the representations.
    func handles(_ index: Int) throws(ComponentTrap) -> [UInt32] {
        guard case .list(let elements) = try value(index) else { throw mismatch(index, "list of handles") }
        var handles: [UInt32] = []
        for element in elements {
            guard case .resource(let handle) = element else { throw mismatch(index, "list of handles") }
            handles.append(handle.index)
        }
        return handles
    }

    /// The names of the flags set in a `flags` argument.
    func flags(_ index: Int) throws(ComponentTrap) -> Set<String> {
        guard case .flags(let names) = try value(index) else { throw mismatch(index, "flags") }
        return Set(names)
    }

    /// The case of an `enum` argument.
    func enumCase(_ index: Int) throws(ComponentTrap) -> String {
        guard case .enum(let name) = try value(index) else { throw mismatch(index, "enum") }
        return name
    }

    /// The case and payload of a `variant` argument.
    func variant(_ index: Int) throws(ComponentTrap) -> (name: String, payload: ComponentValue?) {
        guard case .variant(let name, let payload) = try value(index) else { throw mismatch(index, "variant") }
        return (name, payload)
    }

    /// A `result` argument without payloads: whether it is `ok`.
    func isOk(_ index: Int) throws(ComponentTrap) -> Bool {
        guard case .result(let result) = try value(index) else { throw mismatch(index, "result") }
        if case .ok = result { return true }
        return false
    }

    /// The `record` argument's field `name`.
    func field(_ index: Int, _ name: String) throws(ComponentTrap) -> ComponentValue {
        guard case .record(let fields) = try value(index), let field = fields.first(where: { $0.name == name }) else {
            throw mismatch(index, "record with field \(name)")
        }
        return field.value
    }
}
