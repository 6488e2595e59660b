import ArgumentParser

/// `wcompd deploy FILE --name NAME`: uploads a component and creates an instance of it in one step.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Upload a component and create an instance of it; prints the digest and the instance (with --json: the instance record).")
    @OptionGroup var client: ClientOptions
    @Argument(help: "The component file.") var file: String
    @Option(help: "The new instance's name.") var name: String
    @Option(help: "Name to record for the component (default: the file name without extension).") var componentName: String?
    @OptionGroup var settings: InstanceSettings
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let (upload, created) = try await client.withClient { daemon in
            let upload = try await ComponentCommand.Upload.upload(file, name: componentName, with: daemon)
            let request = try settings.createRequest(name: name, componentSha256: upload.component.sha256)
            return (upload, try await daemon.instances.createInstance(request))
        }
        try output.emit(created.instance) {
            ComponentCommand.Upload.line(upload) + "\n" + InstanceCommand.List.Action.line(created.instance)
        }
    }
}
