/// An error found while reading, parsing or resolving WIT. Its `description` is the full
/// report: context, message, `--> file:line:column`, the source line and a caret.
public struct WITError: Error, CustomStringConvertible, Sendable {
    /// The message alone, e.g. "name `foo` is defined more than once".
    public var message: String
    /// Where the problem is, if it is tied to a source position.
    public var location: WITSourceLocation?
    /// Outer context, outermost first (e.g. the directory being loaded).
    public var context: [String]
    /// The message with its location and source snippet.
    public var renderedMessage: String

    /// The whole report.
    public var description: String {
        (context + [renderedMessage]).joined(separator: ": ")
    }

    /// The first line of the report, the part reference tools compare.
    public var firstLine: String {
        description.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// An error without a source position.
    init(message: String, context: [String] = []) {
        self.message = message
        self.location = nil
        self.context = context
        self.renderedMessage = message
    }

    /// An error pointing into `sources`.
    init(_ diagnostic: WITDiagnostic, sources: SourceMap, context: [String] = []) {
        message = diagnostic.message
        location = diagnostic.span.flatMap { sources.location(of: $0) }
        self.context = context
        if let secondary = diagnostic.relatedSpans, !secondary.isEmpty {
            renderedMessage = ([diagnostic.message + ":"] + secondary.map { "  * " + sources.renderLocation($0) })
                .joined(separator: "\n")
        } else if let span = diagnostic.span {
            renderedMessage = sources.highlight(diagnostic.message, at: span)
        } else {
            renderedMessage = diagnostic.message
        }
    }

    /// The same error with one more outer context.
    func adding(context outer: String) -> WITError {
        var copy = self
        copy.context.insert(outer, at: 0)
        return copy
    }
}

/// An error at a span, before it is rendered against its `SourceMap`.
struct WITDiagnostic: Error, Sendable {
    var span: Span?
    var message: String
    /// Locations listed instead of a snippet (duplicate packages).
    var relatedSpans: [Span]? = nil

    init(_ span: Span?, _ message: String) {
        self.span = span
        self.message = message
    }

    /// "{kind} `{name}` does not exist".
    static func notFound(_ span: Span, kind: String, name: String) -> WITDiagnostic {
        WITDiagnostic(span, "\(kind) `\(name)` does not exist")
    }
}
