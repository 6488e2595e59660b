import ComponentModel
import WIT

/// Writes the Swift declaration of one named WIT type: records as structs, variants as enums
/// with payloads, enums, flags as option sets, other named types as type aliases. Each
/// declaration conforms to `ComponentValueConvertible` by lowering and lifting its parts
/// directly, with offsets computed once by the generator.
struct TypeDeclarationEmitter {
    let names: SwiftTypeNames
    var layout: WITLayout

    private static let convertible = "ComponentModel.ComponentValueConvertible, Swift.Hashable, Swift.Sendable"
    private static let lowerFlatSignature = "public func lowerFlat(into output: inout [WasmRuntime.Value], context: ComponentModel.LiftLowerContext) throws"
    private static let storeSignature = "public func store(at pointer: Swift.Int, context: ComponentModel.LiftLowerContext) throws"
    private static let liftFlatSignature = "public static func liftFlat(from reader: inout ComponentModel.FlatValueReader, context: ComponentModel.LiftLowerContext) throws -> Self"
    private static let loadSignature = "public static func load(from pointer: Swift.Int, context: ComponentModel.LiftLowerContext) throws -> Self"

    /// Writes type `id`, named `name`, or a comment saying why it is left out.
    mutating func emit(_ id: WIT.TypeID, name: String, into out: inout SwiftSourceWriter) {
        let definition = names.resolve[type: id]
        if case .resource = definition.kind {
            resource(name, witName: definition.name ?? name, docs: definition.docs.contents, &out)
            return
        }
        if case .type(.id(let target)) = definition.kind, names.resource(target) != nil {
            out.docs(definition.docs.contents)
            out.line("public typealias \(name) = \(names.expression(target))")
            return
        }
        guard let canonical = layout.canonical(.id(id)) else {
            out.line("// `\(definition.name ?? "")` is not generated: it has no canonical ABI layout (flags with more than 32 members).")
            return
        }
        out.docs(definition.docs.contents)
        switch definition.kind {
        case .record(let fields): record(name, fields, canonical, &out)
        case .variant(let cases): variant(name, cases, canonical, &out)
        case .enumeration(let cases): enumeration(name, cases, canonical, &out)
        case .flags(let flags): flagSet(name, flags, &out)
        default: out.line("public typealias \(name) = \(names.inlineExpression(definition.kind))")
        }
    }

    // MARK: Resources

    /// A resource as a caseless marker type: values are `OwnedHandle<Name>` and
    /// `BorrowedHandle<Name>`, bound to the run-time resource type at each call.
    private func resource(_ name: String, witName: String, docs: String?, _ out: inout SwiftSourceWriter) {
        out.docs(docs)
        if docs == nil { out.line("/// The WIT resource `\(witName)`; its handles are `OwnedHandle<\(name)>` and `BorrowedHandle<\(name)>`.") }
        out.block("public enum \(name): ComponentModel.ComponentResource") { out in
            out.line("/// The WIT name.")
            out.line("public static var resourceName: Swift.String { \(SwiftNaming.stringLiteral(witName)) }")
        }
    }

    // MARK: Records

    private mutating func record(_ name: String, _ fields: [Field], _ canonical: CanonicalType, _ out: inout SwiftSourceWriter) {
        var scope = SwiftNameScope(reserved: ["componentType"])
        let members = fields.map { field in
            let label = scope.claim(SwiftNaming.lowerCamelCase(field.name))
            return (field: field, name: SwiftNaming.escaped(label), label: SwiftNaming.argumentLabel(label), type: names.expression(field.type))
        }
        let offsets = canonical.memberOffsets
        out.block("public struct \(name): \(Self.convertible)") { out in
            for member in members {
                out.docs(member.field.docs.contents)
                out.line("public var \(member.name): \(member.type)")
            }
            out.line()
            out.line("/// A value with the given fields.")
            // Parameters get their own names so a field called `self` cannot shadow `self`.
            out.block("public init(\(members.enumerated().map { "\($1.label) field\($0): \($1.type)" }.joined(separator: ", ")))") { out in
                for (index, member) in members.enumerated() { out.line("self.\(member.name) = field\(index)") }
            }
            out.line()
            out.line("/// The WIT `record` type, built once.")
            let fieldList = members.map { "ComponentModel.CanonicalField(\(SwiftNaming.stringLiteral($0.field.name)), \($0.type).componentType)" }
            out.line("public static let componentType = ComponentModel.CanonicalType(.record([\(fieldList.joined(separator: ", "))]))")
            out.line()
            out.line("/// Lowers the fields in order.")
            out.block(Self.lowerFlatSignature) { out in
                for member in members { out.line("try self.\(member.name).lowerFlat(into: &output, context: context)") }
            }
            out.line()
            out.line("/// Stores each field at its offset.")
            out.block(Self.storeSignature) { out in
                for (member, offset) in zip(members, offsets) {
                    out.line("try self.\(member.name).store(at: pointer + \(offset), context: context)")
                }
            }
            out.line()
            out.line("/// Lifts the fields in order.")
            out.block(Self.liftFlatSignature) { out in
                let arguments = members.map { "\($0.label): try \($0.type).liftFlat(from: &reader, context: context)" }
                out.line("Self(\(arguments.joined(separator: ", ")))")
            }
            out.line()
            out.line("/// Loads each field from its offset.")
            out.block(Self.loadSignature) { out in
                let arguments = zip(members, offsets).map { "\($0.label): try \($0.type).load(from: pointer + \($1), context: context)" }
                out.line("Self(\(arguments.joined(separator: ", ")))")
            }
        }
    }

    // MARK: Variants

    private mutating func variant(_ name: String, _ cases: [Case], _ canonical: CanonicalType, _ out: inout SwiftSourceWriter) {
        var scope = SwiftNameScope(reserved: ["componentType", "joinedFlat", "caseFlat"])
        let members = cases.map { variantCase in
            (case: variantCase, name: SwiftNaming.escaped(scope.claim(SwiftNaming.lowerCamelCase(variantCase.name))),
             type: variantCase.type.map { names.expression($0) },
             flat: variantCase.type.map { layout.canonical($0)!.flat } ?? [])
        }
        let joined = Array(canonical.flat.dropFirst())
        let discriminantSize = canonical.caseDiscriminantSize
        let payloadOffset = canonical.casePayloadOffset
        func flatList(_ types: [FlatType]) -> String { "[" + types.map { ".\($0)" }.joined(separator: ", ") + "]" }
        out.block("public enum \(name): \(Self.convertible)") { out in
            for member in members {
                out.docs(member.case.docs.contents)
                out.line("case \(member.name)\(member.type.map { "(\($0))" } ?? "")")
            }
            out.line()
            out.line("/// The WIT `variant` type, built once.")
            let caseList = members.map {
                "ComponentModel.CanonicalCase(\(SwiftNaming.stringLiteral($0.case.name)), \($0.type.map { "\($0).componentType" } ?? "nil"))"
            }
            out.line("public static let componentType = ComponentModel.CanonicalType(.variant([\(caseList.joined(separator: ", "))]))")
            out.line()
            out.line("/// The joined flat types of the payloads.")
            out.line("private static let joinedFlat: [ComponentModel.FlatType] = \(flatList(joined))")
            out.line("/// The flat types of each case's payload.")
            out.line("private static let caseFlat: [[ComponentModel.FlatType]] = [\(members.map { flatList($0.flat) }.joined(separator: ", "))]")
            out.line()
            out.line("/// Lowers the case index and its payload.")
            out.block(Self.lowerFlatSignature) { out in
                out.switchBlock("self") { out in
                    for (index, member) in members.enumerated() {
                        if member.type != nil {
                            out.line("case .\(member.name)(let payload):")
                            out.line("    try context.lowerCase(\(index), joined: Self.joinedFlat, into: &output) { try payload.lowerFlat(into: &$0, context: context) }")
                        } else {
                            out.line("case .\(member.name):")
                            out.line("    context.lowerCase(\(index), joined: Self.joinedFlat, into: &output) { _ in }")
                        }
                    }
                }
            }
            out.line()
            out.line("/// Stores the discriminant and the payload.")
            out.block(Self.storeSignature) { out in
                out.switchBlock("self") { out in
                    for (index, member) in members.enumerated() {
                        out.line(member.type != nil ? "case .\(member.name)(let payload):" : "case .\(member.name):")
                        out.line("    try context.storeDiscriminant(\(index), size: \(discriminantSize), at: pointer)")
                        if member.type != nil { out.line("    try payload.store(at: pointer + \(payloadOffset), context: context)") }
                    }
                }
            }
            out.line()
            out.line("/// Lifts the case index and its payload, trapping on an unknown case.")
            out.block(Self.liftFlatSignature) { out in
                out.scope("try context.liftCase(caseFlat: Self.caseFlat, joinedCount: \(joined.count), from: &reader) { index, payload in") { out in
                    out.switchBlock("index") { out in
                        for (index, member) in members.enumerated() {
                            out.line(index == members.count - 1 ? "default:" : "case \(index):")
                            out.line("    " + (member.type.map { "return .\(member.name)(try \($0).liftFlat(from: &payload, context: context))" } ?? "return .\(member.name)"))
                        }
                    }
                }
            }
            out.line()
            out.line("/// Loads the discriminant and the payload, trapping on an unknown case.")
            out.block(Self.loadSignature) { out in
                out.switchBlock("try context.loadDiscriminant(size: \(discriminantSize), caseCount: \(members.count), at: pointer)") { out in
                    for (index, member) in members.enumerated() {
                        out.line(index == members.count - 1 ? "default:" : "case \(index):")
                        out.line("    " + (member.type.map { "return .\(member.name)(try \($0).load(from: pointer + \(payloadOffset), context: context))" } ?? "return .\(member.name)"))
                    }
                }
            }
        }
    }

    // MARK: Enums

    private func enumeration(_ name: String, _ cases: [EnumCase], _ canonical: CanonicalType, _ out: inout SwiftSourceWriter) {
        var scope = SwiftNameScope(reserved: ["componentType", "rawValue", "allCases"])
        let members = cases.map { (case: $0, name: SwiftNaming.escaped(scope.claim(SwiftNaming.lowerCamelCase($0.name)))) }
        let discriminantSize = canonical.caseDiscriminantSize
        out.block("public enum \(name): Swift.UInt32, Swift.CaseIterable, \(Self.convertible)") { out in
            for (index, member) in members.enumerated() {
                out.docs(member.case.docs.contents)
                out.line("case \(member.name) = \(index)")
            }
            out.line()
            out.line("/// The WIT `enum` type, built once.")
            out.line("public static let componentType = ComponentModel.CanonicalType(.enum([\(members.map { SwiftNaming.stringLiteral($0.case.name) }.joined(separator: ", "))]))")
            out.line()
            out.line("/// Lowers the case index.")
            out.block(Self.lowerFlatSignature) { out in
                out.line("output.append(.i32(self.rawValue))")
            }
            out.line()
            out.line("/// Stores the case index.")
            out.block(Self.storeSignature) { out in
                out.line("try context.storeDiscriminant(Swift.Int(self.rawValue), size: \(discriminantSize), at: pointer)")
            }
            out.line()
            out.line("/// Lifts the case index, trapping on an unknown case.")
            out.block(Self.liftFlatSignature) { out in
                out.line("guard let value = Self(rawValue: try reader.nextI32()) else { throw ComponentModel.ComponentTrap(\"invalid enum discriminant\") }")
                out.line("return value")
            }
            out.line()
            out.line("/// Loads the case index, trapping on an unknown case.")
            out.block(Self.loadSignature) { out in
                out.line("let index = try context.loadDiscriminant(size: \(discriminantSize), caseCount: \(members.count), at: pointer)")
                out.line("return Self.allCases[index]")
            }
        }
    }

    // MARK: Flags

    private func flagSet(_ name: String, _ flags: [Flag], _ out: inout SwiftSourceWriter) {
        var scope = SwiftNameScope(reserved: ["componentType", "rawValue", "init"])
        let members = flags.map { (flag: $0, name: SwiftNaming.escaped(scope.claim(SwiftNaming.lowerCamelCase($0.name)))) }
        let mask = flags.count == 32 ? "Swift.UInt32.max" : "\((UInt64(1) << UInt64(flags.count)) - 1)"
        out.block("public struct \(name): Swift.OptionSet, \(Self.convertible)") { out in
            out.line("/// One bit per flag, in declaration order.")
            out.line("public let rawValue: Swift.UInt32")
            out.line()
            out.line("/// The flags whose bits are set in `rawValue`.")
            out.line("public init(rawValue: Swift.UInt32) { self.rawValue = rawValue }")
            for (index, member) in members.enumerated() {
                out.line()
                out.docs(member.flag.docs.contents)
                out.line("public static let \(member.name) = Self(rawValue: 1 << \(index))")
            }
            out.line()
            out.line("/// The WIT `flags` type, built once.")
            out.line("public static let componentType = ComponentModel.CanonicalType(.flags([\(members.map { SwiftNaming.stringLiteral($0.flag.name) }.joined(separator: ", "))]))")
            out.line()
            out.line("/// Lowers the bits as one `i32`.")
            out.block(Self.lowerFlatSignature) { out in
                out.line(flags.isEmpty ? "_ = output" : "output.append(.i32(self.rawValue))")
            }
            out.line()
            out.line("/// Stores the bits in as many bytes as the flags need.")
            out.block(Self.storeSignature) { out in
                out.line("try context.storeFlags(self.rawValue, count: \(flags.count), at: pointer)")
            }
            out.line()
            out.line("/// Lifts the bits, ignoring bits beyond the flags.")
            out.block(Self.liftFlatSignature) { out in
                out.line(flags.isEmpty ? "Self(rawValue: 0)" : "Self(rawValue: try reader.nextI32() & \(mask))")
            }
            out.line()
            out.line("/// Loads the bits, ignoring bits beyond the flags.")
            out.block(Self.loadSignature) { out in
                out.line("Self(rawValue: try context.loadFlags(count: \(flags.count), at: pointer))")
            }
        }
    }
}
