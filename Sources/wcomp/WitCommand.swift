import ArgumentParser

/// `wcomp wit` (being written).
struct WitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wit")
    func run() throws { throw ValidationError("wcomp wit is not implemented yet") }
}
