import ComponentModel
import Testing

/// Component-to-component strings transcode directly between the caller's and the callee's
/// encodings with the `realloc` calls `store_string_into_range` in CanonicalABI.md makes for
/// that pair: a callee whose `realloc` logs each call receives a string from a caller with
/// another `string-encoding`.
@Suite(.enabled(if: ComponentWAT.isAvailable, "needs wasm-tools"))
struct StringTranscodingTests {
    /// One `realloc(old, old_size, align, new_size)` call, without the pointers.
    struct Allocation: Equatable, CustomStringConvertible {
        var oldSize: UInt32, alignment: UInt32, newSize: UInt32
        var description: String { "(\(oldSize), \(alignment), \(newSize))" }
    }

    /// A callee lifting `take(s: string) -> u32` with `calleeEncoding` and a `realloc` that
    /// logs (old, old_size, align, new_size, result) for each call, and a caller lowering it
    /// with `callerEncoding` that passes the `bytes` of its data segment tagged `taggedUnits`.
    static func component(caller callerEncoding: String, callee calleeEncoding: String,
                          bytes: [UInt8], taggedUnits: UInt32) -> String {
        let data = bytes.map { "\\" + String($0, radix: 16).leftPadded(to: 2) }.joined()
        return """
            (component
              (component $Callee
                (core module $m
                  (memory (export "mem") 1)
                  (global $next (mut i32) (i32.const 1024))
                  (global $calls (mut i32) (i32.const 0))
                  (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
                    (local $result i32) (local $entry i32)
                    (local.set $result (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                                (i32.sub (i32.const 0) (local.get $align))))
                    (global.set $next (i32.add (local.get $result) (local.get $size)))
                    (if (local.get $old) (then (memory.copy (local.get $result) (local.get $old) (local.get $old-size))))
                    (local.set $entry (i32.add (i32.const 256) (i32.mul (global.get $calls) (i32.const 20))))
                    (i32.store offset=0 (local.get $entry) (local.get $old))
                    (i32.store offset=4 (local.get $entry) (local.get $old-size))
                    (i32.store offset=8 (local.get $entry) (local.get $align))
                    (i32.store offset=12 (local.get $entry) (local.get $size))
                    (i32.store offset=16 (local.get $entry) (local.get $result))
                    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
                    (local.get $result))
                  (func (export "take") (param $pointer i32) (param $units i32) (result i32)
                    (i32.store (i32.const 8) (local.get $pointer))
                    (i32.store (i32.const 12) (local.get $units))
                    (local.get $units))
                  (func (export "log") (result i32)
                    (i32.store (i32.const 0) (i32.const 256))
                    (i32.store (i32.const 4) (i32.mul (global.get $calls) (i32.const 5)))
                    (i32.const 0))
                  (func (export "received") (result i32) (i32.const 8)))
                (core instance $i (instantiate $m))
                (func (export "take") (param "s" string) (result u32)
                  (canon lift (core func $i "take") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))
                              string-encoding=\(calleeEncoding)))
                (func (export "log") (result (list u32))
                  (canon lift (core func $i "log") (memory (core memory $i "mem"))))
                (func (export "received") (result string)
                  (canon lift (core func $i "received") (memory (core memory $i "mem")) string-encoding=\(calleeEncoding))))
              (instance $callee (instantiate $Callee))
              (component $Caller
                (import "take" (func $take (param "s" string) (result u32)))
                (core module $memory (memory (export "mem") 1) (data (i32.const 64) "\(data)"))
                (core instance $memory (instantiate $memory))
                (core func $take (canon lower (func $take) (memory (core memory $memory "mem")) string-encoding=\(callerEncoding)))
                (core module $m
                  (import "" "take" (func $take (param i32 i32) (result i32)))
                  (func (export "run") (result i32) (call $take (i32.const 64) (i32.const \(Int32(bitPattern: taggedUnits))))))
                (core instance $i (instantiate $m (with "" (instance (export "take" (func $take))))))
                (func (export "run") (result u32) (canon lift (core func $i "run"))))
              (instance $caller (instantiate $Caller (with "take" (func $callee "take"))))
              (export "run" (func $caller "run"))
              (export "log" (func $callee "log"))
              (export "received" (func $callee "received")))
            """
    }

    struct Case: CustomStringConvertible, Sendable {
        var caller: String, callee: String
        var bytes: [UInt8], taggedUnits: UInt32
        var text: String
        var allocations: [(UInt32, UInt32, UInt32)]
        var receivedUnits: UInt32
        var description: String { "\(caller) -> \(callee) \(text.debugDescription)" }
    }

    static let utf16Tag: UInt32 = 1 << 31

    static let cases: [Case] = [
        // store_utf16_to_utf8: one byte per UTF-16 unit, then 3 per unit at "é", then the length.
        Case(caller: "utf16", callee: "utf8", bytes: [0x61, 0, 0xE9, 0], taggedUnits: 2, text: "aé",
             allocations: [(0, 1, 2), (2, 1, 6), (6, 1, 3)], receivedUnits: 3),
        // store_latin1_to_utf8: the worst case is 2 bytes per Latin-1 character.
        Case(caller: "latin1+utf16", callee: "utf8", bytes: [0x61, 0xE9], taggedUnits: 2, text: "aé",
             allocations: [(0, 1, 2), (2, 1, 4), (4, 1, 3)], receivedUnits: 3),
        // store_string_to_utf8 with ASCII only: no growth.
        Case(caller: "utf16", callee: "utf8", bytes: [0x68, 0, 0x69, 0], taggedUnits: 2, text: "hi",
             allocations: [(0, 1, 2)], receivedUnits: 2),
        // store_string_copy from Latin-1 to UTF-16: 2 bytes per unit, no shrink.
        Case(caller: "latin1+utf16", callee: "utf16", bytes: [0x61, 0xE9], taggedUnits: 2, text: "aé",
             allocations: [(0, 2, 4)], receivedUnits: 2),
        // store_string_copy from UTF-16 to UTF-16.
        Case(caller: "utf16", callee: "utf16", bytes: [0x61, 0, 0xAC, 0x20], taggedUnits: 2, text: "a€",
             allocations: [(0, 2, 4)], receivedUnits: 2),
        // store_utf8_to_utf16: the worst case 2 bytes per UTF-8 byte, shrunk.
        Case(caller: "utf8", callee: "utf16", bytes: [0x61, 0xC3, 0xA9], taggedUnits: 3, text: "aé",
             allocations: [(0, 2, 6), (6, 2, 4)], receivedUnits: 2),
        // store_string_to_latin1_or_utf16 from UTF-16: one byte per UTF-16 unit, all Latin-1.
        Case(caller: "utf16", callee: "latin1+utf16", bytes: [0x61, 0, 0xE9, 0], taggedUnits: 2, text: "aé",
             allocations: [(0, 2, 2)], receivedUnits: 2),
        // ... from UTF-8: shrunk from the UTF-8 length.
        Case(caller: "utf8", callee: "latin1+utf16", bytes: [0x61, 0xC3, 0xA9], taggedUnits: 3, text: "aé",
             allocations: [(0, 2, 3), (3, 2, 2)], receivedUnits: 2),
        // ... from UTF-16 with a character beyond Latin-1: grown to 2 bytes per unit.
        Case(caller: "utf16", callee: "latin1+utf16", bytes: [0x61, 0, 0x00, 0x01], taggedUnits: 2, text: "aĀ",
             allocations: [(0, 2, 2), (2, 2, 4)], receivedUnits: 2 | utf16Tag),
        // Latin-1 to latin1+utf16: a copy of one byte per unit, aligned to 2.
        Case(caller: "latin1+utf16", callee: "latin1+utf16", bytes: [0x61, 0xE9], taggedUnits: 2, text: "aé",
             allocations: [(0, 2, 2)], receivedUnits: 2),
        // store_probably_utf16_to_latin1_or_utf16 with a character beyond Latin-1: one allocation.
        Case(caller: "latin1+utf16", callee: "latin1+utf16", bytes: [0x61, 0, 0x00, 0x01], taggedUnits: 2 | utf16Tag,
             text: "aĀ", allocations: [(0, 2, 4)], receivedUnits: 2 | utf16Tag),
    ]

    @Test(arguments: cases)
    func reallocCallsFollowTheSpecification(_ example: Case) throws {
        let instance = try ComponentWAT.instantiate(Self.component(
            caller: example.caller, callee: example.callee, bytes: example.bytes, taggedUnits: example.taggedUnits))
        #expect(try instance.call("run", []) == [.u32(example.receivedUnits)])
        #expect(try instance.call("received", []) == [.string(example.text)])
        guard case .list(let words)? = try instance.call("log", []).first else {
            Issue.record("log returned no list")
            return
        }
        let numbers = words.compactMap { value -> UInt32? in if case .u32(let n) = value { n } else { nil } }
        let entries = stride(from: 0, to: numbers.count, by: 5).map { Array(numbers[$0 ..< $0 + 5]) }
        let allocations = entries.map { Allocation(oldSize: $0[1], alignment: $0[2], newSize: $0[3]) }
        let expected = example.allocations.map { Allocation(oldSize: $0.0, alignment: $0.1, newSize: $0.2) }
        #expect(allocations == expected)
        for (index, entry) in entries.enumerated() {
            #expect(entry[0] == (index == 0 ? 0 : entries[index - 1][4]), "realloc \(index) grows the previous block")
        }
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
