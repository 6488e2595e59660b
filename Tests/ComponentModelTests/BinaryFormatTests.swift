@testable import ComponentModel
import Testing

/// Hand-built binaries exercising the decoder and encoder on specific grammar rules.
struct BinaryFormatTests {
    static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

    static func component(_ sections: [(UInt8, [UInt8])]) -> [UInt8] {
        var bytes = preamble
        for (id, payload) in sections {
            bytes.append(id)
            var writer = BinaryWriter()
            writer.unsigned(UInt64(payload.count))
            bytes += writer.bytes + payload
        }
        return bytes
    }

    @Test func emptyComponentRoundTrips() throws {
        let component = try Component(decoding: Self.preamble)
        #expect(component.sections.isEmpty)
        #expect(component.encoded() == Self.preamble)
        #expect(Component().encoded() == Self.preamble)
    }

    @Test func definedValueTypesDecode() throws {
        let types: [UInt8] = [
            0x06,
            0x72, 0x02, 0x01, 0x78, 0x79, 0x01, 0x79, 0x73,        // record { x: u32, y: string }
            0x71, 0x02, 0x01, 0x61, 0x00, 0x00, 0x01, 0x62, 0x01, 0x00, 0x00,  // variant { a, b(type 0) }
            0x70, 0x01,                                            // list<type 1>
            0x6A, 0x01, 0x7F, 0x00,                                // result<bool>
            0x6E, 0x02, 0x01, 0x72, 0x01, 0x77,                    // flags { r, w }
            0x40, 0x01, 0x01, 0x70, 0x02, 0x01, 0x00,              // func(p: type 2)
        ]
        let bytes = Self.component([(7, types)])
        let component = try Component(decoding: bytes)
        let expected: [ComponentTypeDefinition] = [
            .defined(.record([LabeledValueType(label: "x", type: .primitive(.u32)),
                              LabeledValueType(label: "y", type: .primitive(.string))])),
            .defined(.variant([VariantCase(label: "a"), VariantCase(label: "b", type: .index(0))])),
            .defined(.list(.index(1))),
            .defined(.result(ok: .primitive(.bool), error: nil)),
            .defined(.flags(["r", "w"])),
            .function(ComponentFunctionType(parameters: [LabeledValueType(label: "p", type: .index(2))], result: nil)),
        ]
        #expect(component.sections.map(\.content) == [.types(expected)])
        #expect(component.encoded() == bytes)
    }

    @Test func typeIndicesInValueTypesUseSignedLEB128() {
        // Index 64 has bit 6 set, so its signed encoding takes two bytes (0xC0 0x00).
        let component = Component(sections: [ComponentSection(.types([.defined(.list(.index(64)))]))])
        #expect(component.encoded() == Self.component([(7, [0x01, 0x70, 0xC0, 0x00])]))
    }

    @Test func resourceAndInstanceTypes() throws {
        let types: [UInt8] = [
            0x02,
            0x3F, 0x7F, 0x01, 0x05,                                // resource (rep i32) (dtor 5)
            0x42, 0x02,                                            // instance type, 2 declarators
            0x04, 0x00, 0x01, 0x72, 0x03, 0x01,                     // (export "r" (type (sub resource)))
            0x04, 0x00, 0x03, 0x6E, 0x65, 0x77, 0x01, 0x00,         // (export "new" (func (type 0)))
        ]
        let bytes = Self.component([(7, types)])
        let component = try Component(decoding: bytes)
        let expected: [ComponentTypeDefinition] = [
            .resource(ResourceType(representation: .i32, destructor: 5)),
            .instance([.export(name: "r", type: .type(.subResource)),
                       .export(name: "new", type: .function(typeIndex: 0))]),
        ]
        #expect(component.sections.map(\.content) == [.types(expected)])
        #expect(component.encoded() == bytes)
    }

    @Test func canonicalOptionsDecode() throws {
        let canon: [UInt8] = [
            0x03,
            0x00, 0x00, 0x02, 0x04, 0x01, 0x03, 0x00, 0x04, 0x01, 0x05, 0x03, 0x07,  // lift f2 utf16 mem0 realloc1 post3 type7
            0x01, 0x00, 0x01, 0x02, 0x02, 0x06,                                      // lower f1 latin1+utf16 async
            0x1F,                                                                    // waitable-set.new
        ]
        let bytes = Self.component([(8, canon)])
        let component = try Component(decoding: bytes)
        let expected: [CanonicalFunction] = [
            .lift(coreFunction: 2, options: [.stringEncodingUTF16, .memory(0), .realloc(1), .postReturn(3)], typeIndex: 7),
            .lower(function: 1, options: [.stringEncodingLatin1UTF16, .async]),
            .waitableSetNew,
        ]
        #expect(component.sections.map(\.content) == [.canonicals(expected)])
        #expect(expected.map(\.sort) == [.function, .core(.function), .core(.function)])
        #expect(component.encoded() == bytes)
    }

    @Test func importAndExportNames() throws {
        let imports: [UInt8] = [
            0x02,
            0x00, 0x01, 0x66, 0x01, 0x00,                          // "f": func type 0
            0x02, 0x01, 0x70, 0x01, 0x00, 0x05, 0x61, 0x3A, 0x62, 0x2F, 0x63, 0x05, 0x00,  // "p" implements "a:b/c": instance 0
        ]
        let exports: [UInt8] = [0x01, 0x01, 0x01, 0x67, 0x01, 0x00, 0x01, 0x01, 0x00]  // legacy "g" = func 0 : func type 0
        let bytes = Self.component([(10, imports), (11, exports)])
        let component = try Component(decoding: bytes)
        guard case .imports(let decodedImports) = component.sections[0].content,
              case .exports(let decodedExports) = component.sections[1].content else {
            Issue.record("unexpected sections")
            return
        }
        #expect(decodedImports[0] == ComponentImport(name: "f", type: .function(typeIndex: 0)))
        #expect(decodedImports[1].name.implements == "a:b/c")
        #expect(decodedImports[1].type == .instance(typeIndex: 0))
        #expect(decodedExports[0].name.encoding == .legacyInterface)
        #expect(decodedExports[0].item == SortIndex(sort: .function, index: 0))
        #expect(decodedExports[0].type == .function(typeIndex: 0))
        #expect(component.encoded() == bytes)
    }

    @Test func paddedIntegersAreReproducedUntilTheSectionChanges() throws {
        // Type section whose size field (5 bytes) and vector count (2 bytes) are padded.
        var bytes = Self.preamble
        bytes += [0x07, 0x83, 0x80, 0x80, 0x80, 0x00, 0x81, 0x00, 0x73]
        var component = try Component(decoding: bytes)
        #expect(component.sections[0].keepsOriginalPayload)
        #expect(component.sections[0].sourceRange == 8..<17)
        #expect(component.encoded() == bytes)

        component.sections[0].content = .types([.defined(.primitive(.u8))])
        // The payload is re-encoded canonically; the size field keeps its width.
        #expect(component.encoded() == Self.preamble + [0x07, 0x82, 0x80, 0x80, 0x80, 0x00, 0x01, 0x7D])
    }

    @Test func errorsNameTheSectionAndOffset() {
        let truncated = Self.component([(7, [0x02, 0x73])])
        // The vector count (2, at offset 10) promises more items than the section has bytes for.
        #expect(throws: ComponentError(.malformed, offset: 10, section: "type section", "unexpected end-of-file")) {
            try Component(decoding: truncated)
        }
        let badOpcode = Self.component([(8, [0x01, 0x7E])])
        #expect(throws: ComponentError(.malformed, offset: 11, section: "canonical function section",
                                       "invalid leading byte (0x7e) for canonical function")) {
            try Component(decoding: badOpcode)
        }
        #expect(throws: ComponentError(.malformed, offset: 8, "malformed section id 13")) {
            try Component(decoding: Self.component([(13, [])]))
        }
        #expect(throws: ComponentError(.malformed, offset: 6, "expected a component, found a core module")) {
            try Component(decoding: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        }
    }

    @Test func overlongAndOversizedIntegersAreRejected() {
        // Start section: function index encoded in 6 bytes, then one that overflows 32 bits.
        let tooLong = Self.component([(9, [0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00, 0x00])])
        #expect(throws: ComponentError.self) { try Component(decoding: tooLong) }
        let tooLarge = Self.component([(9, [0xFF, 0xFF, 0xFF, 0xFF, 0x1F, 0x00, 0x00])])
        #expect(throws: ComponentError(.malformed, offset: 10, section: "start section", "integer too large")) {
            try Component(decoding: tooLarge)
        }
    }

    @Test func deeplyNestedComponentsAreRejectedWithoutCrashing() {
        var bytes = Self.preamble
        for _ in 0..<500 {
            var writer = BinaryWriter()
            writer.unsigned(UInt64(bytes.count))
            bytes = Self.preamble + [0x04] + writer.bytes + bytes
        }
        #expect(throws: ComponentError.self) { try Component(decoding: bytes) }
    }

    @Test func everyTruncationOfAValidComponentIsRejected() throws {
        let bytes = Self.component([
            (7, [0x02, 0x72, 0x01, 0x01, 0x78, 0x79, 0x40, 0x01, 0x01, 0x61, 0x00, 0x00, 0x00]),
            (10, [0x01, 0x00, 0x01, 0x66, 0x01, 0x01]),
        ])
        let component = try Component(decoding: bytes)
        // Cutting between sections leaves a valid (shorter) component; every other cut is malformed.
        let sectionBoundaries = Set([8] + component.sections.compactMap { $0.sourceRange?.upperBound })
        for length in 0..<bytes.count where !sectionBoundaries.contains(length) {
            #expect(throws: ComponentError.self, "length \(length)") { try Component(decoding: Array(bytes[0..<length])) }
        }
    }

    @Test func nameSectionRoundTrips() throws {
        let names = ComponentNameSection(
            componentName: "app",
            sortNames: [.init(sort: .function, names: [(0, "run"), (2, "stop")]),
                        .init(sort: .core(.module), names: [(0, "main")])])
        let payload = names.encodedPayload()
        #expect(try ComponentNameSection(decoding: payload) == names)
        let component = Component(sections: [ComponentSection(.custom(name: "component-name", payload: payload))])
        let decoded = try Component(decoding: component.encoded())
        #expect(decoded.nameSection?.componentName == "app")
        #expect(decoded.nameSection?.names(of: .function)?[2] == "stop")
        // A broken name section is ignored, not an error.
        let broken = Component(sections: [ComponentSection(.custom(name: "component-name", payload: [0x01, 0x09]))])
        #expect(try Component(decoding: broken.encoded()).nameSection == nil)
    }

    @Test func subTypesInsideModuleTypesUseThePlainOpcode() throws {
        // (core type (module (type (sub (func))))): inside a module type 0x50 starts a sub type,
        // at the top level of a core type section it starts a module type.
        let bytes = Self.component([(3, [0x01, 0x50, 0x01, 0x01, 0x50, 0x00, 0x60, 0x00, 0x00])])
        let component = try Component(decoding: bytes)
        let subType = CoreSubType(isFinal: false, supertypes: [], composite: .function(parameters: [], results: []))
        #expect(component.sections.map(\.content) == [.coreTypes([.module([.type([subType], isExplicitGroup: false)])])])
        #expect(component.encoded() == bytes)
        // The same sub type at the top level is written 0x00 0x50.
        let topLevel = Self.component([(3, [0x01, 0x00, 0x50, 0x00, 0x60, 0x00, 0x00])])
        #expect(try Component(decoding: topLevel).sections.map(\.content)
                == [.coreTypes([.recursionGroup([subType], isExplicitGroup: false)])])
    }
}
