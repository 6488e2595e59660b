import ArgumentParser

/// `wcomp run` (being written).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run")
    func run() throws { throw ValidationError("wcomp run is not implemented yet") }
}
