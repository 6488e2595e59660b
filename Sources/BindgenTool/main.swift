import Foundation
import SwiftBindgen

// `wcomp-bindgen-tool WIT-DIR --world NAME --output FILE`: the generator the SwiftPM build
// plugin runs. It writes the file only when its contents change, so builds stay incremental.

/// The parsed command line.
struct ToolArguments {
    var witDirectory: String?
    var world: String?
    var output: String?

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--world": world = iterator.next()
            case "--output", "-o": output = iterator.next()
            default:
                guard witDirectory == nil else { throw SwiftBindgenError("unexpected argument `\(argument)`") }
                witDirectory = argument
            }
        }
    }
}

do {
    let arguments = try ToolArguments(Array(CommandLine.arguments.dropFirst()))
    guard let directory = arguments.witDirectory, let output = arguments.output else {
        throw SwiftBindgenError("usage: wcomp-bindgen-tool WIT-DIR [--world NAME] --output FILE")
    }
    let source = try SwiftBindgen.generate(witDirectory: directory, world: arguments.world)
    let data = Data(source.utf8)
    if FileManager.default.contents(atPath: output) != data {
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("wcomp-bindgen-tool: \(error)\n".utf8))
    exit(1)
}
