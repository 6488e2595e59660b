import ComponentModel
import Testing

/// Lifting and lowering through real core code: values go into a guest's linear memory (or
/// flat core values) and come back, for every kind of value type and string encoding.
@Suite(.enabled(if: ComponentWAT.isAvailable, "needs wasm-tools"))
struct CanonicalABIRoundTripTests {
    /// A component whose `roundtrip` export returns its argument: the parameter tuple spills to
    /// memory (more than 16 flat values), and the identity core function hands the same pointer
    /// back as the result tuple, whose layout is the same.
    static let roundTripComponent = """
        (component
          (core module $m
            \(ComponentWAT.allocator)
            (func (export "id") (param i32) (result i32) (local.get 0))
            (func (export "first") (param i32) (result i32) (local.get 0))
            (func (export "store-pair") (param i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0))
              (i32.store (i32.const 4) (local.get 1))
              (i32.const 0))
            (func (export "second") (param i32 i32) (result i32) (local.get 1)))
          (core instance $i (instantiate $m))
          (type $shape' (variant (case "circle" f32) (case "square" u64) (case "none")))
          (export $shape "shape" (type $shape'))
          (type $mode' (enum "a" "b" "c"))
          (export $mode "mode" (type $mode'))
          (type $perms' (flags "r" "w" "x"))
          (export $perms "perms" (type $perms'))
          (type $item' (record
            (field "name" string) (field "tags" (list string)) (field "shape" $shape) (field "mode" $mode)
            (field "perms" $perms) (field "maybe" (option s16)) (field "outcome" (result string (error u8)))
            (field "letter" char) (field "scale" f64) (field "bytes" (list u8))))
          (export $item "item" (type $item'))
          (type $big (tuple $item (tuple u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32)))
          (func (export "roundtrip") (param "x" $big) (result $big)
            (canon lift (core func $i "id") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "to-char") (param "x" u32) (result char) (canon lift (core func $i "first")))
          (func (export "to-mode") (param "x" u32) (result $mode) (canon lift (core func $i "first")))
          (func (export "utf16-echo") (param "s" string) (result string)
            (canon lift (core func $i "store-pair") string-encoding=utf16
              (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "utf16-units") (param "s" string) (result u32)
            (canon lift (core func $i "second") string-encoding=utf16
              (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "compact-echo") (param "s" string) (result string)
            (canon lift (core func $i "store-pair") string-encoding=latin1+utf16
              (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "compact-units") (param "s" string) (result u32)
            (canon lift (core func $i "second") string-encoding=latin1+utf16
              (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
        )
        """

    private static func item(name: String, shape: ComponentValue, outcome: ComponentResult) -> ComponentValue {
        .record([
            ComponentRecordField(name: "name", value: .string(name)),
            ComponentRecordField(name: "tags", value: .list([.string("x"), .string(""), .string("ü☃")])),
            ComponentRecordField(name: "shape", value: shape),
            ComponentRecordField(name: "mode", value: .enum("c")),
            ComponentRecordField(name: "perms", value: .flags(["r", "x"])),
            ComponentRecordField(name: "maybe", value: .option(.s16(-300))),
            ComponentRecordField(name: "outcome", value: .result(outcome)),
            ComponentRecordField(name: "letter", value: .char("🍰")),
            ComponentRecordField(name: "scale", value: .f64(-2.5)),
            ComponentRecordField(name: "bytes", value: .list([.u8(0), .u8(255)])),
        ])
    }

    @Test func aggregatesRoundTripThroughMemory() throws {
        let instance = try ComponentWAT.instantiate(Self.roundTripComponent)
        let padding = ComponentValue.tuple((0 ..< 16).map { .u32(UInt32($0) * 7) })
        for value in [
            Self.item(name: "first", shape: .variant(caseName: "circle", payload: .f32(1.5)), outcome: .ok(.string("fine"))),
            Self.item(name: "", shape: .variant(caseName: "square", payload: .u64(.max)), outcome: .error(.u8(9))),
            Self.item(name: "héllo wörld", shape: .variant(caseName: "none", payload: nil), outcome: .ok(.string(""))),
        ] {
            let argument = ComponentValue.tuple([value, padding])
            #expect(try instance.call("roundtrip", [argument]) == [argument])
        }
    }

    @Test func flatResultsAreValidatedWhenLifted() throws {
        let instance = try ComponentWAT.instantiate(Self.roundTripComponent)
        #expect(try instance.call("to-char", [.u32(0x41)]) == [.char("A")])
        #expect(try instance.call("to-mode", [.u32(2)]) == [.enum("c")])
        #expect(throws: ComponentTrap.self) { try instance.call("to-char", [.u32(0xD800)]) }
        #expect(throws: ComponentTrap.self) { try instance.call("to-char", [.u32(0x11_0000)]) }
        #expect(throws: ComponentTrap.self) { try instance.call("to-mode", [.u32(3)]) }
    }

    @Test func stringsRoundTripInEveryEncoding() throws {
        let instance = try ComponentWAT.instantiate(Self.roundTripComponent)
        for text in ["", "ascii", "héllo", "snow ☃ and cake 🍰", String(repeating: "ÿ", count: 300)] {
            #expect(try instance.call("utf16-echo", [.string(text)]) == [.string(text)])
            #expect(try instance.call("compact-echo", [.string(text)]) == [.string(text)])
            #expect(try instance.call("utf16-units", [.string(text)]) == [.u32(UInt32(text.utf16.count))])
        }
        // latin1+utf16: Latin-1 text is stored one byte per character, anything else as tagged UTF-16.
        #expect(try instance.call("compact-units", [.string("héllo")]) == [.u32(5)])
        #expect(try instance.call("compact-units", [.string("h☃")]) == [.u32(2 | 1 << 31)])
    }

    @Test func typedValuesMatchDynamicOnes() throws {
        let instance = try ComponentWAT.instantiate(Self.roundTripComponent)
        let echo = try #require(instance.function("utf16-echo"))
        #expect(try echo.invoke("typed ☃", returning: String.self) == "typed ☃")
        let units = try #require(instance.function("compact-units"))
        #expect(try units.invoke("ÿÿ", returning: UInt32.self) == 2)
        let toChar = try #require(instance.function("to-char"))
        #expect(try toChar.invoke(UInt32(0x263A), returning: Unicode.Scalar.self) == "☺")
        #expect(throws: ComponentTrap.self) { try echo.invoke(UInt32(1), returning: String.self) }
    }

    @Test func valuesOfTheWrongShapeAreRejected() throws {
        let instance = try ComponentWAT.instantiate(Self.roundTripComponent)
        #expect(throws: ComponentTrap.self) { try instance.call("utf16-echo", [.u32(1)]) }
        #expect(throws: ComponentTrap.self) { try instance.call("utf16-echo", []) }
        #expect(throws: ComponentTrap.self) { try instance.call("to-mode", [.string("x")]) }
    }
}
