/// The syntax tree of a composition file: the subset of the WAC language (bytecodealliance/wac
/// LANGUAGE.md) that `wcomp compose --config` reads. See `WACParser` for the grammar.
struct WACDocument {
    /// The `package` directive's name, e.g. `local:app`.
    var packageName: String
    var statements: [WACStatement]
}

/// A position in a composition file, 1-based.
struct WACLocation: Hashable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int
    var description: String { "\(line):\(column)" }
}

/// A `let` or `export` statement.
enum WACStatement {
    /// `let name = expression;`
    case `let`(name: String, value: WACExpression, at: WACLocation)
    /// `export expression (as name)?;` or `export expression...;`
    case export(value: WACExpression, options: WACExportOptions, at: WACLocation)
}

/// How an export statement names what it exports.
enum WACExportOptions {
    /// The name the expression implies (the accessed export's name).
    case implied
    /// `as name`
    case renamed(String)
    /// `...`: every export of an instance that does not conflict with an earlier export.
    case spread
}

/// An expression: a primary expression followed by export accesses.
indirect enum WACExpression {
    /// A local name bound by `let`.
    case name(String, at: WACLocation)
    /// `new package { arguments }`
    case new(package: String, arguments: [WACArgument], importsRest: Bool, at: WACLocation)
    /// `expression.id`: the export whose name is `id` or ends with `/id`.
    case access(WACExpression, String, at: WACLocation)
    /// `expression["name"]`: the export named exactly `name`.
    case namedAccess(WACExpression, String, at: WACLocation)

    var location: WACLocation {
        switch self {
        case .name(_, let at), .new(_, _, _, let at), .access(_, _, let at), .namedAccess(_, _, let at): at
        }
    }
}

/// An instantiation argument.
enum WACArgument {
    /// `c`: a local name passed under an inferred argument name.
    case inferred(String, at: WACLocation)
    /// `name: expression` (name as an identifier or a string).
    case named(String, isString: Bool, WACExpression, at: WACLocation)
    /// `...c`: the exports of instance `c` for the imports still unsatisfied.
    case spread(String, at: WACLocation)
}
