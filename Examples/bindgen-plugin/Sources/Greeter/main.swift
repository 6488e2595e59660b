import ComponentModel
import Foundation

// Loads a component built for wit/greeter.wit (path given as the first argument), lets it
// print and fill transcripts through the host and calls its `greet` export, all through the
// generated bindings.

/// The host side of `example:greeter/console`.
struct StandardOutputConsole: Console.Host {
    func print(line: String) throws {
        Swift.print(line)
    }

    func makeTranscript(title: String) throws -> any Console.TranscriptObject {
        PrintedTranscript(title: title)
    }
}

/// The host object behind a guest's `transcript`: the bindings release it when the guest
/// drops its handle, and it prints its lines then.
final class PrintedTranscript: Console.TranscriptObject {
    let title: String
    private var lines: [String] = []

    init(title: String) {
        self.title = title
    }

    func add(line: String) throws {
        lines.append(line)
    }

    deinit {
        Swift.print("\(title): \(lines.joined(separator: ", "))")
    }
}

guard CommandLine.arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: Greeter COMPONENT.wasm NAME\n".utf8))
    exit(2)
}
do {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1]))
    let linker = ComponentLinker()
    Console.register(StandardOutputConsole(), in: linker)
    let instance = try linker.instantiate(LoadedComponent(bytes: [UInt8](bytes)))
    let count = try Greeter.Exports(instance).greet(name: CommandLine.arguments[2])
    Swift.print("greetings so far: \(count)")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
