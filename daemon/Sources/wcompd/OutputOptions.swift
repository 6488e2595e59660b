import ArgumentParser
import SwiftProtobuf

/// How a control subcommand prints the records it receives: text lines for people, or with
/// `--json` one JSON document per line and record for scripts, named by the proto's field names
/// (proto3 JSON mapping: fields holding their default value are left out).
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print each record as one line of JSON (field names as in the daemon's proto) instead of text.")
    var json = false

    /// Prints `record` as JSON with `--json`, otherwise the text `text` gives (nothing when it gives nil).
    func emit(_ record: some SwiftProtobuf.Message, text: () -> String?) throws {
        if json {
            print(try record.jsonString(options: Self.encoding))
        } else if let line = text() {
            print(line)
        }
    }

    private static let encoding: JSONEncodingOptions = {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return options
    }()
}
