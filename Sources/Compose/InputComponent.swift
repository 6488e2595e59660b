import ComponentModel

/// A component given to a composition: its name for messages, its decoded binary and the type
/// the validator resolved for it.
public struct InputComponent: Sendable {
    /// How messages refer to the component (usually its file name).
    public var name: String
    /// The decoded component, embedded unchanged in the result.
    public var component: Component
    /// Its imports and exports with the arena their types live in.
    public var validated: ValidatedComponent

    /// Decodes and validates `bytes`; errors say which input was wrong and why.
    public init(name: String, bytes: [UInt8]) throws(ComposeError) {
        let component: Component
        do {
            component = try Component(decoding: bytes)
        } catch {
            throw ComposeError.invalidInput(component: name, reason: "\(error)")
        }
        try self.init(name: name, component: component)
    }

    /// Validates an already decoded component.
    public init(name: String, component: Component) throws(ComposeError) {
        self.name = name
        self.component = component
        do {
            validated = try component.validate()
        } catch {
            throw ComposeError.invalidInput(component: name, reason: "\(error)")
        }
    }

    /// The component's imports in order.
    public var imports: [NamedEntity] { validated.type.imports }
    /// The component's exports in order.
    public var exports: [NamedEntity] { validated.type.exports }
}
