import Foundation

/// One line of a `.calls` file (see `Tests/Differential/run_wasmtime.py` for the format, which
/// both runtimes follow): a WAVE call whose result may be kept under a name, or a host-side
/// drop of a kept resource handle.
enum CallScriptLine: Equatable {
    /// `[binding =] call`; `$name` arguments refer to kept handles.
    case call(binding: String?, text: String)
    /// `drop $name`.
    case drop(String)

    /// The lines of a calls file, comments and blank lines left out.
    static func parse(_ text: String) -> [CallScriptLine] {
        text.components(separatedBy: "\n").compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { return nil }
            if line.hasPrefix("drop ") {
                let name = line.dropFirst("drop ".count).trimmingCharacters(in: .whitespaces)
                return .drop(name.hasPrefix("$") ? String(name.dropFirst()) : name)
            }
            if let equals = line.firstIndex(of: "="), !line[..<equals].contains("("), !line[..<equals].contains("\"") {
                return .call(binding: line[..<equals].trimmingCharacters(in: .whitespaces),
                             text: line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            }
            return .call(binding: nil, text: line)
        }
    }
}
