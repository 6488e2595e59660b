extension PackageDocs {
    /// The JSON of a `package-docs` section, as wit-component writes it. Every member is
    /// optional: what is absent leaves the decoded package as it is.
    struct Contents: Decodable {
        var package: String?
        var docs: String?
        var worlds: [String: WorldContents]?
        var interfaces: [String: InterfaceContents]?
    }

    /// A world's docs: its own, its inline interfaces (imported, or only exported), its types
    /// and functions, and the stability of the interfaces it imports and exports by name.
    struct WorldContents: Decodable {
        var docs: String?
        var stability: StabilityContents?
        var interfaces: [String: InterfaceContents]?
        var interfaceExports: [String: InterfaceContents]?
        var types: [String: TypeContents]?
        var funcs: [String: FunctionContents]?
        var funcExports: [String: FunctionContents]?
        var interfaceImportStability: [String: StabilityContents]?
        var interfaceExportStability: [String: StabilityContents]?

        enum CodingKeys: String, CodingKey {
            case docs, stability, interfaces, types, funcs
            case interfaceExports = "interface_exports"
            case funcExports = "func_exports"
            case interfaceImportStability = "interface_import_stability"
            case interfaceExportStability = "interface_export_stability"
        }
    }

    /// An interface's docs and stability, with its types' and functions'.
    struct InterfaceContents: Decodable {
        var docs: String?
        var stability: StabilityContents?
        var types: [String: TypeContents]?
        var funcs: [String: FunctionContents]?
    }

    /// A type's docs and stability; `items` documents record fields, variant and enum cases
    /// and flags by name.
    struct TypeContents: Decodable {
        var docs: String?
        var stability: StabilityContents?
        var items: [String: String]?
    }

    /// A function's metadata: a plain docs string (version 0) or an object with docs and
    /// stability (version 1).
    struct FunctionContents: Decodable {
        var docs: String?
        var stability: StabilityContents?
        /// Whether it was an object: a plain string sets the docs only.
        var isObject: Bool

        private enum CodingKeys: String, CodingKey { case docs, stability }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                docs = text
                isObject = false
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            docs = try container.decodeIfPresent(String.self, forKey: .docs)
            stability = try container.decodeIfPresent(StabilityContents.self, forKey: .stability)
            isObject = true
        }
    }

    /// `{"stable": {"since": v, "deprecated": v}}` or `{"unstable": {"feature": f, "deprecated": v}}`.
    struct StabilityContents: Decodable {
        struct Stable: Decodable {
            var since: String?
            var deprecated: String?
        }

        struct Unstable: Decodable {
            var feature: String?
            var deprecated: String?
        }

        var stable: Stable?
        var unstable: Unstable?
    }
}
