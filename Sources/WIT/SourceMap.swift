/// The WIT source files of one load, laid end to end so that a single offset (`Span`)
/// identifies a file and a position in it.
public struct SourceMap: Sendable {
    struct Source: Sendable {
        var offset: UInt32
        var path: String
        var bytes: [UInt8]
    }

    private(set) var sources: [Source] = []
    private var nextOffset: UInt32 = 0

    /// Creates an empty map.
    public init() {}

    /// Adds a file and returns the offset of its first byte.
    @discardableResult
    public mutating func add(path: String, contents: String) -> UInt32 {
        var bytes = Array(contents.utf8)
        bytes.append(UInt8(ascii: "\n"))  // so that an end-of-file span still maps to this file
        let start = nextOffset
        sources.append(Source(offset: start, path: path, bytes: bytes))
        nextOffset = start &+ UInt32(clamping: bytes.count)
        return start
    }

    /// The paths of all files in the map.
    public var paths: [String] { sources.map(\.path) }

    private func source(containing offset: UInt32) -> Source? {
        guard let index = sources.lastIndex(where: { $0.offset <= offset }) else { return nil }
        return sources[index]
    }

    /// The file, 1-based line and 1-based byte column of a span's start.
    public func location(of span: Span) -> WITSourceLocation? {
        guard span.isKnown, span.start < nextOffset, let source = source(containing: span.start) else { return nil }
        let relative = Int(span.start - source.offset)
        var line = 0
        var lineStart = 0
        for (i, byte) in source.bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if i >= relative { break }
            line += 1
            lineStart = i + 1
        }
        var lineEnd = lineStart
        while lineEnd < source.bytes.count, source.bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        var lineBytes = source.bytes[lineStart..<lineEnd]
        if lineBytes.last == UInt8(ascii: "\r") { lineBytes = lineBytes.dropLast() }
        let end = min(Int(span.end &- source.offset), source.bytes.count)
        let spanText = end >= relative ? String(decoding: source.bytes[relative..<end], as: UTF8.self) : ""
        return WITSourceLocation(
            path: source.path, line: line + 1, column: relative - lineStart + 1,
            lineText: String(decoding: lineBytes, as: UTF8.self), spanCharacterCount: spanText.unicodeScalars.count)
    }

    /// `file:line:column` of a span, or `<unknown>`.
    public func renderLocation(_ span: Span) -> String {
        guard let location = location(of: span) else { return "<unknown>" }
        return "\(location.path):\(location.line):\(location.column)"
    }

    /// Renders a message with the file, line, column, the source line and a caret under the span.
    func highlight(_ message: String, at span: Span) -> String {
        guard let location = location(of: span) else { return message }
        if location.lineText.utf8.count > 500 {
            return "\(location.path):\(location.line):\(location.column): \(message)"
        }
        let lineNumber = String(location.line)
        let paddedLine = String(repeating: " ", count: max(0, 4 - lineNumber.count)) + lineNumber
        let marker = String(repeating: " ", count: location.column - 1) + "^"
            + String(repeating: "-", count: max(0, location.spanCharacterCount - 1))
        return """
            \(message)
                 --> \(location.path):\(location.line):\(location.column)
                  |
             \(paddedLine) | \(location.lineText)
                  | \(marker)
            """
    }
}

/// A position in a WIT source file.
public struct WITSourceLocation: Hashable, Sendable {
    /// The file path as it was loaded.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in bytes.
    public var column: Int
    /// The text of the line.
    public var lineText: String
    /// How many characters the reported span covers.
    var spanCharacterCount: Int
}
