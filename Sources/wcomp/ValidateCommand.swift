import ArgumentParser

/// `wcomp validate` (being written).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate")
    func run() throws { throw ValidationError("wcomp validate is not implemented yet") }
}
