import ComponentModel
import Testing

/// Every form of the grammar, built with the model API, must survive encode -> decode
/// unchanged (including the forms the spec suite does not use).
struct EncodingSymmetryTests {
    static func roundTrip(_ contents: [ComponentSectionContent], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let component = Component(sections: contents.map { ComponentSection($0) })
        let bytes = component.encoded()
        let decoded = try Component(decoding: bytes)
        #expect(decoded == component, sourceLocation: sourceLocation)
        #expect(decoded.encoded() == bytes, sourceLocation: sourceLocation)
        let keptVerbatim = decoded.sections.filter(\.keepsOriginalPayload).count
        #expect(keptVerbatim == 0, sourceLocation: sourceLocation)
    }

    @Test func everyCanonicalFunction() throws {
        let options: [CanonicalOption] = [.stringEncodingUTF8, .stringEncodingUTF16, .stringEncodingLatin1UTF16,
                                          .memory(1), .realloc(2), .postReturn(3), .async, .callback(4), .coreType(5), .gc]
        let functions: [CanonicalFunction] = [
            .lift(coreFunction: 300, options: options, typeIndex: 7), .lower(function: 1, options: []),
            .resourceNew(resource: 1), .resourceDrop(resource: 2), .resourceRep(resource: 3),
            .backpressureIncrement, .backpressureDecrement,
            .taskReturn(result: .primitive(.string), options: [.memory(0)]), .taskReturn(result: nil, options: []),
            .taskCancel, .contextGet(type: .i32, slot: 0), .contextSet(type: .i32, slot: 1),
            .subtaskCancel(isAsync: true), .subtaskDrop,
            .streamNew(type: 1), .streamRead(type: 1, options: [.async]), .streamWrite(type: 1, options: []),
            .streamCancelRead(type: 1, isAsync: false), .streamCancelWrite(type: 1, isAsync: true),
            .streamDropReadable(type: 1), .streamDropWritable(type: 1),
            .futureNew(type: 2), .futureRead(type: 2, options: []), .futureWrite(type: 2, options: [.memory(0)]),
            .futureCancelRead(type: 2, isAsync: true), .futureCancelWrite(type: 2, isAsync: false),
            .futureDropReadable(type: 2), .futureDropWritable(type: 2),
            .errorContextNew(options: [.stringEncodingUTF8]), .errorContextDebugMessage(options: []), .errorContextDrop,
            .waitableSetNew, .waitableSetWait(isCancellable: true, memory: 0), .waitableSetPoll(isCancellable: false, memory: 1),
            .waitableSetDrop, .waitableJoin, .threadIndex, .threadNewIndirect(functionType: 1, table: 2),
            .threadResumeLater, .threadSuspend(isCancellable: true), .threadYield(isCancellable: false),
            .threadSuspendThenResume(isCancellable: true), .threadYieldThenResume(isCancellable: false),
            .threadSuspendThenPromote(isCancellable: true), .threadYieldThenPromote(isCancellable: true),
            .threadSpawnReference(functionType: 3), .threadSpawnIndirect(functionType: 3, table: 0),
            .threadAvailableParallelism,
        ]
        try Self.roundTrip([.canonicals(functions)])
    }

    @Test func everyTypeDefinition() throws {
        let defined: [DefinedValueType] = PrimitiveValueType.allCases.map { .primitive($0) } + [
            .record([LabeledValueType(label: "a", type: .index(1000))]),
            .variant([VariantCase(label: "x"), VariantCase(label: "y", type: .primitive(.u8))]),
            .list(.primitive(.u8)), .fixedLengthList(.index(63), length: 4), .tuple([.index(64), .primitive(.bool)]),
            .flags(["r", "w"]), .enum(["a"]), .option(.index(0)), .result(ok: nil, error: nil),
            .result(ok: .primitive(.u8), error: .index(2)), .own(0), .borrow(0), .stream(nil), .stream(.primitive(.u8)),
            .future(nil), .future(.index(3)), .map(key: .primitive(.string), value: .index(9)),
        ]
        let declarations: [TypeDeclaration] = [
            .coreType(.recursionGroup([CoreSubType(composite: .function(parameters: [.i32], results: []))], isExplicitGroup: false)),
            .type(.defined(.primitive(.u8))),
            .alias(.outer(sort: .type, count: 1, index: 0)),
            .alias(.instanceExport(sort: .type, instance: 0, name: "t")),
            .import(name: ExternName("wasi:io/streams@0.2.0", attributes: [.versionSuffix(".0")]), type: .instance(typeIndex: 0)),
            .export(name: "f", type: .function(typeIndex: 0)),
            .export(name: "t", type: .type(.subResource)),
            .export(name: "u", type: .type(.equal(1))),
            .export(name: "v", type: .value(.type(.primitive(.u8)))),
            .export(name: "w", type: .value(.equal(0))),
            .export(name: "m", type: .coreModule(typeIndex: 0)),
            .export(name: "c", type: .component(typeIndex: 0)),
        ]
        let types: [ComponentTypeDefinition] = defined.map { .defined($0) } + [
            .function(ComponentFunctionType(parameters: [], result: nil)),
            .function(ComponentFunctionType(isAsync: true, parameters: [LabeledValueType(label: "p", type: .index(0))],
                                            result: .primitive(.u32))),
            .component(declarations),
            .instance(declarations.filter { if case .import = $0 { false } else { true } }),
            .resource(ResourceType(representation: .i32, destructor: nil)),
            .resource(ResourceType(representation: .i64, destructor: 12)),
        ]
        try Self.roundTrip([.types(types)])
    }

    @Test func everyCoreTypeForm() throws {
        let funcref = CoreReferenceType(isNullable: true, heapType: .abstract(.function, isShared: false))
        let concrete = CoreReferenceType(isNullable: false, heapType: .concrete(70))
        let sharedAny = CoreReferenceType(isNullable: true, heapType: .abstract(.any, isShared: true))
        let moduleType: [ModuleTypeDeclaration] = [
            .type([CoreSubType(composite: .function(parameters: [.i64, .f32, .f64, .v128], results: [.reference(funcref)]))],
                  isExplicitGroup: false),
            .type([CoreSubType(isFinal: false, supertypes: [], composite: .struct([]))], isExplicitGroup: false),
            .outerTypeAlias(count: 1, index: 0),
            .import(module: "env", name: "f", type: .function(typeIndex: 0)),
            .import(module: "env", name: "t", type: .table(CoreTableType(elementType: concrete, limits: CoreLimits(minimum: 1)))),
            .import(module: "env", name: "m", type: .memory(CoreLimits(minimum: 1, maximum: 70000, isShared: true, is64: true,
                                                                      pageSizeLog2: 0))),
            .import(module: "env", name: "g", type: .global(CoreGlobalType(valueType: .reference(sharedAny), isMutable: true))),
            .export(name: "tag", type: .tag(typeIndex: 0)),
        ]
        let types: [CoreType] = [
            .module(moduleType),
            .recursionGroup([CoreSubType(isFinal: false, supertypes: [], composite: .struct([]))], isExplicitGroup: false),
            .recursionGroup([
                CoreSubType(isFinal: false, supertypes: [0], composite: .array(CoreFieldType(storage: .i8, isMutable: true))),
                CoreSubType(isFinal: true, supertypes: [1], composite: .struct([
                    CoreFieldType(storage: .i16, isMutable: false),
                    CoreFieldType(storage: .value(.reference(concrete)), isMutable: true),
                ])),
            ], isExplicitGroup: true),
        ]
        try Self.roundTrip([.coreTypes(types)])
    }

    @Test func everyDefinitionSection() throws {
        let nested = Component(sections: [ComponentSection(.custom(name: "x", payload: [1, 2, 3]))])
        try Self.roundTrip([
            .custom(name: "producers", payload: []),
            .coreModule(CoreModule(bytes: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])),
            .coreInstances([.instantiate(module: 0, arguments: [CoreInstantiationArgument(name: "env", instance: 0)]),
                            .fromExports(CoreSort.allCases.map { CoreInlineExport(name: "\($0)", item: CoreSortIndex(sort: $0, index: 1)) })]),
            .component(nested),
            .instances([.instantiate(component: 0, arguments: [InstantiationArgument(name: "a", item: SortIndex(sort: .value, index: 2))]),
                        .fromExports([InlineExport(name: ExternName("a", attributes: [.implements("a:b/c"), .externalID("id")]),
                                                   item: SortIndex(sort: .core(.module), index: 0))])]),
            .aliases([.instanceExport(sort: .component, instance: 0, name: "c"),
                      .coreInstanceExport(sort: .tag, instance: 1, name: "t"),
                      .outer(sort: .core(.module), count: 1, index: 0), .outer(sort: .component, count: 2, index: 1)]),
            .start(ComponentStart(function: 0, arguments: [1, 2], resultCount: 1)),
            .imports([ComponentImport(name: ExternName("x", encoding: .legacyInterface), type: .function(typeIndex: 0))]),
            .exports([ComponentExport(name: "e", item: SortIndex(sort: .instance, index: 0), type: .instance(typeIndex: 1)),
                      ComponentExport(name: "f", item: SortIndex(sort: .function, index: 0))]),
            .values([ComponentValueDefinition(type: .primitive(.u32), encodedValue: [0x2A])]),
        ])
    }
}
