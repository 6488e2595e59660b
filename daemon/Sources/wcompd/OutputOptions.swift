import ArgumentParser
import Foundation
import SwiftProtobuf

/// How a control subcommand prints the records it receives: text lines for people, or with
/// `--json` one JSON document per line and record for scripts, named by the proto's field names
/// (proto3 JSON mapping: fields holding their default value are left out). Each record is written
/// unbuffered, so a script reading a stream (`events`) sees it at once.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print each record as one line of JSON (field names as in the daemon's proto) instead of text.")
    var json = false

    /// Prints `record` as JSON with `--json`, otherwise the text `text` gives (nothing when it gives nil).
    func emit(_ record: some SwiftProtobuf.Message, text: () -> String?) throws {
        guard let line = json ? try record.jsonString(options: Self.encoding) : text() else { return }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static let encoding: JSONEncodingOptions = {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return options
    }()
}
