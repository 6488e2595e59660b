import ComponentModel

/// Why a composition could not be built. Every case names the components and imports involved
/// so that the message alone says what to change.
public enum ComposeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An input could not be read, decoded or validated.
    case invalidInput(component: String, reason: String)
    /// A provider's export has the import's name but not a compatible type.
    case typeMismatch(consumer: String, importName: String, provider: String, exportName: String, difference: String)
    /// Several providers export a compatible item for the same import.
    case ambiguous(consumer: String, importName: String, candidates: [String])
    /// Components depend on each other in a cycle (each one's import needs the next one's export).
    case cycle([String])
    /// A plug satisfies no import of the socket or of another used plug.
    case unusedPlug(String)
    /// Two items of the result would share a name with different types or origins.
    case conflictingNames(name: String, reason: String)
    /// The composition needs something this encoder does not express (with the reason).
    case unsupported(String)
    /// A composition file or its wiring is wrong; `location` is `file:line:column` when known.
    case configuration(location: String?, message: String)
    /// The composed component failed validation: a defect of the composition, reported as such.
    case invalidResult(ComponentError)

    /// A readable rendering for messages.
    public var description: String {
        switch self {
        case .invalidInput(let component, let reason):
            return "\(component): \(reason)"
        case .typeMismatch(let consumer, let importName, let provider, let exportName, let difference):
            let export = exportName == importName ? "" : " (as `\(exportName)`)"
            return "import `\(importName)` of \(consumer) cannot be satisfied by the export of \(provider)\(export): \(difference)"
        case .ambiguous(let consumer, let importName, let candidates):
            return "import `\(importName)` of \(consumer) is ambiguous: it could be satisfied by "
                + candidates.joined(separator: ", ") + "; use a composition file (--config) to choose"
        case .cycle(let path):
            return "components depend on each other in a cycle: " + path.joined(separator: " -> ")
        case .unusedPlug(let plug):
            return "\(plug) satisfies no import of the socket or of another plug"
        case .conflictingNames(let name, let reason):
            return "name `\(name)` conflicts: \(reason)"
        case .unsupported(let what):
            return "unsupported composition: \(what)"
        case .configuration(let location, let message):
            return (location.map { "\($0): " } ?? "") + message
        case .invalidResult(let error):
            return "the composed component is invalid (a bug in wcomp compose): \(error)"
        }
    }
}
