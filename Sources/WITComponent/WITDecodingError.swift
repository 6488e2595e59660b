import ComponentModel

/// Why a component binary could not be read as WIT: it is malformed or invalid, or its
/// imports and exports do not have the shape WIT can describe.
public struct WITDecodingError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The items being decoded when it went wrong, outermost first (e.g. "import `a:b/c`").
    public var context: [String]

    /// An error with `message` and no context yet.
    init(_ message: String) {
        self.message = message
        self.context = []
    }

    /// The same error inside `item`.
    func within(_ item: String) -> WITDecodingError {
        var error = self
        error.context.insert(item, at: 0)
        return error
    }

    /// `failed to decode import `a:b/c`: type export `t` is not defined in interface`.
    public var description: String {
        (context.map { "failed to decode \($0)" } + [message]).joined(separator: ": ")
    }
}
