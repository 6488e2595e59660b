import ComponentModel
import Testing

/// Hand-built components exercising individual validation rules.
struct ValidationTests {
    /// `(module (memory (export "mem") 1) (func (export "f") (param i32 i32))
    ///          (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))`
    static let coreModule: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0E, 0x02, 0x60, 0x02, 0x7F, 0x7F, 0x00,
        0x60, 0x04, 0x7F, 0x7F, 0x7F, 0x7F, 0x01, 0x7F, 0x03, 0x03, 0x02, 0x00, 0x01, 0x05, 0x03, 0x01,
        0x00, 0x01, 0x07, 0x15, 0x03, 0x03, 0x6D, 0x65, 0x6D, 0x02, 0x00, 0x01, 0x66, 0x00, 0x00, 0x07,
        0x72, 0x65, 0x61, 0x6C, 0x6C, 0x6F, 0x63, 0x00, 0x01, 0x0A, 0x08, 0x02, 0x02, 0x00, 0x0B, 0x03,
        0x00, 0x00, 0x0B,
    ]

    static func component(_ contents: [ComponentSectionContent]) -> Component {
        Component(sections: contents.map { ComponentSection($0) })
    }

    /// Validates after an encode/decode round trip, so that errors carry real offsets.
    static func validate(_ component: Component) throws(ComponentError) {
        try Component(decoding: component.encoded()).validate()
    }

    static func expectInvalid(_ component: Component, _ fragment: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try validate(component)
            Issue.record("expected \"\(fragment)\", but the component validated", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == .invalid, sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }

    /// A function type `func(p: string)`, a core instance of `coreModule` and the aliases of
    /// its exports: core func 0 = "f", core memory 0 = "mem", core func 1 = "realloc".
    static let liftingPrelude: [ComponentSectionContent] = [
        .types([.function(ComponentFunctionType(parameters: [LabeledValueType(label: "p", type: .primitive(.string))],
                                                result: nil))]),
        .coreModule(CoreModule(bytes: coreModule)),
        .coreInstances([.instantiate(module: 0, arguments: [])]),
        .aliases([.coreInstanceExport(sort: .function, instance: 0, name: "f"),
                  .coreInstanceExport(sort: .memory, instance: 0, name: "mem"),
                  .coreInstanceExport(sort: .function, instance: 0, name: "realloc")]),
    ]

    @Test func liftingAStringNeedsMemoryAndRealloc() throws {
        let complete = Self.component(Self.liftingPrelude + [
            .canonicals([.lift(coreFunction: 0, options: [.memory(0), .realloc(1)], typeIndex: 0)]),
            .exports([ComponentExport(name: "run", item: SortIndex(sort: .function, index: 0))]),
        ])
        try Self.validate(complete)
        Self.expectInvalid(Self.component(Self.liftingPrelude + [.canonicals([.lift(coreFunction: 0, options: [], typeIndex: 0)])]),
                           "canonical option `memory` is required")
        Self.expectInvalid(Self.component(Self.liftingPrelude + [.canonicals([.lift(coreFunction: 0, options: [.memory(0)], typeIndex: 0)])]),
                           "canonical option `realloc` is required")
        Self.expectInvalid(Self.component(Self.liftingPrelude + [
            .canonicals([.lift(coreFunction: 0, options: [.memory(0), .realloc(1), .stringEncodingUTF8, .stringEncodingUTF16],
                               typeIndex: 0)])]),
                           "canonical encoding option `utf8` conflicts with option `utf16`")
        // realloc must be (i32 i32 i32 i32) -> i32; core func 0 is (i32 i32) -> ().
        Self.expectInvalid(Self.component(Self.liftingPrelude + [
            .canonicals([.lift(coreFunction: 0, options: [.memory(0), .realloc(0)], typeIndex: 0)])]),
                           "`realloc` uses a core function with an incorrect signature")
    }

    @Test func liftedCoreSignatureMustMatchTheFlattenedType() {
        // func(p: u64) flattens to (i64) but core func 0 takes (i32 i32).
        var sections = Self.liftingPrelude
        sections[0] = .types([.function(ComponentFunctionType(parameters: [LabeledValueType(label: "p", type: .primitive(.u64))],
                                                              result: nil))])
        Self.expectInvalid(Self.component(sections + [.canonicals([.lift(coreFunction: 0, options: [], typeIndex: 0)])]),
                           "lowered parameter types `[i64]` do not match parameter types `[i32, i32]`")
    }

    @Test func importNamesMustBeStronglyUniqueAndErrorsPointAtTheItem() throws {
        let function = ComponentSectionContent.types([.function(ComponentFunctionType(parameters: [], result: nil))])
        let imports = ComponentSectionContent.imports([
            ComponentImport(name: "get-JSON", type: .function(typeIndex: 0)),
            ComponentImport(name: "get-json", type: .function(typeIndex: 0)),
        ])
        let bytes = Self.component([function, imports]).encoded()
        let decoded = try Component(decoding: bytes)
        #expect(throws: ComponentError(.invalid, offset: 30, section: "import section",
                                       "import name `get-json` conflicts with previous name `get-JSON`")) {
            try decoded.validate()
        }
        #expect(Array(bytes[30..<32]) == [0x00, 0x08])  // the second import: plain name of 8 bytes
    }

    @Test func labelsAreKebabCaseAndUnique() {
        Self.expectInvalid(Self.component([.types([.defined(.record([LabeledValueType(label: "aBc", type: .primitive(.u8))]))])]),
                           "record field name `aBc` is not in kebab case")
        Self.expectInvalid(Self.component([.types([.defined(.enum(["a", "A"]))])]),
                           "enum tag name `A` conflicts with previous tag name `a`")
        Self.expectInvalid(Self.component([.types([.defined(.flags([]))])]), "flags must have at least one entry")
        Self.expectInvalid(Self.component([.types([.defined(.flags((0..<33).map { "f\($0)" }))])]),
                           "cannot have more than 32 flags")
    }

    @Test func valueTypeReferencesAreChecked() {
        Self.expectInvalid(Self.component([.types([.defined(.list(.index(3)))])]), "type index out of bounds")
        Self.expectInvalid(Self.component([.types([.defined(.primitive(.u8)), .defined(.own(0))])]),
                           "type index 0 is not a resource type")
        Self.expectInvalid(Self.component([.types([
            .defined(.primitive(.u8)),
            .function(ComponentFunctionType(parameters: [], result: .primitive(.u8))),
            .defined(.list(.index(1))),
        ])]), "type index 1 is not a defined type")
        Self.expectInvalid(Self.component([.types([
            .resource(ResourceType(representation: .i32, destructor: nil)),
            .defined(.borrow(0)),
            .function(ComponentFunctionType(parameters: [], result: .index(1))),
        ])]), "function result cannot contain a `borrow` type")
    }

    @Test func outerAliasesCountScopes() throws {
        let inner = ComponentSectionContent.types([.instance([.alias(.outer(sort: .type, count: 1, index: 0))])])
        try Self.validate(Self.component([.types([.defined(.primitive(.u8))]), inner]))
        let tooFar = ComponentSectionContent.types([.instance([.alias(.outer(sort: .type, count: 2, index: 0))])])
        Self.expectInvalid(Self.component([.types([.defined(.primitive(.u8))]), tooFar]), "invalid outer alias count of 2")
    }

    @Test func resourceRules() {
        Self.expectInvalid(Self.component([.types([.instance([.type(.resource(ResourceType(representation: .i32,
                                                                                          destructor: nil)))])])]),
                           "resources can only be defined within a concrete component")
        Self.expectInvalid(Self.component([
            .imports([ComponentImport(name: "r", type: .type(.subResource))]),
            .canonicals([.resourceNew(resource: 0)]),
        ]), "type index 0 is not a local resource")
    }

    @Test func resourceDefinitionsAreGenerativePerInstance() {
        // (component $C (type $r (resource (rep i32))) (export "r" (type $r)))
        let child = Self.component([
            .types([.resource(ResourceType(representation: .i32, destructor: nil))]),
            .exports([ComponentExport(name: "r", item: SortIndex(sort: .type, index: 0))]),
        ])
        // (component $eq (import "a" (type $a (sub resource))) (import "b" (type (eq $a))))
        let equal = Self.component([.imports([
            ComponentImport(name: "a", type: .type(.subResource)),
            ComponentImport(name: "b", type: .type(.equal(0))),
        ])])
        func instantiateEqual(_ first: UInt32, _ second: UInt32) -> Component {
            Self.component([
                .component(child), .component(equal),
                .instances([.instantiate(component: 0, arguments: []), .instantiate(component: 0, arguments: [])]),
                .aliases([.instanceExport(sort: .type, instance: 0, name: "r"),
                          .instanceExport(sort: .type, instance: 1, name: "r")]),
                .instances([.instantiate(component: 1, arguments: [
                    InstantiationArgument(name: "a", item: SortIndex(sort: .type, index: first)),
                    InstantiationArgument(name: "b", item: SortIndex(sort: .type, index: second)),
                ])]),
            ])
        }
        #expect(throws: Never.self) { try Self.validate(instantiateEqual(0, 0)) }
        Self.expectInvalid(instantiateEqual(0, 1), "resource types are not the same")
    }

    @Test func valueSizeLimit() throws {
        try Self.validate(Self.component([.types([.defined(.fixedLengthList(.primitive(.u8), length: (1 << 28) - 1))])]))
        Self.expectInvalid(Self.component([.types([.defined(.fixedLengthList(.primitive(.u8), length: 1 << 28))])]),
                           "exceeds maximum byte size")
    }

    @Test func hostileTypeGraphsAreRejectedQuickly() {
        // option<option<...<u8>...>> 300 levels deep.
        let chain: [ComponentTypeDefinition] = [.defined(.primitive(.u8))]
            + (0..<300).map { .defined(.option(.index(UInt32($0)))) }
        Self.expectInvalid(Self.component([.types(chain)]), "type nesting is too deep")
        // tuple<T, T> where T is the previous type, 60 times: 2^60 nodes if expanded.
        let doubling: [ComponentTypeDefinition] = [.defined(.primitive(.u8))]
            + (0..<60).map { .defined(.tuple([.index(UInt32($0)), .index(UInt32($0))])) }
        Self.expectInvalid(Self.component([.types(doubling)]), "effective type size exceeds the limit")
    }

    @Test func exportedFunctionsMayOnlyUseExportedTypes() throws {
        let prelude: [ComponentSectionContent] = [
            .types([.defined(.record([LabeledValueType(label: "x", type: .primitive(.u32))]))]),
            .imports([ComponentImport(name: "point", type: .type(.equal(0)))]),   // type 1: the named record
        ]
        let namedParameter = ComponentSectionContent.types([.function(ComponentFunctionType(
            parameters: [LabeledValueType(label: "p", type: .index(1))], result: nil))])
        try Self.validate(Self.component(prelude + [namedParameter,
                                                    .imports([ComponentImport(name: "f", type: .function(typeIndex: 2))])]))
        let anonymousParameter = ComponentSectionContent.types([.function(ComponentFunctionType(
            parameters: [LabeledValueType(label: "p", type: .index(0))], result: nil))])
        Self.expectInvalid(Self.component(prelude + [anonymousParameter,
                                                     .imports([ComponentImport(name: "f", type: .function(typeIndex: 2))])]),
                           "func not valid to be used as import")
    }

    @Test func componentArgumentsMatchResourcesInsideImportedInstances() throws {
        // `$user` imports a component that imports an interface with a resource; `$impl`,
        // written separately, has that shape: the two `r`s correspond through the instance.
        let matching = """
            (component
              (component $impl
                (import "i" (instance (export "r" (type (sub resource))) (export "make" (func (result (own 0)))))))
              (component $user
                (import "inner" (component
                  (import "i" (instance (export "r" (type (sub resource))) (export "make" (func (result (own 0)))))))))
              (instance (instantiate $user (with "inner" (component $impl)))))
            """
        #expect(throws: Never.self) { try Component(decoding: ComponentWAT.compile(matching)).validate() }
        let mismatched = matching.replacingOccurrences(of: "(export \"make\" (func (result (own 0)))))))))",
                                                       with: "(export \"make\" (func (result u32))))))))")
        Self.expectInvalid(try Component(decoding: ComponentWAT.compile(mismatched)), "type mismatch in import `inner`")
    }

    @Test func coreModuleErrorsPointIntoTheComponent() throws {
        // A module whose function body is `i32.add` on an empty stack.
        let module: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                               0x03, 0x02, 0x01, 0x00, 0x0A, 0x05, 0x01, 0x03, 0x00, 0x6A, 0x0B]
        let bytes = Self.component([.coreModule(CoreModule(bytes: module))]).encoded()
        do {
            try Component(decoding: bytes).validate()
            Issue.record("an invalid core module was accepted")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.message.hasPrefix("core module: "))
            // The module starts after the preamble, the section id and the one-byte size.
            #expect(error.offset >= 10 && error.offset < bytes.count, "\(error)")
        }
    }
}
