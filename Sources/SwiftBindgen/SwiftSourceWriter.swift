/// Accumulates Swift source with indentation and `///` doc comments.
struct SwiftSourceWriter {
    private(set) var text = ""
    private var depth = 0

    /// Appends one line at the current indentation (an empty line stays empty).
    mutating func line(_ content: String = "") {
        text += content.isEmpty ? "\n" : String(repeating: "    ", count: depth) + content + "\n"
    }

    /// Appends `header {`, the lines `body` writes one level deeper, and `}`.
    mutating func block(_ header: String, _ body: (inout SwiftSourceWriter) throws -> Void) rethrows {
        try scope(header + " {", body)
    }

    /// Appends `opening`, the lines `body` writes one level deeper (a trailing empty line
    /// dropped), and `}`.
    mutating func scope(_ opening: String, _ body: (inout SwiftSourceWriter) throws -> Void) rethrows {
        line(opening)
        depth += 1
        try body(&self)
        depth -= 1
        if text.hasSuffix("\n\n") { text.removeLast() }
        line("}")
    }

    /// Appends `switch subject {`, the lines `body` writes at the same level (`case` labels
    /// align with `switch`), and `}`.
    mutating func switchBlock(_ subject: String, _ body: (inout SwiftSourceWriter) throws -> Void) rethrows {
        line("switch \(subject) {")
        try body(&self)
        line("}")
    }

    /// Appends `docs` as `///` lines; nothing when there are none.
    mutating func docs(_ contents: String?) {
        guard let contents, !contents.isEmpty else { return }
        for docLine in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            line(docLine.isEmpty ? "///" : "/// \(docLine)")
        }
    }
}
